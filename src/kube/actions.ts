// The small changes people make from the tree, as kubectl makes them: scale through the `scale` subresource (so a
// principal allowed only `patch deployments/scale` can do it, and the HPA-style path is the one exercised), rollout
// restart as a strategic-merge patch of the pod template's `kubectl.kubernetes.io/restartedAt` annotation, and
// delete a pod (optionally with grace period 0 for one stuck terminating). The bodies are pure functions so their
// shape is unit-tested; the calls go through KubeClient.request and fail as KubeErrors (a 403 carries verb and
// resource, which the access diagnosis reads).
import type { KubeClient } from './client';
import { KubeError } from './errors';
import type { KubeObject, ResourceKind } from './model';
import { RESOURCES, resourcePath } from './resources';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

/** Kinds with a `scale` subresource that people scale by hand (a ReplicaSet belongs to its Deployment). */
export const SCALABLE_KINDS = ['Deployment', 'StatefulSet'] as const;
/** Kinds `kubectl rollout restart` accepts. */
export const RESTARTABLE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;

/** The largest count the input box accepts: a typo guard, not an API limit (replicas is an int32). */
export const MAX_REPLICAS = 1000;

export interface ScaleInfo {
  /** spec.replicas of the scale subresource. */
  desired: number;
  /** status.replicas: pods that exist now. */
  current: number;
  resourceVersion?: string;
}

/** Why a count typed into the input box is not acceptable, or undefined when it is. */
export function validateCount(text: string, max = MAX_REPLICAS): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return 'A whole number, 0 or more';
  const n = Number(t);
  if (n > max) return `At most ${max}`;
  return undefined;
}

/**
 * The merge patch for the scale subresource. With `resourceVersion` the API server refuses it (409) when the scale
 * changed since it was read, so a count prefilled from a stale read cannot silently undo someone else's change.
 */
export function scalePatch(replicas: number, resourceVersion?: string): Record<string, unknown> {
  if (!Number.isInteger(replicas) || replicas < 0) throw new RangeError(`replicas must be a whole number >= 0, got ${replicas}`);
  return { ...(resourceVersion ? { metadata: { resourceVersion } } : {}), spec: { replicas } };
}

/** kubectl's RFC 3339 timestamp, in UTC and without fractions. */
export function restartStamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * What `kubectl rollout restart` sends: the template annotation changes, so the controller rolls every pod. kubectl
 * refuses a paused Deployment (the change would sit unrolled); so do we, with its words.
 */
export function restartPatch(obj: Pick<KubeObject, 'kind' | 'spec'>, now: Date): Record<string, unknown> {
  const kind = obj.kind ?? '';
  if (!(RESTARTABLE_KINDS as readonly string[]).includes(kind)) throw new KubeError({ kind: 'invalid', message: `a ${kind || 'resource'} cannot be restarted: only ${RESTARTABLE_KINDS.join(', ')}` });
  if (kind === 'Deployment' && (obj.spec as { paused?: boolean } | undefined)?.paused) {
    throw new KubeError({ kind: 'invalid', message: "can't restart a paused deployment (run rollout resume first)" });
  }
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: restartStamp(now) } } } } };
}

export interface DeletePodOptions {
  /** 0: remove it from the API at once (kubectl delete --grace-period=0 --force), for a pod stuck terminating. */
  gracePeriodSeconds?: number;
  /** The pod's uid as the tree saw it: a StatefulSet's replacement has the same name, and must not be deleted instead. */
  uid?: string;
}

export function deleteOptions(o: DeletePodOptions = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'DeleteOptions',
    ...(o.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: o.gracePeriodSeconds } : {}),
    ...(o.uid ? { preconditions: { uid: o.uid } } : {}),
  };
}

function kindOf(kind: string): ResourceKind {
  const r = Object.values(RESOURCES).find((x) => x.kind === kind);
  if (!r) throw new KubeError({ kind: 'invalid', message: `unknown kind ${kind}` });
  return r;
}

function scalePath(kind: string, namespace: string, name: string): string {
  if (!(SCALABLE_KINDS as readonly string[]).includes(kind)) throw new KubeError({ kind: 'invalid', message: `a ${kind} is not scaled by hand here: only ${SCALABLE_KINDS.join(', ')}` });
  return `${resourcePath(kindOf(kind), namespace, name)}/scale`;
}

interface ScaleObject {
  metadata?: { resourceVersion?: string };
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

const scaleInfo = (s: ScaleObject): ScaleInfo => ({ desired: s.spec?.replicas ?? 0, current: s.status?.replicas ?? 0, resourceVersion: s.metadata?.resourceVersion });

/** A HorizontalPodAutoscaler that sets a workload's replica count. */
export interface Autoscaler {
  name: string;
  min: number;
  max: number;
  /** What it last asked for (status.desiredReplicas), when it has. */
  desired?: number;
}

interface HpaObject {
  metadata: { name: string };
  spec?: { scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string }; minReplicas?: number; maxReplicas?: number };
  status?: { desiredReplicas?: number };
}

/**
 * The HPA whose target is this workload, from a namespace's HPAs (autoscaling/v2 and v1 spell the target alike).
 * KEDA's ScaledObjects work through an HPA of their own, so they are found too.
 */
export function autoscalerFor(hpas: readonly HpaObject[], kind: string, name: string): Autoscaler | undefined {
  const h = hpas.find((x) => {
    const ref = x.spec?.scaleTargetRef;
    return ref?.kind === kind && ref.name === name && (ref.apiVersion ?? 'apps/v1').split('/')[0] === 'apps';
  });
  if (!h) return undefined;
  const a: Autoscaler = { name: h.metadata.name, min: h.spec?.minReplicas ?? 1, max: h.spec?.maxReplicas ?? 0 };
  if (typeof h.status?.desiredReplicas === 'number') a.desired = h.status.desiredReplicas;
  return a;
}

/**
 * Whether an HPA manages the workload: `{ known: false }` when the HPAs cannot be listed (no `list` on
 * horizontalpodautoscalers, or no autoscaling/v2 on a very old cluster), so the caller hedges instead of guessing.
 */
export async function readAutoscaler(client: KubeClient, kind: string, namespace: string, name: string, signal?: AbortSignal): Promise<{ known: boolean; hpa?: Autoscaler }> {
  try {
    const list = await client.request<{ items?: HpaObject[] }>('GET', `/apis/autoscaling/v2/namespaces/${encodeURIComponent(namespace)}/horizontalpodautoscalers`, { signal });
    const hpa = autoscalerFor(list.items ?? [], kind, name);
    return hpa ? { known: true, hpa } : { known: true };
  } catch (e) {
    if (e instanceof KubeError && ['forbidden', 'not-found'].includes(e.failure.kind)) return { known: false };
    throw e;
  }
}

/** The scale subresource now: the count to prefill and the version the patch is conditional on. */
export async function readScale(client: KubeClient, kind: string, namespace: string, name: string, signal?: AbortSignal): Promise<ScaleInfo> {
  return scaleInfo(await client.request<ScaleObject>('GET', scalePath(kind, namespace, name), { signal }));
}

export async function scaleWorkload(client: KubeClient, kind: string, namespace: string, name: string, replicas: number, opts: { resourceVersion?: string; signal?: AbortSignal } = {}): Promise<ScaleInfo> {
  const s = await client.request<ScaleObject>('PATCH', scalePath(kind, namespace, name), { body: scalePatch(replicas, opts.resourceVersion), contentType: MERGE_PATCH, signal: opts.signal });
  return scaleInfo(s);
}

/** Reads the workload (kind check, paused check), then patches its template; resolves with the stamp it set. */
export async function restartWorkload(client: KubeClient, kind: string, namespace: string, name: string, opts: { now?: Date; signal?: AbortSignal } = {}): Promise<string> {
  const r = kindOf(kind);
  const obj = await client.get(r, name, namespace, opts.signal);
  obj.kind ??= kind;
  const body = restartPatch(obj, opts.now ?? new Date());
  await client.request<KubeObject>('PATCH', resourcePath(r, namespace, name), { body, contentType: STRATEGIC_MERGE_PATCH, signal: opts.signal });
  return ((body.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations)[RESTARTED_AT];
}

export async function deletePod(client: KubeClient, namespace: string, name: string, opts: DeletePodOptions & { signal?: AbortSignal } = {}): Promise<void> {
  await client.request('DELETE', resourcePath(RESOURCES.pods, namespace, name), { body: deleteOptions(opts), signal: opts.signal });
}
