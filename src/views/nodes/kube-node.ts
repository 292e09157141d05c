// A cluster node: instance type, capacity type, zone, Fargate, Ready/NotReady and any pressure condition.
import type { KubeObject, NodeSummary } from '../../kube/model';
import { RESOURCES } from '../../kube/resources';
import { nodeSummary } from '../../kube/summaries';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, age, contextValue, join, tooltip } from '../present';
import type { EksClusterRef } from '../target';

export class KubeNodeNode extends TreeNode {
  summary: NodeSummary;

  constructor(parent: TreeNode, ctx: TreeContext, ref: EksClusterRef, obj: KubeObject) {
    super(parent, `node:${obj.metadata.name}`, ctx);
    this.summary = nodeSummary(obj);
    this.target = { type: 'kubeObject', ...ref, resource: RESOURCES.nodes, name: obj.metadata.name };
  }

  static reuse(parent: TreeNode, ctx: TreeContext, ref: EksClusterRef, obj: KubeObject, old: TreeNode | undefined): KubeNodeNode {
    if (old instanceof KubeNodeNode) {
      old.summary = nodeSummary(obj);
      return old;
    }
    return new KubeNodeNode(parent, ctx, ref, obj);
  }

  treeItem(): ItemView {
    const n = this.summary;
    const readiness = n.ready === undefined ? 'Unknown' : n.ready ? 'Ready' : 'NotReady';
    return {
      label: n.name,
      description: join(readiness !== 'Ready' && readiness, n.unschedulable && 'SchedulingDisabled', ...n.pressure, n.fargate ? 'Fargate' : n.instanceType, n.capacityType, n.zone, age(n.createdAt, this.ctx.today())),
      tooltip: tooltip(`Node ${n.name}`, [
        ['Status', join(readiness, n.unschedulable && 'SchedulingDisabled')],
        ['Conditions', n.pressure.join(', ')],
        ['Compute', n.fargate ? 'Fargate' : n.instanceType],
        ['Capacity', n.capacityType],
        ['Zone', n.zone],
        ['Node group', n.nodegroup],
        ['Kubelet', n.kubeletVersion],
        ['Created', n.createdAt],
      ]),
      contextValue: contextValue('node', { fargate: n.fargate, notReady: n.ready !== true, pressure: n.pressure.length > 0, cordoned: n.unschedulable, spot: n.capacityType === 'SPOT' }),
      icon: n.ready === false ? ICON.error : n.pressure.length ? ICON.warning : n.ready ? { codicon: 'server', color: 'testing.iconPassed' } : ICON.unknown,
      collapsible: 'none',
    };
  }
}
