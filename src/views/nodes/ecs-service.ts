// An ECS service: status, desired/running/pending, the rollout of its deployments, "exec" when ECS Exec is on.
// Under it: its task sets (EXTERNAL blue/green services), then its tasks (paged).
import type { EcsService, EcsTask } from '../../aws/model';
import type { Page } from '../../page';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, contextValue, join, md, shortArn, tooltip } from '../present';
import type { AwsScope } from '../target';
import { EcsTaskNode } from './ecs-task';
import { EcsTaskSetNode } from './ecs-task-set';
import { PagedNode } from './paged';

export class EcsServiceNode extends PagedNode<EcsTask> {
  override readonly periodic = true;

  constructor(parent: TreeNode, ctx: TreeContext, readonly scope: AwsScope, public service: EcsService) {
    super(parent, `svc:${service.name}`, ctx);
    this.target = { type: 'ecsService', ...scope, clusterArn: service.clusterArn, service };
  }

  update(s: EcsService): this {
    this.service = s;
    this.target = { type: 'ecsService', ...this.scope, clusterArn: s.clusterArn, service: s };
    return this;
  }

  /** The rollout a person cares about: the PRIMARY deployment's, when it is not simply COMPLETED. */
  private rollout(): string | undefined {
    const primary = this.service.deployments.find((d) => d.status === 'PRIMARY');
    if (this.service.deployments.length > 1) return `rolling out${primary?.rolloutState ? ` (${primary.rolloutState.toLowerCase()})` : ''}`;
    return primary?.rolloutState && primary.rolloutState !== 'COMPLETED' ? `rollout ${primary.rolloutState.toLowerCase()}` : undefined;
  }

  treeItem(): ItemView {
    const s = this.service;
    const external = s.deploymentController === 'EXTERNAL';
    const failed = s.deployments.some((d) => d.rolloutState === 'FAILED');
    const deployments = s.deployments.map((d) => `- ${md(d.status)} ${md(shortArn(d.taskDefinition))}: ${d.running}/${d.desired} running, ${d.pending} pending${d.failedTasks ? `, ${d.failedTasks} failed` : ''}${d.rolloutState ? `, ${md(d.rolloutState)}` : ''}${d.rolloutStateReason ? ` (${md(d.rolloutStateReason)})` : ''}`);
    return {
      label: s.name,
      description: join(s.status !== 'ACTIVE' && s.status, `${s.running}/${s.desired}`, s.pending > 0 && `${s.pending} pending`, this.rollout(), external && `${s.taskSets.length} task sets`, s.execEnabled && 'exec'),
      tooltip: tooltip(
        `ECS service ${s.name}`,
        [
          ['Status', s.status],
          ['Tasks', `${s.running} running of ${s.desired} desired, ${s.pending} pending`],
          ['Launch type', s.launchType],
          ['Capacity providers', s.capacityProviders.join(', ')],
          ['Deployment controller', s.deploymentController],
          ['Task definition', shortArn(s.taskDefinition)],
          ['ECS Exec', s.execEnabled ? 'enabled' : 'disabled'],
        ],
        deployments.length ? `**Deployments**\n\n${deployments.join('\n')}` : undefined,
      ),
      contextValue: contextValue('ecsService', { execEnabled: s.execEnabled, external, codeDeploy: s.deploymentController === 'CODE_DEPLOY', rolloutFailed: failed }),
      icon: failed ? ICON.error : s.running < s.desired ? ICON.pending : { codicon: 'symbol-method' },
      collapsible: 'collapsed',
    };
  }

  protected override head(): TreeNode[] {
    return this.service.taskSets.map((t) => new EcsTaskSetNode(this, this.ctx, this.scope, this.service, t));
  }
  protected fetch(next: string | undefined, signal: AbortSignal): Promise<Page<EcsTask>> {
    return this.ctx.backend.ecsTasks(this.scope, this.service.clusterArn, { serviceName: this.service.name }, next, signal);
  }
  protected keyOf(t: EcsTask): string {
    return t.arn;
  }
  protected row(t: EcsTask, existing: TreeNode | undefined): TreeNode {
    return existing instanceof EcsTaskNode ? existing.update(t) : new EcsTaskNode(this, this.ctx, this.scope, t);
  }
  protected emptyText(): string {
    return `No tasks in ${this.service.name}`;
  }
}
