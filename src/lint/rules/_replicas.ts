// How many replicas a workload runs, and the objects around it (its HPA, the PDBs and Services selecting it, the
// pods a PDB selects), for the reliability rules. Lookups go through per-workspace indexes built once per run:
// a workspace of thousands of workloads then costs one pass over its HPAs, PDBs and Services, not one per workload.
import type { KObject } from '../source';
import { get, isObj, namespaceOf, podSite, selects, type Obj, type PodSite } from '../walk';
import type { Workspace } from '../workspace';

/** The kinds that run, or may scale to, two or more copies of one pod template (ReplicationController too: old, still served). */
export const REPLICATED_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

const SEP = '\u0000';

function objectsByName(ws: Workspace): Map<string, KObject> {
  return ws.memo('rules/_replicas:by-name', () => {
    const index = new Map<string, KObject>();
    for (const f of ws.allFiles()) {
      for (const o of f.objects) {
        const key = o.kind + SEP + namespaceOf(o) + SEP + o.name;
        if (!index.has(key)) index.set(key, o);
      }
    }
    return index;
  });
}

function hpasByTarget(ws: Workspace): Map<string, KObject> {
  return ws.memo('rules/_replicas:hpa-by-target', () => {
    const index = new Map<string, KObject>();
    for (const h of ws.ofKind('HorizontalPodAutoscaler')) {
      const ref = get(h.value, ['spec', 'scaleTargetRef']);
      if (!isObj(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
      const key = ref.kind + SEP + namespaceOf(h) + SEP + ref.name;
      if (!index.has(key)) index.set(key, h);
    }
    return index;
  });
}

/** The HorizontalPodAutoscaler whose scaleTargetRef names this workload. */
export function hpaOf(ws: Workspace, workload: KObject): KObject | undefined {
  return hpasByTarget(ws).get(workload.kind + SEP + namespaceOf(workload) + SEP + workload.name);
}

/** The workload an HPA scales, when it is in the workspace. */
export function scaleTarget(ws: Workspace, hpa: KObject): KObject | undefined {
  const ref = get(hpa.value, ['spec', 'scaleTargetRef']);
  if (!isObj(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  return objectsByName(ws).get(ref.kind + SEP + namespaceOf(hpa) + SEP + ref.name);
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export interface Replication {
  /** The fewest pods it runs: an HPA's minReplicas (default 1) when one scales it, else the declared replicas. */
  min: number;
  /** The most pods it runs: the HPA's maxReplicas, else the declared replicas. */
  max: number;
  hpa?: KObject;
}

/** Replica range of a replicated workload (REPLICATED_KINDS); undefined for other kinds. */
export function replication(ws: Workspace, pod: PodSite): Replication | undefined {
  if (!REPLICATED_KINDS.has(pod.object.kind) || pod.replicas === undefined) return undefined;
  const hpa = hpaOf(ws, pod.object);
  if (!hpa) return { min: pod.replicas, max: pod.replicas };
  const min = count(get(hpa.value, ['spec', 'minReplicas'])) ?? 1;
  const max = count(get(hpa.value, ['spec', 'maxReplicas'])) ?? pod.replicas;
  return { min, max, hpa };
}

/**
 * A multi-replica workload: one of REPLICATED_KINDS declaring two or more replicas, or one whose
 * HPA may scale it to two or more. The HPA is looked up only when the declared count doesn't already decide it.
 */
export function multiReplica(ws: Workspace, pod: PodSite): { replicas: number; hpa?: KObject } | undefined {
  if (!REPLICATED_KINDS.has(pod.object.kind) || pod.replicas === undefined) return undefined;
  if (pod.replicas >= 2) return { replicas: pod.replicas };
  const hpa = hpaOf(ws, pod.object);
  const max = hpa ? count(get(hpa.value, ['spec', 'maxReplicas'])) : undefined;
  return hpa && max !== undefined && max >= 2 ? { replicas: max, hpa } : undefined;
}

// ---- selectors ----

/** The first `key=value` a selector requires, to bucket selectors by; undefined when it requires no exact label. */
function firstPair(matchLabels: unknown): string | undefined {
  if (!isObj(matchLabels)) return undefined;
  for (const k in matchLabels) {
    const v = matchLabels[k];
    if (v !== null && v !== undefined) return k + '=' + String(v);
  }
  return undefined;
}

function isEmptySelector(selector: Obj): boolean {
  const ml = selector.matchLabels;
  const me = selector.matchExpressions;
  return (!isObj(ml) || Object.keys(ml).length === 0) && (!Array.isArray(me) || me.length === 0);
}

/**
 * Whether a PodDisruptionBudget selects the labels. policy/v1 reads an empty selector (`{}`) as every pod of the
 * namespace, policy/v1beta1 as none; the shared `selects` treats a bare `{}` as a Service's empty selector.
 */
export function pdbSelects(pdb: KObject, labels: Record<string, string>): boolean {
  const selector = get(pdb.value, ['spec', 'selector']);
  if (!isObj(selector)) return false;
  if (isEmptySelector(selector)) return pdb.apiVersion !== 'policy/v1beta1';
  return selects(selector, labels);
}

interface SelectorIndex {
  /** Objects whose selector requires `key=value`, under its first such pair. */
  byPair: Map<string, KObject[]>;
  /** Objects whose selector requires no exact label (expressions only, or select-all). */
  rest: KObject[];
}

function selectorIndex(ws: Workspace, kind: 'Service' | 'PodDisruptionBudget'): Map<string, SelectorIndex> {
  return ws.memo(`rules/_replicas:selectors:${kind}`, () => {
    const index = new Map<string, SelectorIndex>();
    for (const o of ws.ofKind(kind)) {
      const selector = get(o.value, ['spec', 'selector']);
      if (!isObj(selector)) continue;
      // A Service's selector is a plain map (empty selects nothing); a PDB's is a LabelSelector.
      const pair = firstPair(kind === 'Service' ? selector : selector.matchLabels);
      if (kind === 'Service' && pair === undefined) continue;
      const ns = namespaceOf(o);
      let entry = index.get(ns);
      if (!entry) index.set(ns, (entry = { byPair: new Map(), rest: [] }));
      if (pair === undefined) entry.rest.push(o);
      else {
        const list = entry.byPair.get(pair);
        if (list) list.push(o);
        else entry.byPair.set(pair, [o]);
      }
    }
    return index;
  });
}

function selecting(ws: Workspace, kind: 'Service' | 'PodDisruptionBudget', pod: PodSite, stopAtFirst: boolean): KObject[] {
  const entry = selectorIndex(ws, kind).get(namespaceOf(pod.object));
  if (!entry) return [];
  const test = kind === 'Service' ? (o: KObject) => selects(get(o.value, ['spec', 'selector']), pod.labels) : (o: KObject) => pdbSelects(o, pod.labels);
  const out: KObject[] = [];
  const consider = (list: readonly KObject[] | undefined): boolean => {
    for (const o of list ?? []) {
      if (!test(o)) continue;
      out.push(o);
      if (stopAtFirst) return true;
    }
    return false;
  };
  for (const k in pod.labels) if (consider(entry.byPair.get(k + '=' + pod.labels[k]))) return out;
  consider(entry.rest);
  return out;
}

/** The first Service of the pod's namespace whose selector selects the pod template. */
export function serviceSelecting(ws: Workspace, pod: PodSite): KObject | undefined {
  return selecting(ws, 'Service', pod, true)[0];
}

/** Every Service of the pod's namespace whose selector selects the pod template. */
export function servicesSelecting(ws: Workspace, pod: PodSite): KObject[] {
  return selecting(ws, 'Service', pod, false);
}

/** The PodDisruptionBudgets of the pod's namespace that select the pod template. */
export function pdbsSelecting(ws: Workspace, pod: PodSite): KObject[] {
  return selecting(ws, 'PodDisruptionBudget', pod, false);
}

interface PodIndex {
  byPair: Map<string, PodSite[]>;
  all: PodSite[];
}

function podIndex(ws: Workspace): Map<string, PodIndex> {
  return ws.memo('rules/_replicas:pods', () => {
    const index = new Map<string, PodIndex>();
    for (const f of ws.allFiles()) {
      for (const o of f.objects) {
        const site = podSite(o);
        if (!site) continue;
        const ns = namespaceOf(o);
        let entry = index.get(ns);
        if (!entry) index.set(ns, (entry = { byPair: new Map(), all: [] }));
        entry.all.push(site);
        for (const k in site.labels) {
          const pair = k + '=' + site.labels[k];
          const list = entry.byPair.get(pair);
          if (list) list.push(site);
          else entry.byPair.set(pair, [site]);
        }
      }
    }
    return index;
  });
}

/** Pod templates of the PDB's namespace that it selects. */
export function podsOfPdb(ws: Workspace, pdb: KObject): PodSite[] {
  const entry = podIndex(ws).get(namespaceOf(pdb));
  if (!entry) return [];
  const pair = firstPair(get(pdb.value, ['spec', 'selector', 'matchLabels']));
  const candidates = pair === undefined ? entry.all : entry.byPair.get(pair) ?? [];
  return candidates.filter((p) => pdbSelects(pdb, p.labels));
}
