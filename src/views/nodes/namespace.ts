// A namespace: one folder per kind a person looks for, then the namespace's Events (warnings first).
import type { KubeObject, ResourceKind } from '../../kube/model';
import { RESOURCES } from '../../kube/resources';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { contextValue, tooltip } from '../present';
import type { EksClusterRef } from '../target';
import { EventNode, eventOrder } from './event';
import { KubeListNode, type KubeListSpec } from './kube-list';
import { KubeObjectNode } from './kube-object';
import { PodNode } from './pod';
import { WorkloadNode } from './workload';

/** A pod some controller manages (ReplicaSet, Job, StatefulSet, DaemonSet...) is shown under it, not here. */
export function isBarePod(o: KubeObject): boolean {
  return !o.metadata.ownerReferences?.some((r) => r.controller);
}

export class NamespaceNode extends TreeNode {
  private kids: TreeNode[] | undefined;

  constructor(parent: TreeNode, ctx: TreeContext, readonly ref: EksClusterRef, private obj: KubeObject) {
    super(parent, `ns:${obj.metadata.name}`, ctx);
    this.target = { type: 'kubeObject', ...ref, resource: RESOURCES.namespaces, name: obj.metadata.name };
  }

  get name(): string {
    return this.obj.metadata.name;
  }

  update(obj: KubeObject): this {
    this.obj = obj;
    return this;
  }

  treeItem(): ItemView {
    const phase = (this.obj.status as { phase?: string } | undefined)?.phase;
    return {
      label: this.name,
      description: phase && phase !== 'Active' ? phase : undefined,
      tooltip: tooltip(`Namespace ${this.name}`, [['Phase', phase], ['Created', this.obj.metadata.creationTimestamp]]),
      contextValue: contextValue('namespace', { terminating: phase === 'Terminating' }),
      icon: { codicon: 'symbol-namespace' },
      collapsible: 'collapsed',
    };
  }

  override async children(): Promise<TreeNode[]> {
    if (this.kids) return this.kids;
    const ctx = this.ctx;
    const ref = this.ref;
    const ns = this.name;
    const list = (key: string, label: string, resource: ResourceKind, row: KubeListSpec['row'], extra: Partial<KubeListSpec> = {}) =>
      new KubeListNode(this, ctx, { key, label, kind: resource.plural, cluster: ref, resource, namespace: ns, row, empty: `No ${label.toLowerCase()} in ${ns}`, ...extra });
    const workloads = (key: string, label: string, resource: ResourceKind) =>
      list(key, label, resource, (p, o, old) => (old as WorkloadNode | undefined)?.update(o) ?? new WorkloadNode(p, ctx, ref, resource, o));
    const objects = (key: string, label: string, resource: ResourceKind) => list(key, label, resource, (p, o, old) => KubeObjectNode.reuse(p, ctx, ref, resource, o, old));
    return (this.kids = [
      workloads('deployments', 'Deployments', RESOURCES.deployments),
      workloads('statefulsets', 'StatefulSets', RESOURCES.statefulsets),
      workloads('daemonsets', 'DaemonSets', RESOURCES.daemonsets),
      workloads('jobs', 'Jobs', RESOURCES.jobs),
      workloads('cronjobs', 'CronJobs', RESOURCES.cronjobs),
      list('pods', 'Pods', RESOURCES.pods, (p, o, old) => PodNode.reuse(p, ctx, ref, o, old), { filter: isBarePod, kind: 'barePods', empty: `No bare pods in ${ns} (pods with a controller are under it)` }),
      objects('services', 'Services', RESOURCES.services),
      objects('ingresses', 'Ingresses', RESOURCES.ingresses),
      objects('hpas', 'HPAs', RESOURCES.hpas),
      objects('configmaps', 'ConfigMaps', RESOURCES.configmaps),
      objects('secrets', 'Secrets', RESOURCES.secrets),
      list('events', 'Events', RESOURCES.events, (p, o) => new EventNode(p, ctx, ref, o), {
        sort: eventOrder,
        icon: { codicon: 'bell' },
        describe: (items) => {
          const w = items.filter((e) => e.type === 'Warning').length;
          return w ? `${w} warning${w > 1 ? 's' : ''}` : String(items.length);
        },
      }),
    ]);
  }

  override reset(): void {
    this.kids = undefined;
  }
}
