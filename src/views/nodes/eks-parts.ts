// Leaf rows for an EKS cluster's AWS-side parts. Each is one small class: what the row says and its tooltip.
import type { EksAccessEntry, EksAddon, EksFargateProfile, EksNodegroup, EksPodIdentityAssociation, HealthIssue } from '../../aws/model';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, contextValue, join, md, shortArn, tooltip } from '../present';

function healthParagraph(issues: HealthIssue[]): string | undefined {
  return issues.length ? `**Health issues**\n\n${issues.map((h) => `- ${md(h.code)}: ${md(h.message)}`).join('\n')}` : undefined;
}

function statusIcon(status: string | undefined, issues: number): ItemView['icon'] {
  if (status === 'CREATE_FAILED' || status === 'DEGRADED' || status === 'DELETE_FAILED') return ICON.error;
  if (issues) return ICON.warning;
  if (status === 'ACTIVE') return ICON.ok;
  return ICON.pending;
}

export class NodegroupNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, readonly nodegroup: EksNodegroup) {
    super(parent, `ng:${nodegroup.name}`, ctx);
    this.target = parent.target;
  }

  treeItem(): ItemView {
    const n = this.nodegroup;
    const sc = n.scaling;
    return {
      label: n.name,
      description: join(n.status !== 'ACTIVE' && n.status, n.amiType, n.capacityType, `${sc.desired ?? '?'} (${sc.min ?? '?'}–${sc.max ?? '?'})`, n.healthIssues.length && `${n.healthIssues.length} health issues`),
      tooltip: tooltip(
        `Node group ${n.name}`,
        [['Status', n.status], ['AMI type', n.amiType], ['Capacity', n.capacityType], ['Instance types', n.instanceTypes.join(', ')],
          ['Scaling', `desired ${sc.desired ?? '?'}, min ${sc.min ?? '?'}, max ${sc.max ?? '?'}`], ['Kubernetes', n.version], ['Release', n.releaseVersion],
          ['Taints', n.taints.map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`).join(', ')]],
        healthParagraph(n.healthIssues),
      ),
      contextValue: contextValue('eksNodegroup', { healthIssues: n.healthIssues.length > 0, spot: n.capacityType === 'SPOT' }),
      icon: statusIcon(n.status, n.healthIssues.length),
      collapsible: 'none',
    };
  }
}

export class FargateProfileNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, readonly profile: EksFargateProfile) {
    super(parent, `fp:${profile.name}`, ctx);
    this.target = parent.target;
  }

  treeItem(): ItemView {
    const f = this.profile;
    const sel = f.selectors.map((s) => join(s.namespace, s.labels && Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(','))).join('; ');
    return {
      label: f.name,
      description: join(f.status !== 'ACTIVE' && f.status, sel),
      tooltip: tooltip(`Fargate profile ${f.name}`, [['Status', f.status], ['Selectors', sel], ['Pod execution role', f.podExecutionRoleArn], ['Subnets', f.subnets.join(', ')]]),
      contextValue: contextValue('eksFargateProfile'),
      icon: statusIcon(f.status, 0),
      collapsible: 'none',
    };
  }
}

export class AddonNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, readonly addon: EksAddon) {
    super(parent, `addon:${addon.name}`, ctx);
    this.target = parent.target;
  }

  treeItem(): ItemView {
    const a = this.addon;
    return {
      label: a.name,
      description: join(a.version, a.status !== 'ACTIVE' && a.status, a.newerVersion && `update available: ${a.newerVersion}`),
      tooltip: tooltip(`Add-on ${a.name}`, [['Version', a.version], ['Newer compatible version', a.newerVersion], ['Status', a.status], ['Service account role', a.serviceAccountRoleArn]], healthParagraph(a.healthIssues)),
      contextValue: contextValue('eksAddon', { updateAvailable: !!a.newerVersion, healthIssues: a.healthIssues.length > 0 }),
      icon: a.newerVersion && a.status === 'ACTIVE' && !a.healthIssues.length ? { codicon: 'arrow-circle-up', color: 'editorInfo.foreground' } : statusIcon(a.status, a.healthIssues.length),
      collapsible: 'none',
    };
  }
}

export class AccessEntryNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, readonly entry: EksAccessEntry) {
    super(parent, `ae:${entry.principalArn}`, ctx);
    this.target = parent.target;
  }

  treeItem(): ItemView {
    const e = this.entry;
    const policies = e.policies?.map((p) => `${shortArn(p.policyArn)} (${p.accessScope.type === 'cluster' ? 'cluster' : `namespaces ${p.accessScope.namespaces?.join(', ')}`})`);
    return {
      label: shortArn(e.principalArn) ?? e.principalArn,
      description: join(e.type !== 'STANDARD' && e.type, policies?.map((p) => p.split(' ')[0]).join(', '), e.kubernetesGroups.length && `groups: ${e.kubernetesGroups.join(', ')}`),
      tooltip: tooltip('Access entry', [['Principal', e.principalArn], ['Type', e.type], ['Username', e.username], ['Kubernetes groups', e.kubernetesGroups.join(', ')], ['Access policies', policies ? policies.join('; ') || 'none' : 'could not be read']]),
      contextValue: contextValue('eksAccessEntry'),
      icon: { codicon: 'person' },
      collapsible: 'none',
    };
  }
}

export class PodIdentityNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, readonly association: EksPodIdentityAssociation) {
    super(parent, `pia:${association.associationId}`, ctx);
    this.target = parent.target;
  }

  treeItem(): ItemView {
    const a = this.association;
    return {
      label: `${a.namespace}/${a.serviceAccount}`,
      description: shortArn(a.roleArn),
      tooltip: tooltip('Pod Identity association', [['Namespace', a.namespace], ['Service account', a.serviceAccount], ['Role', a.roleArn], ['Association', a.associationId]]),
      contextValue: contextValue('eksPodIdentityAssociation'),
      icon: { codicon: 'link' },
      collapsible: 'none',
    };
  }
}
