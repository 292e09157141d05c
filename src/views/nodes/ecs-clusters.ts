// The "ECS" folder of a Region: clusters 100 at a time (ListClusters, then one DescribeClusters per page).
import type { EcsCluster } from '../../aws/model';
import type { Page } from '../../page';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { contextValue } from '../present';
import type { AwsScope } from '../target';
import { EcsClusterNode } from './ecs-cluster';
import { PagedNode } from './paged';

export class EcsClustersNode extends PagedNode<EcsCluster> {
  override readonly periodic = true;

  constructor(parent: TreeNode | undefined, ctx: TreeContext, readonly scope: AwsScope) {
    super(parent, 'ecs', ctx);
    this.target = { type: 'region', ...scope };
  }

  treeItem(): ItemView {
    const n = this.items?.length;
    return {
      label: 'ECS',
      description: n === undefined ? undefined : `${n}${this.next ? '+' : ''} ${n === 1 ? 'cluster' : 'clusters'}`,
      tooltip: `Amazon ECS clusters in ${this.scope.region}`,
      contextValue: contextValue('folder', { ecsClusters: true }),
      icon: { media: 'ecs' },
      collapsible: 'collapsed',
    };
  }

  protected fetch(next: string | undefined, signal: AbortSignal): Promise<Page<EcsCluster>> {
    return this.ctx.backend.ecsClusters(this.scope, next, signal);
  }
  protected keyOf(c: EcsCluster): string {
    return c.arn;
  }
  protected row(c: EcsCluster, existing: TreeNode | undefined): TreeNode {
    return existing instanceof EcsClusterNode ? existing.update(c) : new EcsClusterNode(this, this.ctx, this.scope, c);
  }
  protected emptyText(): string {
    return `No ECS clusters in ${this.scope.region}`;
  }
}
