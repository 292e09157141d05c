// The one lint engine the editor, the CLI and a live-cluster scan all call.
import { resolveConfig, type ResolvedConfig } from './config';
import { ENGINE_RULES } from './engine-rules';
import { spanOf } from './locate';
import { allRules, docsUrl } from './rules';
import { fileWalk, type ProposedFix, type Report, type Rule, type RuleContext } from './rule';
import { parseSource, toLocation, type KObject, type SourceFile } from './source';
import { collectSuppressions } from './suppress';
import type { Finding, Fix, Severity, Span, TextEdit } from './types';
import { NEWEST_KNOWN_VERSION, parseVersion } from './version';
import { containers, get, isObj, podSite } from './walk';
import { Workspace } from './workspace';

export interface LintOptions {
  config?: ResolvedConfig;
  rules?: readonly Rule[];
  /** Other files for cross-document rules; the linted file is added to it. */
  workspace?: Workspace;
}

export { docsUrl };

// A line (or List item) that starts with apiVersion, and one that starts with kind, in either order.
const API_VERSION_KEY = /^\s*(?:-\s+)?apiVersion:/m;
const KIND_KEY = /^\s*(?:-\s+)?kind:/m;

/** Whether a text looks like Kubernetes manifests: some line starts with `apiVersion:` and some with `kind:`. */
export function looksLikeKubernetes(text: string): boolean {
  return API_VERSION_KEY.test(text) && KIND_KEY.test(text);
}

/** Parses `text` as the file `path` and lints it. */
export function lintText(path: string, text: string, opts: LintOptions = {}): Finding[] {
  const file = parseSource(path, text);
  const ws = opts.workspace ?? new Workspace();
  ws.set(file);
  return lintFile(file, { ...opts, workspace: ws });
}

export function lintFile(file: SourceFile, opts: LintOptions = {}): Finding[] {
  const config = opts.config ?? resolveConfig();
  const rules = opts.rules ?? allRules;
  const ws = opts.workspace ?? new Workspace();
  if (!ws.get(file.path)) ws.set(file);
  const findings: Finding[] = [];
  const engineFinding = (ruleId: string, span: Span, message: string, severity?: Severity) => {
    const meta = ENGINE_RULES.find((r) => r.id === ruleId)!;
    const sev = severity ?? config.severity(ruleId, meta.defaultSeverity);
    if (sev === 'off') return;
    findings.push({ ruleId, severity: sev, message, file: file.path, span, location: toLocation(file, span) });
  };

  if (file.tooLarge) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    engineFinding('file-too-large', { start: 0, end: 0 }, `File of ${mb(file.tooLarge.bytes)} is over the ${mb(file.tooLarge.limit)} limit and was not linted (raise it with --max-file-size).`);
    return findings;
  }
  if (file.helm) {
    // Template syntax is rarely valid YAML: one message for the file, no syntax errors.
    engineFinding('helm-template', file.helm, 'Helm template: not linted until rendered (run `helm template` and lint its output).');
    return findings;
  }
  // Syntax errors are ours to report only in files that look like Kubernetes manifests; a broken CI workflow
  // is another tool's business.
  if (file.docs.some((d) => d.error) && looksLikeKubernetes(file.text)) {
    for (const d of file.docs) {
      if (d.error) engineFinding('yaml-syntax', d.error.span, `YAML syntax error: ${d.error.message}`);
    }
  }

  const mayHavePatchDirectives = file.text.includes('$patch');
  const objects = ws.isPatchFile(file.path) ? [] : file.objects.filter((o) => !isPartial(o, mayHavePatchDirectives));
  if (objects.length === 0 && findings.length === 0) return findings;
  const suppressions = collectSuppressions(file);
  const known = new Set([...rules.map((r) => r.meta.id), ...ENGINE_RULES.map((r) => r.id)]);
  for (const ref of suppressions.refs) {
    if (!known.has(ref.id)) engineFinding('unknown-rule', ref.span, `Unknown rule "${ref.id}" in a suppression: it suppresses nothing.`);
  }

  const walk = fileWalk(objects);
  const targetVersion = config.kubernetesVersion ?? parseVersion(NEWEST_KNOWN_VERSION)!;
  for (const rule of rules) {
    const severity = config.severity(rule.meta.id, rule.meta.defaultSeverity);
    if (severity === 'off') continue;
    const ctx: RuleContext = {
      file,
      objects,
      workspace: ws,
      config,
      options: config.options(rule.meta),
      targetVersion,
      pods: () => walk.pods,
      containers: () => walk.containers,
      report: (r) => {
        const f = toFinding(file, rule, r.severity && !config.isConfigured(rule.meta.id) ? r.severity : severity, r);
        if (!suppressions.isSuppressed(rule.meta.id, f.span.start, r.object)) findings.push(f);
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      const first = objects[0];
      const span = first ? spanOf(first, ['kind']) : { start: 0, end: 1 };
      engineFinding('internal-error', span, `Rule ${rule.meta.id} failed on this file (${(e as Error).message}); the other rules still ran.`);
    }
  }
  return sortFindings(findings);
}

function toFinding(file: SourceFile, rule: Rule, severity: Severity, r: Report): Finding {
  const o = r.object;
  const span = r.span ?? spanOf(o, r.path ?? ['metadata', 'name'], r.prefer);
  const f: Finding = {
    ruleId: rule.meta.id,
    severity,
    message: `${o.kind} ${o.name || '(unnamed)'}: ${r.message}`,
    file: file.path,
    span,
    location: toLocation(file, span),
    object: { apiVersion: o.apiVersion, kind: o.kind, name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
  };
  const fix = r.fix && toFix(r.fix);
  if (fix) f.fix = fix;
  const suggestions = (r.suggest ?? []).map(toFix).filter((s): s is Fix => s !== undefined);
  if (suggestions.length) f.suggestions = suggestions;
  if (r.related?.length) {
    f.related = r.related.map((rel) => {
      const relPath = rel.path ?? ['metadata', 'name'];
      const remote = rel.object.remote;
      if (remote) return { file: rel.object.file.path, span: { start: 0, end: 0 }, location: { line: 1, column: 1, endLine: 1, endColumn: 1 }, message: rel.message, remote: { ...remote, path: relPath } };
      const rspan = spanOf(rel.object, relPath);
      return { file: rel.object.file.path, span: rspan, location: toLocation(rel.object.file, rspan), message: rel.message };
    });
  }
  return f;
}

/**
 * A rule's proposed fix as a Fix whose edits are made on first use (and kept); a fix that turns out impossible then
 * has no edits, which every consumer treats as nothing to apply.
 */
function toFix(p: ProposedFix): Fix | undefined {
  const { title, edits } = p;
  if (typeof edits !== 'function') return edits ? { title, edits } : undefined;
  let made: TextEdit[] | undefined;
  return {
    title,
    get edits(): TextEdit[] {
      made ??= edits() ?? [];
      return made;
    },
  };
}

/**
 * A strategic-merge patch looks like an object but is partial: `$patch` directives, or a workload whose
 * containers name no image. Linting it whole would report everything it leaves to the base.
 */
function isPartial(o: KObject, mayHavePatchDirectives: boolean): boolean {
  if (mayHavePatchDirectives && JSON.stringify(o.value).includes('"$patch"')) return true;
  const site = podSite(o);
  if (!site) return false;
  const cs = containers(site, ['containers']);
  if (cs.length === 0) return !isObj(get(o.value, ['spec', 'selector'])) && o.kind !== 'Pod';
  // A patch leaves images out; an image of the wrong type is a broken object the schema rule reports, not a patch.
  return cs.every((c) => c.container.image === undefined);
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
