// Plain data that the AWS adapters (eks.ts, ecs.ts) return and tree nodes show. No SDK types leak past the
// adapters: a node holds these, never a client. Dates are ISO strings so the data can be cached, compared and
// serialised (tests, the CLI) without surprises.

// ---- EKS ----

export type EksAuthenticationMode = 'API' | 'API_AND_CONFIG_MAP' | 'CONFIG_MAP';

export interface HealthIssue {
  code: string;
  message: string;
  resourceIds?: string[];
}

/** Where a Kubernetes version stands in the EKS support calendar on a given day. */
export interface SupportStatus {
  phase: 'standard' | 'extended' | 'unsupported' | 'unknown';
  endOfStandardSupport?: string;
  endOfExtendedSupport?: string;
  /** 'api': DescribeClusterVersions answered; 'table': the cited fallback table in eks-support data. */
  source: 'api' | 'table';
  /** The next minor version, when known ("1.34"). */
  nextVersion?: string;
}

export interface EksCluster {
  name: string;
  arn: string;
  region: string;
  status: string; // CREATING | ACTIVE | DELETING | FAILED | UPDATING | PENDING
  version: string;
  platformVersion?: string;
  endpoint?: string;
  /** The cluster CA as PEM (DescribeCluster gives base64 of the PEM). */
  caPem?: string;
  endpointPublicAccess?: boolean;
  endpointPrivateAccess?: boolean;
  publicAccessCidrs?: string[];
  authenticationMode?: EksAuthenticationMode;
  /** upgradePolicy.supportType: the cluster's preference, not its billing state. */
  supportType?: 'STANDARD' | 'EXTENDED';
  support?: SupportStatus;
  healthIssues: HealthIssue[];
  createdAt?: string;
  tags: Record<string, string>;
  /** Control-plane log types enabled (api, audit, authenticator, controllerManager, scheduler). */
  loggingEnabled?: string[];
  /** Secrets envelope encryption: the KMS key ARN when configured. */
  secretsKmsKeyArn?: string;
}

export interface EksNodegroup {
  name: string;
  arn?: string;
  status: string;
  version?: string;
  releaseVersion?: string;
  amiType?: string;
  capacityType?: string; // ON_DEMAND | SPOT | CAPACITY_BLOCK
  instanceTypes: string[];
  scaling: { min?: number; max?: number; desired?: number };
  healthIssues: HealthIssue[];
  labels: Record<string, string>;
  taints: { key?: string; value?: string; effect?: string }[];
}

export interface EksFargateProfile {
  name: string;
  arn?: string;
  status: string;
  podExecutionRoleArn?: string;
  selectors: { namespace?: string; labels?: Record<string, string> }[];
  subnets: string[];
}

export interface EksAddon {
  name: string;
  version?: string;
  status?: string;
  /** A newer version compatible with the cluster's Kubernetes version, from DescribeAddonVersions. */
  newerVersion?: string;
  serviceAccountRoleArn?: string;
  healthIssues: HealthIssue[];
}

export interface EksAccessPolicy {
  policyArn: string;
  accessScope: { type: 'cluster' | 'namespace'; namespaces?: string[] };
}

export interface EksAccessEntry {
  principalArn: string;
  type?: string; // STANDARD | EC2_LINUX | EC2_WINDOWS | FARGATE_LINUX | ...
  username?: string;
  kubernetesGroups: string[];
  /** Associated access policies; undefined when they could not be read. */
  policies?: EksAccessPolicy[];
}

export interface EksPodIdentityAssociation {
  associationId: string;
  namespace: string;
  serviceAccount: string;
  roleArn?: string;
}

// ---- ECS ----

export interface EcsCluster {
  name: string;
  arn: string;
  region: string;
  status: string;
  activeServices: number;
  runningTasks: number;
  pendingTasks: number;
  registeredContainerInstances: number;
  capacityProviders: string[];
}

export interface EcsDeployment {
  id: string;
  status: string; // PRIMARY | ACTIVE | INACTIVE
  rolloutState?: string; // COMPLETED | FAILED | IN_PROGRESS
  rolloutStateReason?: string;
  taskDefinition?: string;
  desired: number;
  running: number;
  pending: number;
  failedTasks: number;
  createdAt?: string;
}

export interface EcsTaskSet {
  id: string;
  arn: string;
  externalId?: string;
  status: string; // PRIMARY | ACTIVE | DRAINING
  stabilityStatus?: string;
  scale?: { value?: number; unit?: string };
  computedDesired: number;
  running: number;
  pending: number;
  taskDefinition?: string;
  launchType?: string;
}

export interface EcsService {
  name: string;
  arn: string;
  clusterArn: string;
  status: string;
  desired: number;
  running: number;
  pending: number;
  launchType?: string;
  capacityProviders: string[];
  deploymentController: 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL';
  execEnabled: boolean;
  taskDefinition?: string;
  deployments: EcsDeployment[];
  taskSets: EcsTaskSet[];
}

export interface EcsContainer {
  name: string;
  runtimeId?: string;
  image?: string;
  lastStatus?: string;
  exitCode?: number;
  reason?: string;
  healthStatus?: string;
  /** The ECS Exec agent (managedAgents[name=ExecuteCommandAgent]). */
  execAgent?: { status?: string; reason?: string };
}

export interface EcsTask {
  arn: string;
  id: string;
  clusterArn: string;
  group?: string;
  /** From the group `service:<name>`; undefined for a standalone task. */
  serviceName?: string;
  startedBy?: string;
  lastStatus?: string;
  desiredStatus?: string;
  healthStatus?: string;
  launchType?: string;
  platformVersion?: string;
  platformFamily?: string;
  startedAt?: string;
  stoppedAt?: string;
  stoppedReason?: string;
  stopCode?: string;
  taskDefinitionArn?: string;
  execEnabled: boolean;
  cpu?: string;
  memory?: string;
  availabilityZone?: string;
  containers: EcsContainer[];
}
