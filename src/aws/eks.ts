// The EKS adapters in one import: clusters (eks-clusters.ts), what hangs under a cluster (eks-children.ts) and
// the support calendar (eks-support.ts). Each takes an EKSClient from AwsSession and an AbortSignal and returns
// model.ts data.
export { describeEksCluster, EKS_LIST_PAGE, listEksClusterNames, toEksCluster } from './eks-clusters';
export {
  compareAddonVersions, EKS_DESCRIBE_CONCURRENCY, listAccessEntries, listAddons, listFargateProfiles, listNodegroups, listPodIdentityAssociations,
} from './eks-children';
export { describeClusterVersions, minorVersion, supportStatus, type ClusterVersionInfo } from './eks-support';
