// A pod: its state as an icon (running, pending, CrashLoopBackOff, ImagePullBackOff, OOMKilled, completed...),
// kubectl's STATUS, ready x/y, restarts, and where it runs ("Fargate" when it does). Its containers below.
import { rowFlags } from '../../kube/access-review';
import type { KubeObject, PodState, PodSummary } from '../../kube/model';
import { RESOURCES } from '../../kube/resources';
import { podSummary } from '../../kube/summaries';
import { TreeNode, type Icon, type ItemView, type TreeContext } from '../node';
import { ICON, age, contextValue, join, tooltip } from '../present';
import type { EksClusterRef } from '../target';
import { ContainerNode } from './container';

export const POD_ICONS: Record<PodState, Icon> = {
  running: ICON.running,
  ready: ICON.running,
  pending: ICON.pending,
  crashloop: ICON.crash,
  imagepull: ICON.image,
  oomkilled: ICON.oom,
  completed: ICON.done,
  failed: ICON.error,
  terminating: { codicon: 'trash', color: 'disabledForeground' },
  unknown: ICON.unknown,
};

export class PodNode extends TreeNode {
  summary: PodSummary;

  constructor(parent: TreeNode, ctx: TreeContext, readonly ref: EksClusterRef, obj: KubeObject) {
    super(parent, `pod:${obj.metadata.name}`, ctx);
    this.summary = podSummary(obj);
    this.target = { type: 'kubeObject', ...ref, resource: RESOURCES.pods, namespace: obj.metadata.namespace, name: obj.metadata.name };
  }

  static reuse(parent: TreeNode, ctx: TreeContext, ref: EksClusterRef, obj: KubeObject, old: TreeNode | undefined): PodNode {
    if (old instanceof PodNode) {
      old.summary = podSummary(obj);
      return old;
    }
    return new PodNode(parent, ctx, ref, obj);
  }

  treeItem(): ItemView {
    const p = this.summary;
    const where = p.fargate ? 'Fargate' : p.node;
    return {
      label: p.name,
      description: join(p.status, `${p.ready}/${p.total}`, p.restarts > 0 && `${p.restarts} restart${p.restarts > 1 ? 's' : ''}`, where, age(p.createdAt, this.ctx.today())),
      tooltip: tooltip(`Pod ${p.name}`, [
        ['Status', p.status],
        ['Phase', p.phase],
        ['Ready', `${p.ready}/${p.total}`],
        ['Restarts', p.restarts],
        ['Node', p.node],
        ['Compute', p.fargate ? 'Fargate' : undefined],
        ['IP', p.ip],
        ['Owner', p.owner && `${p.owner.kind}/${p.owner.name}`],
        ['Namespace', p.namespace],
        ['Created', p.createdAt],
      ]),
      // noDelete: the server said this principal may not delete pods here (SelfSubjectAccessReview).
      contextValue: contextValue('pod', { [p.state]: true, fargate: p.fargate, ...rowFlags('Pod', this.ctx.backend.kubeAccess?.(this.ref, p.namespace, () => this.ctx.changed(this))) }),
      icon: POD_ICONS[p.state] ?? ICON.unknown,
      collapsible: 'collapsed',
    };
  }

  override async children(): Promise<TreeNode[]> {
    return this.summary.containers.map((c) => new ContainerNode(this, this.ctx, this.ref, this.summary, c));
  }
}
