// One EKS cluster: its name at once, then status, version, platform version, endpoint access and support phase as
// DescribeCluster answers. Under it the cluster's AWS-side parts and its Kubernetes API.
import type { EksCluster, SupportStatus } from '../../aws/model';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, contextValue, join, md, tooltip } from '../present';
import type { AwsScope, EksClusterRef } from '../target';
import { describeError } from './error';
import { eksSections } from './eks-sections';
import { KubernetesNode } from './kubernetes';

export function supportText(s: SupportStatus | undefined): string | undefined {
  if (!s) return undefined;
  return { standard: 'standard support', extended: 'extended support', unsupported: 'past end of support', unknown: undefined }[s.phase];
}

function endpointAccess(c: EksCluster): string | undefined {
  if (c.endpointPublicAccess && c.endpointPrivateAccess) return 'public+private';
  if (c.endpointPublicAccess) return 'public';
  if (c.endpointPrivateAccess) return 'private';
  return undefined;
}

export class EksClusterNode extends TreeNode {
  cluster: EksCluster | undefined;
  error: unknown;
  describing = false;
  private sections: TreeNode[] | undefined;

  constructor(parent: TreeNode | undefined, ctx: TreeContext, readonly scope: AwsScope, readonly name: string) {
    super(parent, `c:${name}`, ctx);
    this.target = { type: 'eksCluster', ...scope, clusterName: name };
  }

  get ref(): EksClusterRef {
    return { ...this.scope, clusterName: this.name };
  }

  needsDetails(): boolean {
    return !this.cluster && !this.describing && this.error === undefined;
  }
  setDetails(c: EksCluster): void {
    this.cluster = c;
    this.error = undefined;
    this.describing = false;
    this.target = { type: 'eksCluster', ...this.scope, clusterName: this.name, cluster: c };
  }
  setError(e: unknown): void {
    this.error = e;
    this.describing = false;
  }
  setAborted(): void {
    this.describing = false;
  }
  override reset(): void {
    this.cluster = undefined;
    this.error = undefined;
    this.sections = undefined;
  }

  treeItem(): ItemView {
    const c = this.cluster;
    if (!c) {
      const err = this.error === undefined ? undefined : describeError(this.error);
      return {
        label: this.name,
        description: err ? err.label : '…',
        tooltip: err ? tooltip(this.name, [], md(err.reason), `**Next step:** ${md(err.nextStep)}`) : undefined,
        contextValue: contextValue('eksCluster', { describeFailed: !!err }),
        icon: err ? ICON.warning : { media: 'eks' },
        collapsible: 'collapsed',
      };
    }
    const phase = c.support?.phase;
    const notActive = c.status !== 'ACTIVE';
    const health = c.healthIssues.length;
    const icon =
      c.status === 'FAILED' ? ICON.error
      : notActive ? ICON.pending
      : health || phase === 'unsupported' ? ICON.warning
      : { media: 'eks' as const };
    const s = c.support;
    return {
      label: c.name,
      description: join(notActive && c.status, c.version, c.platformVersion, supportText(s), endpointAccess(c), health && `${health} health issue${health > 1 ? 's' : ''}`),
      tooltip: tooltip(
        `EKS cluster ${c.name}`,
        [
          ['Status', c.status],
          ['Kubernetes', c.version],
          ['Platform version', c.platformVersion],
          ['Support', s && join(supportText(s), s.endOfStandardSupport && `standard ends ${s.endOfStandardSupport}`, s.endOfExtendedSupport && `extended ends ${s.endOfExtendedSupport}`, s.source === 'table' ? 'from the published calendar' : undefined)],
          ['Upgrade policy', c.supportType && `${c.supportType} (the cluster's setting for after standard support)`],
          ['Endpoint access', join(endpointAccess(c), c.publicAccessCidrs?.length && c.endpointPublicAccess ? `from ${c.publicAccessCidrs.join(', ')}` : undefined)],
          ['Endpoint', c.endpoint],
          ['Authentication mode', c.authenticationMode],
          ['Region', c.region],
          ['Created', c.createdAt],
          ['ARN', c.arn],
        ],
        health ? `**Health issues**\n\n${c.healthIssues.map((h) => `- ${md(h.code)}: ${md(h.message)}`).join('\n')}` : undefined,
      ),
      contextValue: contextValue('eksCluster', {
        extendedSupport: phase === 'extended',
        pastSupport: phase === 'unsupported',
        healthIssues: health > 0,
        [c.status.toLowerCase()]: true,
        privateOnly: !c.endpointPublicAccess && !!c.endpointPrivateAccess,
      }),
      icon,
      collapsible: 'collapsed',
    };
  }

  override async children(signal: AbortSignal): Promise<TreeNode[]> {
    if (!this.cluster) {
      this.describing = true;
      try {
        this.setDetails(await this.ctx.backend.eksCluster(this.scope, this.name, signal));
      } finally {
        this.describing = false;
      }
      this.ctx.changed(this);
    }
    return (this.sections ??= [...eksSections(this, this.ctx, () => this.cluster!), new KubernetesNode(this, this.ctx, this.ref)]);
  }
}
