// Which REST resource serves a manifest's kind: apiVersion + kind -> plural and scope, asked of the API server (a
// custom resource's plural is not derivable from its kind), once per group/version per client. RESOURCES answers
// the built-in kinds the explorer lists without a round trip.
import { KubeError } from './errors';
import type { ResourceKind } from './model';
import { groupVersionPath, RESOURCES, apiVersionOf, type DiscoveryClient } from './resources';

interface ApiResourceList {
  resources?: { name: string; namespaced?: boolean; kind?: string }[];
}

const TTL_MS = 5 * 60_000;
const cache = new WeakMap<object, Map<string, { at: number; list: Promise<ApiResourceList | undefined> }>>();

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * The resource of `kind` in `apiVersion` on this server, or a KubeError 'not-found' that says what the server lacks
 * (a CRD not installed, a version no longer served). Other failures (403, unreachable) pass through.
 */
export async function resolveKind(client: DiscoveryClient, apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceKind> {
  const known = Object.values(RESOURCES).find((r) => r.kind === kind && apiVersionOf(r) === apiVersion);
  if (known) return known;
  const { group, version } = splitApiVersion(apiVersion);
  let perClient = cache.get(client);
  if (!perClient) cache.set(client, (perClient = new Map()));
  let hit = perClient.get(apiVersion);
  if (!hit || Date.now() - hit.at > TTL_MS) {
    const list = client.request<ApiResourceList>('GET', groupVersionPath(group, version), { signal }).then(
      (l) => l,
      (e: unknown) => {
        if ((e as { failure?: { kind?: string } }).failure?.kind === 'not-found') return undefined;
        perClient!.delete(apiVersion); // an error is not an answer: ask again next time
        throw e;
      },
    );
    hit = { at: Date.now(), list };
    perClient.set(apiVersion, hit);
  }
  const list = await hit.list;
  if (!list) throw new KubeError({ kind: 'not-found', message: `The cluster does not serve ${apiVersion} (no such API group or version; a CRD not installed, or a version removed).` });
  // Subresources (deployments/scale) share the kind of their parent; the plain name is the one without a slash.
  const r = list.resources?.find((x) => x.kind === kind && !x.name.includes('/'));
  if (!r) throw new KubeError({ kind: 'not-found', message: `The cluster serves ${apiVersion} but no kind ${kind} in it.` });
  return { kind, group, version, plural: r.name, namespaced: !!r.namespaced };
}
