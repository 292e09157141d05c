// SARIF 2.1.0 as GitHub code scanning reads it: a descriptor for every rule, results with regions relative to
// the repository root, related locations for cross-document findings, and fingerprints that survive line moves.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules, docsUrl } from '../lint/rules';
import type { Finding, RuleMeta, Severity, SeveritySetting } from '../lint/types';
import { displayPath } from './run';
import { writeJsonWith } from './write-json';

const LEVEL: Record<SeveritySetting, string> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

const RESULTS = '\u0000results';

/** Writes the SARIF log; results are streamed (see write-json.ts), the rest is stringified whole. */
export function writeSarif(findings: readonly Finding[], version: string, texts: ReadonlyMap<string, string>, write: (s: string) => void): void {
  const metas: RuleMeta[] = [...allRules.map((r) => r.meta), ...ENGINE_RULES];
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const skeleton = {
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
        // Result paths are relative to where wharf ran, which is the repository root in CI.
        originalUriBaseIds: { '%SRCROOT%': { uri: dirUri(process.cwd()) } },
        results: RESULTS,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  const toResult = ([f, fp]: [Finding, string]) => result(f, fp, index.get(f.ruleId) ?? -1, texts.get(f.file));
  writeJsonWith(skeleton, RESULTS, withFingerprints(findings), toResult, write);
}

function descriptor(m: RuleMeta): object {
  // Code scanning classifies a rule as a security alert by the "security" tag, which the category already is
  // for security rules (the schema forbids a tag twice).
  const tags = [m.category];
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

function result(f: Finding, fp: string, ruleIndex: number, text: string | undefined): object {
  // Code scanning shows related locations only when the message links them: "[text](id)".
  const links = (f.related ?? []).map((r, i) => `[${escapeLinkText(r.message)}](${i + 1})`);
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[f.severity as Severity],
    message: { text: links.length ? `${f.message} See ${links.join(', ')}.` : f.message },
    locations: [location(f.file, f.location)],
    partialFingerprints: { 'wharfFinding/v1': fp },
  };
  if (f.related?.length) {
    out.relatedLocations = f.related.map((r, i) => ({ id: i + 1, ...location(r.file, r.location), message: { text: r.message } }));
  }
  if (f.fix && f.fix.edits.length && text !== undefined) {
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

/**
 * Stable across edits that move lines: the rule, the file, the object and the message, not the position. Two
 * findings with the same key (rare: identical messages on one object) get an occurrence number, as GitHub's own
 * primaryLocationLineHash does, so each alert keeps its identity.
 */
function withFingerprints(findings: readonly Finding[]): [Finding, string][] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const o = f.object;
    const key = [f.ruleId, displayPath(f.file), o ? `${o.kind}/${o.namespace ?? ''}/${o.name}` : '', f.message].join('\0');
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return [f, `${hash}:${n}`];
  });
}

function escapeLinkText(s: string): string {
  return s.replace(/[[\]\\]/g, (c) => `\\${c}`);
}

/** SARIF wants a base URI that ends in a slash. */
function dirUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
