// A Region of a profile: its EKS and ECS folders.
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { contextValue } from '../present';
import type { AwsScope } from '../target';
import { EcsClustersNode } from './ecs-clusters';
import { EksClustersNode } from './eks-clusters';

/** The EKS and ECS folders of one profile and Region (the children of a Region, or the roots when there is one). */
export function serviceFolders(parent: TreeNode | undefined, ctx: TreeContext, scope: AwsScope): TreeNode[] {
  return [new EksClustersNode(parent, ctx, scope), new EcsClustersNode(parent, ctx, scope)];
}

export class RegionNode extends TreeNode {
  private kids: TreeNode[] | undefined;

  constructor(parent: TreeNode | undefined, ctx: TreeContext, readonly scope: AwsScope) {
    super(parent, `r:${scope.region}`, ctx);
    this.target = { type: 'region', ...scope };
  }

  treeItem(): ItemView {
    return { label: this.scope.region, contextValue: contextValue('region'), icon: { codicon: 'globe' }, collapsible: 'collapsed' };
  }

  override async children(): Promise<TreeNode[]> {
    return (this.kids ??= serviceFolders(this, this.ctx, this.scope));
  }
}
