// A task set of an EXTERNAL (blue/green) service: status, stability, scale and its tasks' counts.
import type { EcsService, EcsTaskSet } from '../../aws/model';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, contextValue, join, shortArn, tooltip } from '../present';
import type { AwsScope } from '../target';

export class EcsTaskSetNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, scope: AwsScope, service: EcsService, readonly taskSet: EcsTaskSet) {
    super(parent, `ts:${taskSet.id}`, ctx);
    this.target = { type: 'ecsTaskSet', ...scope, clusterArn: service.clusterArn, serviceName: service.name, taskSet };
  }

  treeItem(): ItemView {
    const t = this.taskSet;
    const scale = t.scale?.value !== undefined ? `${t.scale.value}${t.scale.unit === 'PERCENT' ? '%' : ''}` : undefined;
    return {
      label: t.externalId ?? t.id,
      description: join(t.status, scale && `scale ${scale}`, `${t.running}/${t.computedDesired}`, t.pending > 0 && `${t.pending} pending`, t.stabilityStatus === 'STABILIZING' && 'stabilizing'),
      tooltip: tooltip(`Task set ${t.id}`, [
        ['Status', t.status],
        ['Stability', t.stabilityStatus],
        ['Scale', scale],
        ['Tasks', `${t.running} running of ${t.computedDesired}, ${t.pending} pending`],
        ['Task definition', shortArn(t.taskDefinition)],
        ['Launch type', t.launchType],
        ['External id', t.externalId],
        ['ARN', t.arn],
      ]),
      contextValue: contextValue('ecsTaskSet', { [t.status.toLowerCase()]: true }),
      icon: t.status === 'PRIMARY' ? { codicon: 'target', color: 'testing.iconPassed' } : t.status === 'DRAINING' ? ICON.stopped : { codicon: 'target' },
      collapsible: 'none',
    };
  }
}
