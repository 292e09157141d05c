// An ECS task: last and desired status, health, launch type and platform version, when it started, and why it
// stopped. Its containers below.
import type { EcsTask } from '../../aws/model';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, age, contextValue, join, shortArn, tooltip } from '../present';
import type { AwsScope } from '../target';
import { EcsContainerNode } from './ecs-container';

export function taskIcon(t: EcsTask): ItemView['icon'] {
  if (t.lastStatus === 'STOPPED') return t.stopCode && t.stopCode !== 'UserInitiated' && t.containers.some((c) => c.exitCode !== 0) ? ICON.error : ICON.stopped;
  if (t.healthStatus === 'UNHEALTHY') return ICON.error;
  if (t.lastStatus === 'RUNNING') return t.desiredStatus === 'STOPPED' ? ICON.pending : { media: 'task' };
  return ICON.pending;
}

export class EcsTaskNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, readonly scope: AwsScope, public task: EcsTask) {
    super(parent, `task:${task.id}`, ctx);
    this.target = { type: 'ecsTask', ...scope, clusterArn: task.clusterArn, task };
  }

  update(t: EcsTask): this {
    this.task = t;
    this.target = { type: 'ecsTask', ...this.scope, clusterArn: t.clusterArn, task: t };
    return this;
  }

  treeItem(): ItemView {
    const t = this.task;
    const status = t.desiredStatus && t.desiredStatus !== t.lastStatus ? `${t.lastStatus} → ${t.desiredStatus}` : t.lastStatus;
    const health = t.healthStatus && t.healthStatus !== 'UNKNOWN' && t.lastStatus !== 'STOPPED' ? t.healthStatus.toLowerCase() : undefined;
    return {
      label: t.id,
      description: join(status, health, t.launchType, t.platformVersion, t.startedAt && `started ${age(t.startedAt, this.ctx.today())} ago`, t.stoppedReason),
      tooltip: tooltip(`ECS task ${t.id}`, [
        ['Status', t.lastStatus],
        ['Desired', t.desiredStatus],
        ['Health', t.healthStatus],
        ['Launch type', t.launchType],
        ['Platform', join(t.platformFamily, t.platformVersion)],
        ['Task definition', shortArn(t.taskDefinitionArn)],
        ['Service', t.serviceName],
        ['Started by', t.startedBy],
        ['Started at', t.startedAt],
        ['Stopped at', t.stoppedAt],
        ['Stop code', t.stopCode],
        ['Stopped reason', t.stoppedReason],
        ['CPU / memory', t.cpu && `${t.cpu} / ${t.memory}`],
        ['Zone', t.availabilityZone],
        ['ECS Exec', t.execEnabled ? 'enabled' : 'disabled'],
      ]),
      contextValue: contextValue('ecsTask', { execEnabled: t.execEnabled, fargate: t.launchType === 'FARGATE', [(t.lastStatus ?? 'unknown').toLowerCase()]: true }),
      icon: taskIcon(t),
      collapsible: t.containers.length ? 'collapsed' : 'none',
    };
  }

  override async children(): Promise<TreeNode[]> {
    return this.task.containers.map((c) => new EcsContainerNode(this, this.ctx, this.scope, this.task, c));
  }
}
