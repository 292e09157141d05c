// The name and ARN of what a node points at, for "Copy name" / "Copy ARN". Pure, unit-tested.
import type { NodeTarget } from '../../views/target';
import { partitionOf } from './console-urls';

export function nameOf(t: NodeTarget): string | undefined {
  switch (t.type) {
    case 'profile':
      return t.profile ?? (t.sso ? `${t.sso.roleName}@${t.sso.accountId}` : 'default');
    case 'region':
      return t.region;
    case 'eksCluster':
      return (t as { nodegroup?: { name?: string } }).nodegroup?.name ?? t.clusterName;
    case 'kubeObject':
      return t.name;
    case 'kubeContainer':
      return t.container;
    case 'ecsCluster':
      return t.cluster.name;
    case 'ecsService':
      return t.service.name;
    case 'ecsTaskSet':
      return t.taskSet.id;
    case 'ecsTask':
      return t.task.id;
    case 'ecsContainer':
      return t.container.name;
    default: {
      const loose = t as { name?: string; nodegroup?: { name?: string } };
      return loose.nodegroup?.name ?? loose.name;
    }
  }
}

/** The ARN when the node's data has it (or it follows from the name, Region and account). */
export function arnOf(t: NodeTarget, account?: string): string | undefined {
  switch (t.type) {
    case 'eksCluster': {
      const ng = (t as { nodegroup?: { arn?: string } }).nodegroup;
      if (ng) return ng.arn;
      return t.cluster?.arn ?? (account ? `arn:${partitionOf(t.region)}:eks:${t.region}:${account}:cluster/${t.clusterName}` : undefined);
    }
    case 'ecsCluster':
      return t.cluster.arn;
    case 'ecsService':
      return t.service.arn;
    case 'ecsTaskSet':
      return t.taskSet.arn;
    case 'ecsTask':
      return t.task.arn;
    default:
      return (t as { nodegroup?: { arn?: string }; arn?: string }).nodegroup?.arn ?? (t as { arn?: string }).arn;
  }
}

/** Whether arnOf needs the caller's account to build the ARN. */
export function arnNeedsAccount(t: NodeTarget): boolean {
  return t.type === 'eksCluster' && !t.cluster?.arn && !(t as { nodegroup?: unknown }).nodegroup;
}
