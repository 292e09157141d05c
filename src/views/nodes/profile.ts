// A profile (or an sso-session account role): its Regions, or the EKS and ECS folders when it has one Region.
import { profileLabel } from '../../commands/explorer/profile-entry';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { contextValue, tooltip } from '../present';
import type { AwsScope } from '../target';
import { RegionNode, serviceFolders } from './region';

export type Credentials = Omit<AwsScope, 'region'>;

/** What a person calls the credentials: as the status bar and pickers say it (profile-entry.ts). */
export const credentialsLabel = (c: Credentials): string => profileLabel(c);

export class ProfileNode extends TreeNode {
  private kids: TreeNode[] | undefined;

  constructor(ctx: TreeContext, readonly creds: Credentials, private readonly regions: () => Promise<string[]>) {
    super(undefined, `p:${creds.sso ? `sso:${creds.sso.session}/${creds.sso.accountId}/${creds.sso.roleName}` : (creds.profile ?? '')}`, ctx);
    this.target = { type: 'profile', ...creds };
  }

  treeItem(): ItemView {
    const sso = this.creds.sso;
    return {
      label: credentialsLabel(this.creds),
      tooltip: tooltip(`AWS credentials: ${credentialsLabel(this.creds)}`, [['Profile', this.creds.profile], ['SSO session', sso?.session], ['Account', sso?.accountId], ['Role', sso?.roleName]]),
      contextValue: contextValue('profile', { sso: !!sso }),
      icon: { codicon: 'account' },
      collapsible: 'collapsed',
    };
  }

  override reset(): void {
    this.kids = undefined;
  }

  override async children(): Promise<TreeNode[]> {
    if (this.kids) return this.kids;
    const regions = await this.regions();
    return (this.kids =
      regions.length === 1
        ? serviceFolders(this, this.ctx, { ...this.creds, region: regions[0] })
        : regions.map((region) => new RegionNode(this, this.ctx, { ...this.creds, region })));
  }
}
