// Which live objects a scan lints. An object a controller owns (a Deployment's ReplicaSets and their pods, a
// CronJob's Jobs, a StatefulSet's pods) carries its owner's template: linting it again would repeat the owner's
// findings once per replica, on a document nobody edits. Its owner is linted instead.
import type { KubeObject } from '../kube/model';

export function controllerOf(obj: KubeObject): { kind: string; name: string } | undefined {
  const r = obj.metadata.ownerReferences?.find((o) => o.controller === true);
  return r ? { kind: r.kind, name: r.name } : undefined;
}

/** kube-system and friends: what EKS and the control plane run, excluded unless asked for. */
export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

/** Cluster-scoped objects Kubernetes itself creates (system:* roles and bindings, the bootstrap RBAC). */
export function isSystemObject(obj: KubeObject): boolean {
  if (obj.metadata.namespace && SYSTEM_NAMESPACES.includes(obj.metadata.namespace)) return true;
  if (obj.metadata.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults') return true;
  return /^(system:|eks:)/.test(obj.metadata.name);
}
