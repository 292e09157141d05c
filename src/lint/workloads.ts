// Relations between workloads and the objects around them, shared by the cross-document rules.
import type { KObject } from './source';
import { get, isObj, namespaceOf, type PodSite } from './walk';
import type { Workspace } from './workspace';

/** The HorizontalPodAutoscaler whose scaleTargetRef names this workload. */
export function hpaFor(ws: Workspace, workload: KObject): KObject | undefined {
  return ws.ofKind('HorizontalPodAutoscaler').find((h) => {
    const ref = get(h.value, ['spec', 'scaleTargetRef']);
    return isObj(ref) && ref.kind === workload.kind && ref.name === workload.name && namespaceOf(h) === namespaceOf(workload);
  });
}

/** The workload an HPA scales, when it is in the workspace. */
export function hpaTarget(ws: Workspace, hpa: KObject): KObject | undefined {
  const ref = get(hpa.value, ['spec', 'scaleTargetRef']);
  if (!isObj(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  return ws.find(ref.kind, namespaceOf(hpa), ref.name);
}

/** Runs, or may be scaled to, two or more replicas: declared replicas, or an HPA allowing it. */
export function isMultiReplica(ws: Workspace, pod: PodSite): boolean {
  if (pod.replicas === undefined) return false;
  if (pod.replicas >= 2) return true;
  const hpa = hpaFor(ws, pod.object);
  const max = hpa ? get(hpa.value, ['spec', 'maxReplicas']) : undefined;
  return typeof max === 'number' && max >= 2;
}
