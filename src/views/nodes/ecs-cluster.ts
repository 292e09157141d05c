// An ECS cluster: status, service and task counts, capacity providers. Under it its services (paged), and a
// folder of the standalone tasks that no service owns.
import type { EcsCluster, EcsService } from '../../aws/model';
import type { Page } from '../../page';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, contextValue, join, plural, tooltip } from '../present';
import type { AwsScope } from '../target';
import { EcsServiceNode } from './ecs-service';
import { EcsTasksNode } from './ecs-tasks';
import { PagedNode } from './paged';

export class EcsClusterNode extends PagedNode<EcsService> {
  override readonly periodic = true;
  private standalone: EcsTasksNode | undefined;

  constructor(parent: TreeNode, ctx: TreeContext, readonly scope: AwsScope, public cluster: EcsCluster) {
    super(parent, `c:${cluster.name}`, ctx);
    this.target = { type: 'ecsCluster', ...scope, cluster };
  }

  update(c: EcsCluster): this {
    this.cluster = c;
    this.target = { type: 'ecsCluster', ...this.scope, cluster: c };
    return this;
  }

  treeItem(): ItemView {
    const c = this.cluster;
    const active = c.status === 'ACTIVE';
    return {
      label: c.name,
      description: join(!active && c.status, plural(c.activeServices, 'service'), plural(c.runningTasks, 'task'), c.pendingTasks > 0 && `${c.pendingTasks} pending`, c.capacityProviders.join(', ')),
      tooltip: tooltip(`ECS cluster ${c.name}`, [
        ['Status', c.status],
        ['Services', c.activeServices],
        ['Running tasks', c.runningTasks],
        ['Pending tasks', c.pendingTasks],
        ['Container instances', c.registeredContainerInstances],
        ['Capacity providers', c.capacityProviders.join(', ') || 'none'],
        ['ARN', c.arn],
      ]),
      contextValue: contextValue('ecsCluster', { inactive: !active }),
      icon: active ? { media: 'ecs' } : ICON.stopped,
      collapsible: 'collapsed',
    };
  }

  protected override head(): TreeNode[] {
    return [(this.standalone ??= new EcsTasksNode(this, this.ctx, this.scope, this.cluster.arn))];
  }
  protected fetch(next: string | undefined, signal: AbortSignal): Promise<Page<EcsService>> {
    return this.ctx.backend.ecsServices(this.scope, this.cluster.arn, next, signal);
  }
  protected keyOf(s: EcsService): string {
    return s.arn;
  }
  protected row(s: EcsService, existing: TreeNode | undefined): TreeNode {
    return existing instanceof EcsServiceNode ? existing.update(s) : new EcsServiceNode(this, this.ctx, this.scope, s);
  }
  protected emptyText(): string {
    return `No services in ${this.cluster.name}`;
  }

  override reset(): void {
    super.reset();
    this.standalone?.reset();
  }
}
