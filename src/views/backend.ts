// Everything the tree reads, as one interface over plain data. The explorer's implementation (backend-live.ts)
// binds the AWS and Kubernetes adapters to the cached sessions and clients of connections.ts; unit tests pass a
// fake. Every call takes the expanding node's AbortSignal, so a collapse or a refresh cancels it.
import type { EcsCluster, EcsService, EcsTask, EksAccessEntry, EksAddon, EksCluster, EksFargateProfile, EksNodegroup, EksPodIdentityAssociation } from '../aws/model';
import type { ActionAccess } from '../kube/access-review';
import type { KubeListPage, ResourceKind } from '../kube/model';
import type { Page } from '../page';
import type { AwsScope, EksClusterRef } from './target';

export interface KubeListOptions {
  namespace?: string;
  limit?: number;
  continue?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface Backend {
  /** The Region to show for a profile when `wharf.regions` is empty: the profile's, AWS_REGION, or us-east-1. */
  defaultRegion(profile: string | undefined): Promise<string>;

  eksClusterNames(scope: AwsScope, next: string | undefined, signal: AbortSignal): Promise<Page<string>>;
  /** DescribeCluster, with `support` filled for today's date. */
  eksCluster(scope: AwsScope, name: string, signal: AbortSignal): Promise<EksCluster>;
  nodegroups(ref: EksClusterRef, signal: AbortSignal): Promise<EksNodegroup[]>;
  fargateProfiles(ref: EksClusterRef, signal: AbortSignal): Promise<EksFargateProfile[]>;
  addons(ref: EksClusterRef, k8sVersion: string, signal: AbortSignal): Promise<EksAddon[]>;
  accessEntries(ref: EksClusterRef, signal: AbortSignal): Promise<EksAccessEntry[]>;
  podIdentityAssociations(ref: EksClusterRef, signal: AbortSignal): Promise<EksPodIdentityAssociation[]>;

  ecsClusters(scope: AwsScope, next: string | undefined, signal: AbortSignal): Promise<Page<EcsCluster>>;
  ecsServices(scope: AwsScope, clusterArn: string, next: string | undefined, signal: AbortSignal): Promise<Page<EcsService>>;
  ecsTasks(scope: AwsScope, clusterArn: string, filter: { serviceName?: string; standalone?: boolean }, next: string | undefined, signal: AbortSignal): Promise<Page<EcsTask>>;

  kubeList(ref: EksClusterRef, resource: ResourceKind, opts: KubeListOptions, signal: AbortSignal): Promise<KubeListPage>;
  /** Whether the cluster serves an API group (Karpenter's CRDs: karpenter.sh). */
  kubeServesGroup(ref: EksClusterRef, group: string, signal: AbortSignal): Promise<boolean>;
  /**
   * What the caller may do in a namespace (SelfSubjectAccessReview, cached briefly), for rows that disable the actions
   * they know will be refused: the known answer now (undefined until one arrives); `onChange` runs when it changes.
   */
  kubeAccess?(ref: EksClusterRef, namespace: string, onChange: () => void): ActionAccess | undefined;
}
