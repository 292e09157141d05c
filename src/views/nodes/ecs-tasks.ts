// "Standalone tasks": the cluster's tasks that no service started (RunTask, scheduled tasks), paged.
import type { EcsTask } from '../../aws/model';
import type { Page } from '../../page';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { contextValue } from '../present';
import type { AwsScope } from '../target';
import { EcsTaskNode } from './ecs-task';
import { PagedNode } from './paged';

export class EcsTasksNode extends PagedNode<EcsTask> {
  override readonly periodic = true;

  constructor(parent: TreeNode, ctx: TreeContext, readonly scope: AwsScope, readonly clusterArn: string) {
    super(parent, 'standalone', ctx);
    this.target = parent.target;
  }

  treeItem(): ItemView {
    return {
      label: 'Standalone tasks',
      description: this.items ? `${this.items.length}${this.next ? '+' : ''}` : undefined,
      tooltip: 'Tasks not started by a service',
      contextValue: contextValue('folder', { ecsStandaloneTasks: true }),
      icon: { codicon: 'folder' },
      collapsible: 'collapsed',
    };
  }

  protected fetch(next: string | undefined, signal: AbortSignal): Promise<Page<EcsTask>> {
    return this.ctx.backend.ecsTasks(this.scope, this.clusterArn, { standalone: true }, next, signal);
  }
  protected keyOf(t: EcsTask): string {
    return t.arn;
  }
  protected row(t: EcsTask, existing: TreeNode | undefined): TreeNode {
    return existing instanceof EcsTaskNode ? existing.update(t) : new EcsTaskNode(this, this.ctx, this.scope, t);
  }
  protected emptyText(): string {
    return 'No standalone tasks';
  }
}
