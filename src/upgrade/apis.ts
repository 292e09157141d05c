// Deprecated and removed APIs, from three places, judged against the next versions with the lint engine's table
// (src/lint/data/deprecated-apis.ts: the single source of what is deprecated, removed and replaced by what):
// - what clients request (the API server's gauge, EKS insights' client stats);
// - workspace manifests (the lint engine's deprecated-api rule, run at the next versions: lint-deprecated.ts, passed
//   in so that this module does not pull the engine into the explorer bundle).
import type { EksInsight } from '../aws/eks-insights';
import type { RequestedDeprecatedApi } from '../kube/deprecated-apis';
import { DEPRECATED_APIS, type DeprecatedApi } from '../lint/data/deprecated-apis';
import type { Finding as LintFinding } from '../lint/types';
import type { Finding, ManifestFinding, Severity } from './model';
import { atOrBefore } from './versions';

/** The resource name (plural, lower case) of a kind, as the API path and the metric's `resource` label spell it. */
export function resourceOf(kind: string): string {
  const k = kind.toLowerCase();
  if (k.endsWith('ss')) return `${k}es`;
  if (k.endsWith('s')) return k; // endpoints
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

export function lookupByResource(group: string, version: string, resource: string): DeprecatedApi | undefined {
  const gv = group ? `${group}/${version}` : version;
  return DEPRECATED_APIS.find((d) => d.apiVersion === gv && d.kinds.some((k) => resourceOf(k) === resource));
}

/** "/apis/flowcontrol.apiserver.k8s.io/v1beta2/flowschemas" or "/api/v1/namespaces/x/endpoints" -> group, version, resource. */
export function parseApiPath(path: string): { group: string; version: string; resource: string } | undefined {
  const p = path.split('?')[0].split('/').filter(Boolean);
  let group = '';
  let rest: string[];
  if (p[0] === 'api') rest = p.slice(1);
  else if (p[0] === 'apis' && p.length >= 3) {
    group = p[1];
    rest = p.slice(2);
  } else return undefined;
  const [version, ...tail] = rest;
  if (!version) return undefined;
  // /namespaces/<ns>/<resource> is namespaced; /namespaces alone is the resource itself.
  const resource = tail[0] === 'namespaces' && tail.length >= 3 ? tail[2] : tail[0];
  return resource ? { group, version, resource } : undefined;
}

export interface ApiUse {
  group: string;
  version: string;
  resource: string;
  subresource?: string;
  /** The release that stops serving it: the table's, else what the server or EKS said. */
  removedIn?: string;
  deprecatedIn?: string;
  replacement?: string;
  note?: string;
  fromMetric: boolean;
  insight?: { insightId: string; clients: { userAgent: string; requestsLast30Days?: number; lastRequestTime?: string }[]; replacedWith?: string };
}

const key = (g: string, v: string, r: string) => `${g}/${v}/${r}`;
const gvOf = (u: { group: string; version: string }) => (u.group ? `${u.group}/${u.version}` : u.version);

/** Merges the gauge's entries and the insights' deprecation details into one list, one entry per group/version/resource. */
export function apiUses(metric: RequestedDeprecatedApi[] | undefined, insights: EksInsight[] | undefined): ApiUse[] {
  const byKey = new Map<string, ApiUse>();
  const entry = (group: string, version: string, resource: string): ApiUse => {
    const k = key(group, version, resource);
    let u = byKey.get(k);
    if (!u) {
      const d = lookupByResource(group, version, resource);
      u = { group, version, resource, removedIn: d?.removedIn, deprecatedIn: d?.deprecatedIn, replacement: d?.replacements[0]?.apiVersion, note: d?.replacements[0]?.note ?? d?.note, fromMetric: false };
      byKey.set(k, u);
    }
    return u;
  };
  for (const m of metric ?? []) {
    const u = entry(m.group, m.version, m.resource);
    u.fromMetric = true;
    u.removedIn ??= m.removedRelease;
    if (m.subresource) u.subresource = m.subresource;
  }
  for (const i of insights ?? []) {
    for (const d of i.deprecations) {
      const p = parseApiPath(d.usage);
      if (!p) continue;
      const u = entry(p.group, p.version, p.resource);
      u.removedIn ??= d.stopServingVersion;
      u.insight = { insightId: i.id, clients: d.clients, replacedWith: d.replacedWith };
      if (!u.replacement && d.replacedWith) {
        const r = parseApiPath(d.replacedWith);
        if (r) u.replacement = gvOf(r);
      }
    }
  }
  return [...byKey.values()];
}

/** blocker: gone at the next version; warning: gone at the one after; info: deprecated, removal later or never. */
export function severityAt(removedIn: string | undefined, next: string | undefined, afterNext: string | undefined): Severity {
  if (removedIn && next && atOrBefore(removedIn, next)) return 'blocker';
  if (removedIn && afterNext && atOrBefore(removedIn, afterNext)) return 'warning';
  return 'info';
}

export function apiFindings(uses: ApiUse[], current: string, next: string | undefined, afterNext: string | undefined): Finding[] {
  const rank: Record<Severity, number> = { blocker: 0, warning: 1, info: 2, ok: 3 };
  return uses
    .map((u): Finding => {
      const gv = gvOf(u);
      const severity = severityAt(u.removedIn, next, afterNext);
      const alreadyGone = u.removedIn && atOrBefore(u.removedIn, current);
      const when = u.removedIn
        ? alreadyGone ? `was removed in ${u.removedIn}, yet is still requested (a stale gauge or an aggregated API)` : `is removed in Kubernetes ${u.removedIn}`
        : 'is deprecated, with no removal scheduled';
      const source = [u.fromMetric ? 'the API server\'s deprecated-API metric' : '', u.insight ? 'EKS upgrade insights' : ''].filter(Boolean).join(' and ');
      const details = (u.insight?.clients ?? []).map((c) => `client \`${c.userAgent}\`${c.requestsLast30Days !== undefined ? `: ${c.requestsLast30Days} requests in 30 days` : ''}${c.lastRequestTime ? `, last at ${c.lastRequestTime.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}` : ''}`);
      const action = u.replacement
        ? `Move the clients that call \`${gv}\` ${u.resource} to \`${u.replacement}\`${u.note ? ` (${u.note.replace(/\.$/, '')})` : ''}${details.length ? ': the user agents below name them' : ''}, then check again.`
        : `Find the clients that call \`${gv}\` ${u.resource}${u.note ? ` (${u.note.replace(/\.$/, '')})` : ''} and stop them before the version that removes it.`;
      return { severity, text: `\`${gv}\` **${u.resource}**${u.subresource ? `/${u.subresource}` : ''} ${when}; requested, per ${source}.`, action, links: [], details };
    })
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.text.localeCompare(b.text));
}

/**
 * The workspace manifests that use an API deprecated or removed at one of `versions` (the next ones), found by the
 * lint engine's deprecated-api rule, each reported once at the first version that flags it.
 */
export type LintDeprecated = (path: string, text: string, kubernetesVersion: string) => LintFinding[];

export function manifestFindings(files: { path: string; uri: string; text: string }[], versions: string[], lint: LintDeprecated): ManifestFinding[] {
  const out: ManifestFinding[] = [];
  for (const f of files) {
    const seen = new Set<string>();
    for (const v of versions) {
      for (const x of lint(f.path, f.text, v)) {
        const at = `${x.location.line}:${x.object?.apiVersion}:${x.object?.kind}`;
        if (seen.has(at)) continue;
        seen.add(at);
        out.push({
          path: f.path, uri: f.uri, line: x.location.line, apiVersion: x.object?.apiVersion ?? '', kind: x.object?.kind ?? '', name: x.object?.name || undefined,
          message: x.message, at: v, removed: x.severity === 'error',
        });
      }
    }
  }
  return out;
}

export function manifestFindingsToReport(found: ManifestFinding[], next: string | undefined): Finding[] {
  return found.map((m): Finding => ({
    severity: m.removed ? (m.at === next ? 'blocker' : 'warning') : 'info',
    text: `\`${m.path}:${m.line}\`: ${m.message}`,
    action: m.removed ? `Change the manifest before the cluster runs ${m.at}; the quick fix in the editor rewrites the apiVersion where that alone is safe.` : undefined,
    links: [{ kind: 'file', label: `${m.path}:${m.line}`, uri: m.uri, line: m.line }],
  }));
}
