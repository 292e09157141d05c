// What a cluster itself says about deprecated APIs and version skew, as plain data for the upgrade readiness report:
// - the API server's `apiserver_requested_deprecated_apis` gauge (GET /metrics, Prometheus text): every deprecated
//   group/version/resource requested since that API server started, with the release that removes it;
// - CustomResourceDefinitions whose status.storedVersions still lists a version that is deprecated or no longer
//   served: objects may still sit in etcd in that version, and dropping the version from the CRD strands them;
// - each node's kubelet version (status.nodeInfo.kubeletVersion) and how it runs (managed node group, Fargate).
import type { KubeClient } from './client';
import { KubeError, parseForbidden } from './errors';
import type { KubeFailure, KubeObject, ResourceKind } from './model';
import { RESOURCES } from './resources';

export const DEPRECATED_API_METRIC = 'apiserver_requested_deprecated_apis';

export interface RequestedDeprecatedApi {
  group: string;
  version: string;
  resource: string;
  subresource?: string;
  /** The release that stops serving it ("1.38"); absent when none is scheduled. */
  removedRelease?: string;
}

/** Reads one Prometheus label set (`{a="x",b="y\"z"}`), escapes included. */
function parseLabels(s: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const re = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/y;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return /^\s*$/.test(s.slice(i)) ? out : undefined;
    out[m[1]] = m[2].replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    i = re.lastIndex;
  }
  return out;
}

/**
 * The deprecated APIs in a /metrics answer (Prometheus text exposition format): samples of the gauge whose value is
 * not 0, one entry per group/version/resource/subresource. Comments, other metrics and malformed lines are skipped.
 */
export function parseDeprecatedApiMetric(text: string): RequestedDeprecatedApi[] {
  const seen = new Map<string, RequestedDeprecatedApi>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith(DEPRECATED_API_METRIC)) continue;
    const rest = line.slice(DEPRECATED_API_METRIC.length);
    if (!rest.startsWith('{')) continue; // another metric with this prefix, or no labels
    const close = closingBrace(rest);
    if (close < 0) continue;
    const labels = parseLabels(rest.slice(1, close));
    const value = Number(rest.slice(close + 1).trim().split(/\s+/)[0]);
    if (!labels || !Number.isFinite(value) || value === 0 || labels.version === undefined || !labels.resource) continue;
    const item: RequestedDeprecatedApi = { group: labels.group ?? '', version: labels.version, resource: labels.resource };
    if (labels.subresource) item.subresource = labels.subresource;
    if (labels.removed_release) item.removedRelease = labels.removed_release.replace(/^v/, '');
    seen.set(`${item.group}/${item.version}/${item.resource}/${item.subresource ?? ''}`, item);
  }
  return [...seen.values()];
}

/** The index of the `}` that closes the label set, skipping braces inside quoted values. */
function closingBrace(s: string): number {
  let quoted = false;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '}') return i;
  }
  return -1;
}

export type Readout<T> = { ok: true; value: T } | { ok: false; failure: KubeFailure };

const failureOf = (e: unknown): KubeFailure =>
  e instanceof KubeError ? e.failure : { kind: 'unknown', message: (e as Error)?.message ?? String(e) };

/**
 * The gauge from this API server's /metrics. Reading /metrics needs `get` on the non-resource URL /metrics (the
 * `view` role lacks it): a 403 comes back as a failure for the report to explain, never thrown. Only aborts throw.
 */
export async function readDeprecatedApiMetric(client: KubeClient, signal?: AbortSignal): Promise<Readout<RequestedDeprecatedApi[]>> {
  try {
    const r = await client.exchange<unknown>('GET', '/metrics', { signal });
    if (r.status >= 300) {
      const body = typeof r.body === 'string' ? { message: r.body.trim().slice(0, 300) } : (r.body as { message?: string; reason?: string });
      const kind: KubeFailure['kind'] = r.status === 403 ? 'forbidden' : r.status === 404 ? 'not-found' : r.status === 401 ? 'unauthorized' : 'server';
      const message = body?.message || `GET /metrics answered ${r.status}`;
      return { ok: false, failure: { kind, status: r.status, message, reason: body?.reason, user: kind === 'forbidden' ? parseForbidden(message).user : undefined } };
    }
    return { ok: true, value: typeof r.body === 'string' ? parseDeprecatedApiMetric(r.body) : [] };
  } catch (e) {
    if (e instanceof KubeError && e.failure.kind === 'aborted') throw e;
    return { ok: false, failure: failureOf(e) };
  }
}

export const CRDS: ResourceKind = { kind: 'CustomResourceDefinition', group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', namespaced: false };

export interface StaleStoredVersion {
  crd: string;
  group: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** The version still listed in status.storedVersions. */
  version: string;
  why: 'deprecated' | 'not-served' | 'dropped';
  /** The CRD's deprecationWarning for that version, when it sets one. */
  warning?: string;
  /** The version objects are written in now. */
  storageVersion?: string;
  storedVersions: string[];
}

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
}

/**
 * The stale stored versions of one CRD: each storedVersions entry that is deprecated, no longer served, or gone
 * from spec.versions. Pure.
 */
export function staleStoredVersions(crd: KubeObject): StaleStoredVersion[] {
  const spec = (crd.spec ?? {}) as { group?: string; names?: { kind?: string; plural?: string }; scope?: string; versions?: CrdVersion[] };
  const stored = ((crd.status as { storedVersions?: string[] } | undefined)?.storedVersions ?? []).filter((v) => typeof v === 'string');
  const versions = spec.versions ?? [];
  const storage = versions.find((v) => v.storage)?.name;
  const out: StaleStoredVersion[] = [];
  for (const name of stored) {
    const v = versions.find((x) => x.name === name);
    const why = !v ? 'dropped' : v.served === false ? 'not-served' : v.deprecated ? 'deprecated' : undefined;
    if (!why) continue;
    out.push({
      crd: crd.metadata.name,
      group: spec.group ?? '',
      kind: spec.names?.kind ?? crd.metadata.name,
      plural: spec.names?.plural ?? crd.metadata.name.split('.')[0],
      namespaced: spec.scope !== 'Cluster',
      version: name,
      why,
      warning: v?.deprecationWarning,
      storageVersion: storage,
      storedVersions: stored,
    });
  }
  return out;
}

async function listAll(client: KubeClient, kind: ResourceKind, signal?: AbortSignal, max = 5000): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  let next: string | undefined;
  do {
    const page = await client.list(kind, { limit: 500, continue: next }, signal);
    out.push(...page.items);
    next = page.next;
  } while (next && out.length < max);
  return out;
}

export interface StoredVersionFinding extends StaleStoredVersion {
  /** Objects of the kind (read in the storage version; the API cannot say which sit in etcd in the old one). */
  objects?: { namespace?: string; name: string }[];
  /** Set when the objects could not be listed. */
  objectsFailure?: KubeFailure;
}

/** CRDs with stale stored versions, with up to `maxObjects` of their objects each. */
export async function readStaleStoredVersions(client: KubeClient, signal?: AbortSignal, maxObjects = 50): Promise<Readout<StoredVersionFinding[]>> {
  let crds: KubeObject[];
  try {
    crds = await listAll(client, CRDS, signal);
  } catch (e) {
    if (e instanceof KubeError && e.failure.kind === 'aborted') throw e;
    return { ok: false, failure: failureOf(e) };
  }
  const stale = crds.flatMap(staleStoredVersions);
  const out: StoredVersionFinding[] = [];
  for (const s of stale) {
    const kind: ResourceKind = { kind: s.kind, group: s.group, version: s.storageVersion ?? s.version, plural: s.plural, namespaced: s.namespaced };
    try {
      const page = await client.list(kind, { limit: maxObjects }, signal);
      out.push({ ...s, objects: page.items.map((o) => ({ namespace: o.metadata.namespace, name: o.metadata.name })) });
    } catch (e) {
      if (e instanceof KubeError && e.failure.kind === 'aborted') throw e;
      out.push({ ...s, objectsFailure: failureOf(e) });
    }
  }
  return { ok: true, value: out };
}

export interface NodeVersion {
  name: string;
  kubeletVersion: string;
  /** eks.amazonaws.com/nodegroup, when a managed node group runs it. */
  nodegroup?: string;
  fargate: boolean;
  /** karpenter.sh/nodepool, when Karpenter made it. */
  nodepool?: string;
}

export function nodeVersionOf(n: KubeObject): NodeVersion {
  const labels = n.metadata.labels ?? {};
  const info = (n.status as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo;
  return {
    name: n.metadata.name,
    kubeletVersion: info?.kubeletVersion ?? '',
    nodegroup: labels['eks.amazonaws.com/nodegroup'],
    fargate: labels['eks.amazonaws.com/compute-type'] === 'fargate' || n.metadata.name.startsWith('fargate-'),
    nodepool: labels['karpenter.sh/nodepool'],
  };
}

export async function readNodeVersions(client: KubeClient, signal?: AbortSignal): Promise<Readout<NodeVersion[]>> {
  try {
    return { ok: true, value: (await listAll(client, RESOURCES.nodes, signal)).map(nodeVersionOf) };
  } catch (e) {
    if (e instanceof KubeError && e.failure.kind === 'aborted') throw e;
    return { ok: false, failure: failureOf(e) };
  }
}
