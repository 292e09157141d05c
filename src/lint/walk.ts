// The one walk every workload rule shares: from any pod-bearing object to its pod spec and each container,
// with the paths that locate them in the source.
import type { KObject } from './source';
import type { Path } from './types';

export type Obj = Record<string, unknown>;

const POD_SPEC_PATHS: Record<string, Path> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

export interface PodSite {
  object: KObject;
  /** Path of the PodSpec inside the object. */
  specPath: Path;
  spec: Obj;
  /** Path of the pod's metadata (the template's, or the Pod's own). */
  metaPath: Path;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Declared replicas for Deployment/StatefulSet/ReplicaSet/ReplicationController (missing = 1); undefined otherwise. */
  replicas?: number;
}

export interface ContainerSite {
  pod: PodSite;
  list: ContainerList;
  index: number;
  path: Path;
  container: Obj;
  name: string;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function get(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(v)) return undefined;
      v = v[seg];
    } else {
      if (!isObj(v)) return undefined;
      v = v[seg];
    }
  }
  return v;
}

function stringMap(v: unknown): Record<string, string> {
  if (!isObj(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) out[k] = String(val);
  return out;
}

const sites = new WeakMap<KObject, PodSite | null>();

/** The pod template of a pod-bearing object, or undefined for other kinds (and for malformed specs). */
export function podSite(object: KObject): PodSite | undefined {
  const cached = sites.get(object);
  if (cached !== undefined) return cached ?? undefined;
  const specPath = POD_SPEC_PATHS[object.kind];
  let site: PodSite | null = null;
  if (specPath) {
    const spec = get(object.value, specPath);
    if (isObj(spec)) {
      const metaPath = [...specPath.slice(0, -1), 'metadata'];
      const meta = get(object.value, metaPath);
      site = {
        object,
        specPath,
        spec,
        metaPath,
        labels: stringMap(isObj(meta) ? meta.labels : undefined),
        annotations: stringMap(isObj(meta) ? meta.annotations : undefined),
      };
      if (['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(object.kind)) {
        const r = get(object.value, ['spec', 'replicas']);
        site.replicas = typeof r === 'number' ? r : 1;
      }
    }
  }
  sites.set(object, site);
  return site ?? undefined;
}

/** Every container of the pod, in the order kubelet starts them; `lists` narrows which lists. */
export function containers(pod: PodSite, lists: readonly ContainerList[] = CONTAINER_LISTS): ContainerSite[] {
  const out: ContainerSite[] = [];
  for (const list of lists) {
    const items = pod.spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, index) => {
      if (!isObj(container)) return;
      out.push({
        pod,
        list,
        index,
        path: [...pod.specPath, list, index],
        container,
        name: typeof container.name === 'string' ? container.name : `#${index + 1}`,
      });
    });
  }
  return out;
}

export interface EnvVar {
  index: number;
  name: string;
  entry: Obj;
}

/** A container's `env` entries that have a name, with their index for locating them. */
export function envVars(c: ContainerSite): EnvVar[] {
  const env = c.container.env;
  if (!Array.isArray(env)) return [];
  const out: EnvVar[] = [];
  env.forEach((entry, index) => {
    if (isObj(entry) && typeof entry.name === 'string') out.push({ index, name: entry.name, entry });
  });
  return out;
}

/** Whether a label selector (matchLabels + matchExpressions, or a plain map for Services) selects `labels`. */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  return selectorMatcher(selector)(labels);
}

/** `selects` with the selector read once, for testing it against many pods. */
export function selectorMatcher(selector: unknown): (labels: Record<string, string>) => boolean {
  if (!isObj(selector)) return () => false;
  const hasStructured = 'matchLabels' in selector || 'matchExpressions' in selector;
  const pairs = Object.entries(stringMap(hasStructured ? selector.matchLabels : selector));
  const exprs = hasStructured && Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  if (pairs.length === 0 && exprs.length === 0) return () => hasStructured; // {} selects all; a Service's empty selector none
  return (labels) => {
    for (const [k, v] of pairs) if (labels[k] !== v) return false;
    return exprsMatch(exprs, labels);
  };
}

function exprsMatch(exprs: unknown[], labels: Record<string, string>): boolean {
  for (const e of exprs) {
    if (!isObj(e) || typeof e.key !== 'string') return false;
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    const has = e.key in labels;
    switch (e.operator) {
      case 'In': if (!has || !values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** Effective namespace: objects without one are compared as if in `default`. */
export function namespaceOf(object: KObject): string {
  return object.namespace ?? 'default';
}
