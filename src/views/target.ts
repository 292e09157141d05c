// What a tree node points at, as plain data. Commands (refresh, copy, open in console, View YAML, and the next
// issues' logs, exec, port-forward, validate) take a node and read its `target`; the palette builds the same targets
// from pickers. No SDK client, no vscode object: a target can be logged, compared and re-resolved after a refresh.
import type { EcsCluster, EcsContainer, EcsService, EcsTask, EcsTaskSet, EksCluster } from '../aws/model';
import type { ResourceKind } from '../kube/model';

/** Which AWS credentials and Region: a profile name (undefined = the SDK's default chain) or an SSO account role. */
export interface AwsScope {
  profile?: string;
  /** Set when browsing an sso-session's accounts without a profile. */
  sso?: { session: string; accountId: string; roleName: string };
  region: string;
}

export interface EksClusterRef extends AwsScope {
  clusterName: string;
}

export type NodeTarget =
  | ({ type: 'profile' } & Omit<AwsScope, 'region'>)
  | ({ type: 'region' } & AwsScope)
  | ({ type: 'eksCluster'; cluster?: EksCluster } & EksClusterRef)
  | ({ type: 'kubeObject'; resource: ResourceKind; namespace?: string; name: string } & EksClusterRef)
  | ({ type: 'kubeContainer'; namespace: string; pod: string; container: string; containerKind: 'container' | 'init' | 'ephemeral' } & EksClusterRef)
  | ({ type: 'ecsCluster'; cluster: EcsCluster } & AwsScope)
  | ({ type: 'ecsService'; clusterArn: string; service: EcsService } & AwsScope)
  | ({ type: 'ecsTaskSet'; clusterArn: string; serviceName: string; taskSet: EcsTaskSet } & AwsScope)
  | ({ type: 'ecsTask'; clusterArn: string; task: EcsTask } & AwsScope)
  | ({ type: 'ecsContainer'; clusterArn: string; task: EcsTask; container: EcsContainer } & AwsScope);
