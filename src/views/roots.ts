// The top of the tree from the settings: Profile -> Region -> EKS / ECS, where a level with one entry collapses
// into its parent (one profile and one Region: the roots are EKS and ECS). `wharf.profiles` entries are parsed as
// the profile picker writes them (commands/explorer/profile-entry.ts).
import { scopesOf } from '../commands/explorer/profile-entry';
import type { TreeContext, TreeNode } from './node';
import { ProfileNode, type Credentials } from './nodes/profile';
import { RegionNode, serviceFolders } from './nodes/region';
import type { AwsScope } from './target';

/** The Regions shown for a profile: the setting, else the profile's own Region (or AWS_REGION, else us-east-1). */
export async function regionsOf(ctx: TreeContext, creds: Credentials, regions: string[]): Promise<string[]> {
  return regions.length ? [...new Set(regions)] : [await ctx.backend.defaultRegion(creds.profile)];
}

/** Every (credentials, Region) pair the tree shows. */
export async function shownScopes(ctx: TreeContext, profiles: string[], regions: string[]): Promise<AwsScope[]> {
  const out: AwsScope[] = [];
  for (const c of scopesOf(profiles)) for (const region of await regionsOf(ctx, c, regions)) out.push({ ...c, region });
  return out;
}

export async function rootNodes(ctx: TreeContext, profiles: string[], regions: string[]): Promise<TreeNode[]> {
  const creds = scopesOf(profiles);
  if (creds.length > 1) return creds.map((c) => new ProfileNode(ctx, c, () => regionsOf(ctx, c, regions)));
  const only = creds[0];
  const rs = await regionsOf(ctx, only, regions);
  if (rs.length === 1) return serviceFolders(undefined, ctx, { ...only, region: rs[0] });
  return rs.map((region) => new RegionNode(undefined, ctx, { ...only, region }));
}
