// "Kubernetes" under an EKS cluster: its API server's Nodes and Namespaces, and Karpenter's NodePools and
// NodeClaims when the cluster serves karpenter.sh. Reached with the in-process EKS token (connections.ts).
import { RESOURCES } from '../../kube/resources';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { contextValue } from '../present';
import type { EksClusterRef } from '../target';
import { KubeListNode } from './kube-list';
import { KubeObjectNode } from './kube-object';
import { KubeNodeNode } from './kube-node';
import { NamespaceNode } from './namespace';

export class KubernetesNode extends TreeNode {
  private kids: TreeNode[] | undefined;

  constructor(parent: TreeNode, ctx: TreeContext, readonly ref: EksClusterRef) {
    super(parent, 'k8s', ctx);
    this.target = parent.target;
  }

  treeItem(): ItemView {
    return { label: 'Kubernetes', tooltip: `The Kubernetes API of ${this.ref.clusterName}`, contextValue: contextValue('folder', { kubernetes: true }), icon: { media: 'kubernetes' }, collapsible: 'collapsed' };
  }

  override reset(): void {
    this.kids = undefined;
  }

  override async children(signal: AbortSignal): Promise<TreeNode[]> {
    if (this.kids) return this.kids;
    const ref = this.ref;
    const kids: TreeNode[] = [
      new KubeListNode(this, this.ctx, {
        key: 'nodes', label: 'Nodes', kind: 'nodes', icon: { codicon: 'server' }, cluster: ref, resource: RESOURCES.nodes,
        row: (p, o, old) => KubeNodeNode.reuse(p, this.ctx, ref, o, old), empty: 'No nodes',
      }),
      new KubeListNode(this, this.ctx, {
        key: 'namespaces', label: 'Namespaces', kind: 'namespaces', icon: { codicon: 'symbol-namespace' }, cluster: ref, resource: RESOURCES.namespaces,
        row: (p, o, old) => (old as NamespaceNode | undefined)?.update(o) ?? new NamespaceNode(p, this.ctx, ref, o), empty: 'No namespaces',
      }),
    ];
    // The first request to the API server: an unreachable or unauthorized cluster fails here, as an error node.
    if (await this.ctx.backend.kubeServesGroup(ref, RESOURCES.nodepools.group, signal)) {
      for (const [key, label, resource] of [['nodepools', 'Karpenter NodePools', RESOURCES.nodepools], ['nodeclaims', 'Karpenter NodeClaims', RESOURCES.nodeclaims]] as const) {
        kids.push(
          new KubeListNode(this, this.ctx, {
            key, label, kind: resource.plural, icon: { codicon: 'rocket' }, cluster: ref, resource,
            row: (p, o, old) => KubeObjectNode.reuse(p, this.ctx, ref, resource, o, old), empty: `No ${resource.kind}s`,
          }),
        );
      }
    }
    return (this.kids = kids);
  }
}
