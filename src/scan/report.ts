// A scan's findings as Markdown (the summary document, grouped by rule and by object) and as SARIF (the lint CLI's
// own writer, with the cluster-level rules' descriptors added). Pure: the extension and the CLI both call these.
import { writeSarif } from '../cli/format-sarif';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules, docsUrl } from '../lint/rules';
import type { Finding, RuleMeta } from '../lint/types';
import { CLUSTER_RULES, clusterRule } from './cluster-rules';
import { counts, type ScanResult } from './run';

const METAS = new Map<string, RuleMeta>([...allRules.map((r) => r.meta), ...ENGINE_RULES, ...CLUSTER_RULES].map((m) => [m.id, m]));

/** Where a rule is documented: the EKS Best Practices Guide for cluster-level rules, the rule reference otherwise. */
export function ruleDocs(id: string): string {
  return clusterRule(id)?.docs ?? docsUrl(id);
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return METAS.get(id);
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
const md = (s: string) => s.replace(/([\\`*_[\]<>|])/g, '\\$1');

function objectLabel(f: Finding): string {
  const o = f.object;
  if (!o) return 'Cluster';
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

export interface MarkdownOptions {
  /** A link target for a finding's document at its line (the extension: a command URI; the CLI: the path). */
  link?(f: Finding): string | undefined;
  version?: string;
}

export function scanMarkdown(r: ScanResult, opts: MarkdownOptions = {}): string {
  const c = counts(r.findings);
  const where = r.namespace ? `namespace ${r.namespace} of cluster ${r.clusterName}` : `cluster ${r.clusterName}`;
  const s = r.stats;
  const out: string[] = [
    `# Wharf scan: ${md(where)} (${md(r.region)})`,
    '',
    `Scanned ${r.startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}${opts.version ? ` by Wharf ${opts.version}` : ''}: ${plural(s.linted, 'object')} linted of ${s.listed} listed ` +
      `(${s.skippedOwned} owned by a controller and covered by their owner, ${s.skippedSystem} system objects skipped) in ${(s.ms / 1000).toFixed(1)} s.`,
    '',
    r.findings.length ? `**${plural(r.findings.length, 'problem')}**: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info.` : '**No problems found.**',
  ];
  if (r.notes.length) out.push('', '## Not checked', '', ...r.notes.map((n) => `- ${md(n)}`));
  if (r.findings.length === 0) return out.join('\n') + '\n';
  const item = (f: Finding, what: string) => {
    const href = opts.link?.(f);
    const at = `line ${f.location.line}`;
    return `- ${href ? `[${md(what)}](${href})` : md(what)} (${at}): ${md(f.message)}`;
  };

  const byRule = group(r.findings, (f) => f.ruleId);
  const rules = [...byRule.entries()].sort(([a, fa], [b, fb]) => SEVERITY_ORDER[fa[0].severity] - SEVERITY_ORDER[fb[0].severity] || fb.length - fa.length || (a < b ? -1 : 1));
  out.push('', '## By rule', '', '| rule | severity | findings |', '|---|---|---|');
  for (const [id, list] of rules) out.push(`| [${id}](${ruleDocs(id)}) | ${list[0].severity} | ${list.length} |`);
  for (const [id, list] of rules) {
    const m = METAS.get(id);
    out.push('', `### ${id} (${list[0].severity}, ${list.length})`, '', `${md(m?.description ?? '')} [Documentation](${ruleDocs(id)})`, '');
    for (const f of list) out.push(item(f, objectLabel(f)));
  }

  const byObject = group(r.findings, objectLabel);
  out.push('', '## By object');
  for (const [label, list] of [...byObject.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push('', `### ${md(label)} (${list.length})`, '');
    for (const f of list) out.push(item(f, `${f.severity} ${f.ruleId}`));
  }
  return out.join('\n') + '\n';
}

function group<K>(findings: readonly Finding[], key: (f: Finding) => K): Map<K, Finding[]> {
  const m = new Map<K, Finding[]>();
  for (const f of findings) {
    const k = key(f);
    const l = m.get(k);
    if (l) l.push(f);
    else m.set(k, [f]);
  }
  return m;
}

/** SARIF 2.1.0 from the lint CLI's writer, plus descriptors for the cluster-level rules it does not know. */
export function scanSarif(r: ScanResult, version: string): string {
  let text = '';
  writeSarif(r.findings, version, r.texts, (s) => (text += s));
  const log = JSON.parse(text) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex?: number }[]; properties?: object }[] };
  const run = log.runs[0];
  const rules = run.tool.driver.rules;
  for (const cr of CLUSTER_RULES) {
    if (!r.findings.some((f) => f.ruleId === cr.id)) continue;
    rules.push({
      id: cr.id,
      name: cr.id.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
      shortDescription: { text: cr.description },
      fullDescription: { text: cr.rationale },
      helpUri: cr.docs,
      help: { text: `${cr.description} ${cr.rationale}`, markdown: `${cr.description}\n\n${cr.rationale}\n\n[Documentation](${cr.docs})` },
      defaultConfiguration: { level: cr.defaultSeverity === 'info' ? 'note' : cr.defaultSeverity },
      properties: { tags: [cr.category, 'eks-cluster'] },
    } as { id: string });
  }
  const index = new Map(rules.map((x, i) => [x.id, i]));
  for (const res of run.results) if (res.ruleIndex === undefined && index.has(res.ruleId)) res.ruleIndex = index.get(res.ruleId);
  run.properties = { wharfScan: { cluster: r.clusterName, region: r.region, namespace: r.namespace ?? null, linted: r.stats.linted, listed: r.stats.listed, notes: r.notes } };
  return JSON.stringify(log, null, 2) + '\n';
}
