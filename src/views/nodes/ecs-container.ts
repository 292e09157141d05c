// A container of an ECS task (EC2 and Fargate alike): status, exit code and reason, health, the ECS Exec agent.
import type { EcsContainer, EcsTask } from '../../aws/model';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, contextValue, join, tooltip } from '../present';
import type { AwsScope } from '../target';
import { shortImage } from './container';

export class EcsContainerNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, scope: AwsScope, task: EcsTask, readonly container: EcsContainer) {
    super(parent, `ctr:${container.name}`, ctx);
    this.target = { type: 'ecsContainer', ...scope, clusterArn: task.clusterArn, task, container };
  }

  treeItem(): ItemView {
    const c = this.container;
    const agent = c.execAgent?.status;
    const exited = c.exitCode !== undefined && c.exitCode !== null;
    const icon =
      c.lastStatus === 'RUNNING' ? (c.healthStatus === 'UNHEALTHY' ? ICON.error : ICON.running)
      : c.lastStatus === 'STOPPED' ? (exited && c.exitCode !== 0 ? ICON.error : ICON.done)
      : ICON.pending;
    return {
      label: c.name,
      description: join(c.lastStatus, exited && `exit ${c.exitCode}`, c.healthStatus && c.healthStatus !== 'UNKNOWN' && c.healthStatus.toLowerCase(), agent && `exec agent ${agent.toLowerCase()}`, c.image && shortImage(c.image)),
      tooltip: tooltip(`Container ${c.name}`, [
        ['Image', c.image],
        ['Status', c.lastStatus],
        ['Exit code', exited ? c.exitCode : undefined],
        ['Reason', c.reason],
        ['Health', c.healthStatus],
        ['ECS Exec agent', agent && join(agent, c.execAgent?.reason)],
        ['Runtime id', c.runtimeId],
      ]),
      contextValue: contextValue('ecsContainer', { execAgentRunning: agent === 'RUNNING', [(c.lastStatus ?? 'unknown').toLowerCase()]: true }),
      icon,
      collapsible: 'none',
    };
  }
}
