// SARIF 2.1.0 as GitHub code scanning reads it: a descriptor for every rule, results with regions relative to
// the repository root, related locations for cross-document findings, and fingerprints that survive line moves.
import { createHash } from 'node:crypto';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules, docsUrl } from '../lint/rules';
import type { Finding, RuleMeta, Severity, SeveritySetting } from '../lint/types';
import { displayPath } from './run';

const LEVEL: Record<SeveritySetting, string> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

export function toSarif(findings: readonly Finding[], version: string, texts: ReadonlyMap<string, string>): object {
  const metas: RuleMeta[] = [...allRules.map((r) => r.meta), ...ENGINE_RULES];
  const index = new Map(metas.map((m, i) => [m.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wharf',
            informationUri: docsUrl('rule-reference').replace(/#.*/, ''),
            semanticVersion: version,
            rules: metas.map(descriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileUri(process.cwd()) } },
        results: findings.map((f) => result(f, index.get(f.ruleId) ?? -1, texts.get(f.file))),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

function descriptor(m: RuleMeta): object {
  const tags = [m.category];
  if (m.category === 'security') tags.push('security');
  return {
    id: m.id,
    name: m.id.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
    shortDescription: { text: m.description },
    fullDescription: { text: m.rationale },
    helpUri: docsUrl(m.id),
    help: { text: `${m.description} ${m.rationale}`, markdown: `${m.description}\n\n${m.rationale}\n\n[Documentation](${docsUrl(m.id)})` },
    defaultConfiguration: { level: LEVEL[m.defaultSeverity], enabled: m.defaultSeverity !== 'off' },
    properties: { tags, ...(m.category === 'security' ? { 'security-severity': securitySeverity(m.defaultSeverity) } : {}) },
  };
}

function securitySeverity(s: SeveritySetting): string {
  return s === 'error' ? '8.0' : s === 'warning' ? '5.0' : '2.0';
}

function location(file: string, loc: Finding['location']): object {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(displayPath(file)), uriBaseId: '%SRCROOT%' },
      region: { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn },
    },
  };
}

function result(f: Finding, ruleIndex: number, text: string | undefined): object {
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.severity as Severity],
    message: { text: f.message },
    locations: [location(f.file, f.location)],
    partialFingerprints: { 'wharfFinding/v1': fingerprint(f) },
  };
  if (f.related?.length) {
    out.relatedLocations = f.related.map((r, i) => ({ id: i + 1, ...location(r.file, r.location), message: { text: r.message } }));
  }
  if (f.fix && text !== undefined) {
    out.fixes = [
      {
        description: { text: f.fix.title },
        artifactChanges: [
          {
            artifactLocation: { uri: encodeURI(displayPath(f.file)), uriBaseId: '%SRCROOT%' },
            replacements: f.fix.edits.map((e) => ({ deletedRegion: { charOffset: e.start, charLength: e.end - e.start }, insertedContent: { text: e.text } })),
          },
        ],
      },
    ];
  }
  return out;
}

/** Stable across edits that move lines: the rule, the file, the object and the message, not the position. */
function fingerprint(f: Finding): string {
  const o = f.object;
  const key = [f.ruleId, displayPath(f.file), o ? `${o.kind}/${o.namespace ?? ''}/${o.name}` : '', f.message].join('\0');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function pathToFileUri(dir: string): string {
  const withSlash = dir.endsWith('/') ? dir : `${dir}/`;
  return 'file://' + encodeURI(withSlash.split('\\').join('/'));
}
