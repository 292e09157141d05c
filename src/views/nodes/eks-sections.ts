// The AWS-side parts of an EKS cluster, each a folder over one list call: node groups, Fargate profiles, add-ons,
// access entries, Pod Identity associations.
import type { EksCluster } from '../../aws/model';
import type { TreeContext, TreeNode } from '../node';
import type { EksClusterNode } from './eks-cluster';
import { AccessEntryNode, AddonNode, FargateProfileNode, NodegroupNode, PodIdentityNode } from './eks-parts';
import { ListFolderNode } from './paged';

export function eksSections(cluster: EksClusterNode, ctx: TreeContext, details: () => EksCluster): TreeNode[] {
  const b = ctx.backend;
  const ref = cluster.ref;
  return [
    new ListFolderNode(cluster, ctx, {
      key: 'nodegroups', label: 'Node groups', kind: 'eksNodegroups', icon: { codicon: 'server-environment' },
      fetch: (s) => b.nodegroups(ref, s), keyOf: (n) => n.name, row: (p, n) => new NodegroupNode(p, ctx, n),
      empty: 'No managed node groups',
    }),
    new ListFolderNode(cluster, ctx, {
      key: 'fargate', label: 'Fargate profiles', kind: 'eksFargateProfiles', icon: { codicon: 'cloud' },
      fetch: (s) => b.fargateProfiles(ref, s), keyOf: (f) => f.name, row: (p, f) => new FargateProfileNode(p, ctx, f),
      empty: 'No Fargate profiles',
    }),
    new ListFolderNode(cluster, ctx, {
      key: 'addons', label: 'Add-ons', kind: 'eksAddons', icon: { codicon: 'extensions' },
      fetch: (s) => b.addons(ref, details().version, s), keyOf: (a) => a.name, row: (p, a) => new AddonNode(p, ctx, a),
      empty: 'No EKS add-ons',
    }),
    new ListFolderNode(cluster, ctx, {
      key: 'access', label: 'Access entries', kind: 'eksAccessEntries', icon: { codicon: 'key' },
      fetch: (s) => b.accessEntries(ref, s), keyOf: (a) => a.principalArn, row: (p, a) => new AccessEntryNode(p, ctx, a),
      empty: details().authenticationMode === 'CONFIG_MAP' ? 'No access entries (this cluster uses the aws-auth ConfigMap)' : 'No access entries',
    }),
    new ListFolderNode(cluster, ctx, {
      key: 'podIdentity', label: 'Pod Identity', kind: 'eksPodIdentityAssociations', icon: { codicon: 'link' },
      fetch: (s) => b.podIdentityAssociations(ref, s), keyOf: (a) => a.associationId, row: (p, a) => new PodIdentityNode(p, ctx, a),
      empty: 'No Pod Identity associations',
    }),
  ];
}
