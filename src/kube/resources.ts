// The resource types the explorer lists, and how to reach them. Events are the core v1 kind: it carries `type`
// (Normal/Warning), `involvedObject` and `count`, and the API server accepts the field selectors kubectl describe
// uses (involvedObject.name, .namespace, .kind, .uid) on it; events.k8s.io/v1 is the same data under other names.
import type { KubeObject, ResourceKind } from './model';

const kind = (k: string, group: string, version: string, plural: string, namespaced: boolean): ResourceKind => ({ kind: k, group, version, plural, namespaced });

export const RESOURCES = {
  pods: kind('Pod', '', 'v1', 'pods', true),
  deployments: kind('Deployment', 'apps', 'v1', 'deployments', true),
  statefulsets: kind('StatefulSet', 'apps', 'v1', 'statefulsets', true),
  daemonsets: kind('DaemonSet', 'apps', 'v1', 'daemonsets', true),
  replicasets: kind('ReplicaSet', 'apps', 'v1', 'replicasets', true),
  jobs: kind('Job', 'batch', 'v1', 'jobs', true),
  cronjobs: kind('CronJob', 'batch', 'v1', 'cronjobs', true),
  services: kind('Service', '', 'v1', 'services', true),
  ingresses: kind('Ingress', 'networking.k8s.io', 'v1', 'ingresses', true),
  hpas: kind('HorizontalPodAutoscaler', 'autoscaling', 'v2', 'horizontalpodautoscalers', true),
  configmaps: kind('ConfigMap', '', 'v1', 'configmaps', true),
  secrets: kind('Secret', '', 'v1', 'secrets', true),
  namespaces: kind('Namespace', '', 'v1', 'namespaces', false),
  nodes: kind('Node', '', 'v1', 'nodes', false),
  events: kind('Event', '', 'v1', 'events', true),
  // Karpenter (v1 since Karpenter 1.0): shown only when the API server serves these (servesResource).
  nodepools: kind('NodePool', 'karpenter.sh', 'v1', 'nodepools', false),
  nodeclaims: kind('NodeClaim', 'karpenter.sh', 'v1', 'nodeclaims', false),
} satisfies Record<string, ResourceKind>;

export type ResourceName = keyof typeof RESOURCES;

/** "v1" or "apps/v1", as in an object's apiVersion. */
export function apiVersionOf(r: ResourceKind): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** The group/version root: /api/v1 or /apis/apps/v1. */
export function groupVersionPath(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** The collection or object path of a resource; a namespace is ignored for cluster-scoped kinds. */
export function resourcePath(r: ResourceKind, namespace?: string, name?: string): string {
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${groupVersionPath(r.group, r.version)}${ns}/${r.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

/** The ResourceKind of an object, by its apiVersion and kind, among the known ones. */
export function resourceOf(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): ResourceKind | undefined {
  return Object.values(RESOURCES).find((r) => r.kind === obj.kind && apiVersionOf(r) === obj.apiVersion);
}

/** The part of a client that discovery needs (KubeClient has it). */
export interface DiscoveryClient {
  request<T>(method: string, path: string, opts?: { signal?: AbortSignal }): Promise<T>;
}

interface ApiResourceList {
  resources?: { name: string; namespaced?: boolean; kind?: string }[];
}

// Per client: group/version -> the resource names it serves (undefined: the group/version is not served). Kept for
// a few minutes, so expanding many clusters' nodes asks once, and installing Karpenter shows up without a reload.
const DISCOVERY_TTL_MS = 5 * 60_000;
const discovery = new WeakMap<object, Map<string, { at: number; names: Promise<Set<string> | undefined> }>>();

/**
 * Whether the API server serves this resource (for CRDs such as Karpenter's). A 404 on the group/version means no;
 * other failures (403, unreachable) are thrown, so the caller shows them rather than hiding the nodes silently.
 */
export async function servesResource(client: DiscoveryClient, r: ResourceKind, signal?: AbortSignal): Promise<boolean> {
  let perClient = discovery.get(client);
  if (!perClient) discovery.set(client, (perClient = new Map()));
  const key = `${r.group}/${r.version}`;
  let hit = perClient.get(key);
  if (!hit || Date.now() - hit.at > DISCOVERY_TTL_MS) {
    const names = client.request<ApiResourceList>('GET', groupVersionPath(r.group, r.version), { signal }).then(
      (list) => new Set((list.resources ?? []).map((x) => x.name)),
      (e: unknown) => {
        if ((e as { failure?: { kind?: string } }).failure?.kind === 'not-found') return undefined;
        perClient!.delete(key); // an error is not an answer: ask again next time
        throw e;
      },
    );
    perClient.set(key, (hit = { at: Date.now(), names }));
  }
  const names = await hit.names;
  return names?.has(r.plural) ?? false;
}

/** Forget what discovery learnt about a client (a refresh of the cluster node). */
export function forgetDiscovery(client: object): void {
  discovery.delete(client);
}
