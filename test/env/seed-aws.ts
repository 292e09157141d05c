// A realistic AWS estate in the emulator, made through the AWS SDK as a user's own tooling would (never through
// moto's internals, so what the tests read back went through the same API the extension uses): two Regions,
// three EKS clusters on different Kubernetes versions (one due for an upgrade) with node groups and Fargate
// profiles, each in its own authentication mode, with access entries for the harness's admin and viewer, add-ons
// (some out of date) and Pod Identity associations; and two ECS clusters (seed-ecs.ts) with their awslogs output in
// CloudWatch Logs. It goes through the stand-in (test/env/standin), which serves the EKS calls moto lacks; the one
// thing no AWS API can make, a cluster health issue, is set through the stand-in's test hook.
//
// Seeding converges rather than creates: whatever already exists is read back and kept, so a second call against
// the same emulator (another test file, the demo) returns the same estate instead of failing or doubling it.
import {
  AssociateAccessPolicyCommand, CreateAccessEntryCommand, CreateAddonCommand, CreateClusterCommand, CreateFargateProfileCommand, CreateNodegroupCommand, CreatePodIdentityAssociationCommand,
  DescribeClusterCommand, EKSClient, ListAccessEntriesCommand, ListAddonsCommand, ListAssociatedAccessPoliciesCommand, ListFargateProfilesCommand, ListNodegroupsCommand,
  ListPodIdentityAssociationsCommand, type AuthenticationMode, type Cluster, type SupportType,
} from '@aws-sdk/client-eks';
import { PRINCIPALS, VIEWERS_GROUP } from './kube';
import { ACCOUNT, clientConfig, ensureNetwork, notFound, role, type Network } from './seed-base';
import { DEMO_ECS, seedEcsCluster, type EcsClusterSpec, type SeededEcsCluster } from './seed-ecs';

export { ACCOUNT } from './seed-base';

export interface NodegroupSpec {
  name: string;
  instanceTypes: string[];
  capacityType: 'ON_DEMAND' | 'SPOT';
  desiredSize: number;
}

export interface FargateProfileSpec {
  name: string;
  selectors: { namespace: string; labels?: Record<string, string> }[];
}

export interface AccessEntrySpec {
  principalArn: string;
  kubernetesGroups?: string[];
  policies: { policyArn: string; scope: { type: 'cluster' } | { type: 'namespace'; namespaces: string[] } }[];
}

export interface PodIdentitySpec {
  namespace: string;
  serviceAccount: string;
  roleArn: string;
}

export interface EksClusterSpec {
  name: string;
  region: string;
  version: string;
  authenticationMode: AuthenticationMode;
  supportType: SupportType;
  nodegroups: NodegroupSpec[];
  fargateProfiles: FargateProfileSpec[];
  /** Only for API and API_AND_CONFIG_MAP clusters (EKS refuses access entries on CONFIG_MAP ones). */
  accessEntries: AccessEntrySpec[];
  addons: { name: string; version: string }[];
  podIdentity: PodIdentitySpec[];
  /** Health issues (DescribeCluster health.issues); `subnet` stands for the cluster's first subnet id. */
  healthIssues: { code: string; message: string; resource?: 'subnet' }[];
}

export interface EstateSpec {
  eks: EksClusterSpec[];
  ecs: EcsClusterSpec[];
}

export interface SeededEksCluster {
  name: string;
  region: string;
  arn: string;
  version: string;
  /** moto gives every cluster the same fake endpoint; the demo overrides it per cluster. */
  endpoint: string;
  authenticationMode: AuthenticationMode;
  nodegroups: string[];
  fargateProfiles: string[];
  addons: string[];
}

/** What exists after seeding, for assertions and the demo: names, ARNs and the log streams of every task. */
export interface Estate {
  account: string;
  eks: SeededEksCluster[];
  ecs: SeededEcsCluster[];
}

const POLICY = (name: string) => `arn:aws:eks::aws:cluster-access-policy/${name}`;
/**
 * As the local API servers' RBAC has them (kube.ts): the admin is cluster-admin, the viewer's group is bound to
 * `view` cluster-wide, so their access entries say the same.
 */
const HARNESS_ENTRIES: AccessEntrySpec[] = [
  { principalArn: PRINCIPALS.admin.arn, policies: [{ policyArn: POLICY('AmazonEKSClusterAdminPolicy'), scope: { type: 'cluster' } }] },
  { principalArn: PRINCIPALS.viewer.arn, kubernetesGroups: [VIEWERS_GROUP], policies: [{ policyArn: POLICY('AmazonEKSViewPolicy'), scope: { type: 'cluster' } }] },
];

/**
 * Dates as of the EKS calendar (TESTING.md): 1.28 is past extended support (an upgrade to press for), 1.32 and 1.33
 * are in extended support. shop-prod's kube-proxy and data-legacy's vpc-cni and coredns are behind the default
 * versions; data-legacy's coredns is too old for 1.29, which its upgrade insight reports.
 */
export const ESTATE_EKS: EksClusterSpec[] = [
  {
    name: 'shop-prod',
    region: 'us-east-1',
    version: '1.33',
    nodegroups: [
      { name: 'general', instanceTypes: ['m6i.xlarge'], capacityType: 'ON_DEMAND', desiredSize: 3 },
      { name: 'spot', instanceTypes: ['m6i.large', 'm5.large'], capacityType: 'SPOT', desiredSize: 2 },
    ],
    fargateProfiles: [{ name: 'batch', selectors: [{ namespace: 'batch', labels: { compute: 'fargate' } }] }],
    authenticationMode: 'API_AND_CONFIG_MAP',
    supportType: 'EXTENDED',
    accessEntries: HARNESS_ENTRIES,
    addons: [
      { name: 'vpc-cni', version: 'v1.20.4-eksbuild.2' },
      { name: 'coredns', version: 'v1.12.4-eksbuild.1' },
      { name: 'kube-proxy', version: 'v1.33.0-eksbuild.2' },
      { name: 'eks-pod-identity-agent', version: 'v1.3.8-eksbuild.2' },
    ],
    podIdentity: [
      { namespace: 'shop', serviceAccount: 'checkout', roleArn: role('shop-checkout-pod') },
      { namespace: 'kube-system', serviceAccount: 'aws-load-balancer-controller', roleArn: role('aws-load-balancer-controller') },
    ],
    healthIssues: [],
  },
  {
    name: 'shop-staging',
    region: 'us-east-1',
    version: '1.32',
    nodegroups: [{ name: 'general', instanceTypes: ['m6i.large'], capacityType: 'ON_DEMAND', desiredSize: 2 }],
    fargateProfiles: [{ name: 'jobs', selectors: [{ namespace: 'jobs' }] }],
    authenticationMode: 'API',
    supportType: 'STANDARD',
    accessEntries: HARNESS_ENTRIES,
    addons: [
      { name: 'vpc-cni', version: 'v1.20.4-eksbuild.2' },
      { name: 'coredns', version: 'v1.11.4-eksbuild.2' },
      { name: 'kube-proxy', version: 'v1.32.7-eksbuild.4' },
      { name: 'eks-pod-identity-agent', version: 'v1.3.8-eksbuild.2' },
    ],
    podIdentity: [{ namespace: 'shop', serviceAccount: 'checkout', roleArn: role('shop-checkout-pod') }],
    healthIssues: [],
  },
  {
    name: 'data-legacy',
    region: 'eu-west-1',
    version: '1.28',
    nodegroups: [{ name: 'memory', instanceTypes: ['r6i.xlarge'], capacityType: 'ON_DEMAND', desiredSize: 2 }],
    fargateProfiles: [{ name: 'system', selectors: [{ namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, { namespace: 'etl' }] }],
    authenticationMode: 'CONFIG_MAP',
    supportType: 'EXTENDED',
    accessEntries: [],
    addons: [
      { name: 'vpc-cni', version: 'v1.19.0-eksbuild.1' },
      { name: 'coredns', version: 'v1.10.1-eksbuild.13' },
      { name: 'kube-proxy', version: 'v1.28.15-eksbuild.4' },
    ],
    podIdentity: [],
    healthIssues: [{
      code: 'InsufficientFreeAddresses',
      message: 'One or more of the subnets associated with your cluster does not have enough available IP addresses for Amazon EKS to perform cluster management operations.',
      resource: 'subnet',
    }],
  },
];

export const DEMO_ESTATE: EstateSpec = { eks: ESTATE_EKS, ecs: DEMO_ECS };

export async function seedAws(endpoint: string, spec: EstateSpec = DEMO_ESTATE): Promise<Estate> {
  const eks: SeededEksCluster[] = [];
  // Sequential on purpose: moto serialises writes anyway, and a fixed order keeps the estate reproducible.
  for (const c of spec.eks) eks.push(await seedEksCluster(endpoint, c));
  const ecs: SeededEcsCluster[] = [];
  for (const c of spec.ecs) ecs.push(await seedEcsCluster(endpoint, c, await ensureNetwork(endpoint, c.region)));
  return { account: ACCOUNT, eks, ecs };
}

async function seedEksCluster(endpoint: string, c: EksClusterSpec): Promise<SeededEksCluster> {
  const api = new EKSClient(clientConfig(endpoint, c.region));
  const network = await ensureNetwork(endpoint, c.region);
  let cluster: Cluster | undefined = await api.send(new DescribeClusterCommand({ name: c.name })).then((r) => r.cluster, notFound);
  cluster ??= (await api.send(new CreateClusterCommand({
    name: c.name,
    version: c.version,
    roleArn: role('eks-cluster'),
    resourcesVpcConfig: { subnetIds: network.subnets, securityGroupIds: [network.securityGroup], endpointPrivateAccess: true, endpointPublicAccess: true },
    logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator'], enabled: true }] },
    accessConfig: { authenticationMode: c.authenticationMode, bootstrapClusterCreatorAdminPermissions: true },
    upgradePolicy: { supportType: c.supportType },
    tags: { team: 'platform', env: c.name.split('-')[1] ?? c.name },
  }))).cluster!;
  const nodegroups = new Set((await api.send(new ListNodegroupsCommand({ clusterName: c.name }))).nodegroups ?? []);
  for (const ng of c.nodegroups.filter((n) => !nodegroups.has(n.name))) {
    await api.send(new CreateNodegroupCommand({
      clusterName: c.name,
      nodegroupName: ng.name,
      nodeRole: role('eks-node'),
      subnets: network.subnets,
      scalingConfig: { minSize: 1, maxSize: ng.desiredSize * 3, desiredSize: ng.desiredSize },
      instanceTypes: ng.instanceTypes,
      capacityType: ng.capacityType,
      amiType: 'AL2023_x86_64_STANDARD',
      labels: { workload: ng.name },
      taints: ng.capacityType === 'SPOT' ? [{ key: 'spot', value: 'true', effect: 'PREFER_NO_SCHEDULE' }] : undefined,
    }));
  }
  const profiles = new Set((await api.send(new ListFargateProfilesCommand({ clusterName: c.name }))).fargateProfileNames ?? []);
  for (const fp of c.fargateProfiles.filter((p) => !profiles.has(p.name))) {
    await api.send(new CreateFargateProfileCommand({
      clusterName: c.name,
      fargateProfileName: fp.name,
      podExecutionRoleArn: role('eks-fargate-pod-execution'),
      // Fargate pods run in private subnets only.
      subnets: network.subnets,
      selectors: fp.selectors,
    }));
  }
  await ensureAccess(api, c);
  const addons = new Set((await api.send(new ListAddonsCommand({ clusterName: c.name }))).addons ?? []);
  for (const a of c.addons.filter((x) => !addons.has(x.name))) await api.send(new CreateAddonCommand({ clusterName: c.name, addonName: a.name, addonVersion: a.version }));
  const associations = (await api.send(new ListPodIdentityAssociationsCommand({ clusterName: c.name }))).associations ?? [];
  for (const p of c.podIdentity.filter((x) => !associations.some((a) => a.namespace === x.namespace && a.serviceAccount === x.serviceAccount))) {
    await api.send(new CreatePodIdentityAssociationCommand({ clusterName: c.name, ...p }));
  }
  await setHealth(endpoint, c, network);
  return {
    name: c.name,
    region: c.region,
    arn: cluster.arn!,
    version: cluster.version!,
    endpoint: cluster.endpoint!,
    authenticationMode: c.authenticationMode,
    nodegroups: c.nodegroups.map((n) => n.name),
    fargateProfiles: c.fargateProfiles.map((p) => p.name),
    addons: c.addons.map((a) => a.name),
  };
}

async function ensureAccess(api: EKSClient, c: EksClusterSpec): Promise<void> {
  if (c.accessEntries.length === 0) return;
  const have = new Set((await api.send(new ListAccessEntriesCommand({ clusterName: c.name }))).accessEntries ?? []);
  for (const e of c.accessEntries) {
    if (!have.has(e.principalArn)) await api.send(new CreateAccessEntryCommand({ clusterName: c.name, principalArn: e.principalArn, kubernetesGroups: e.kubernetesGroups }));
    const policies = new Set(((await api.send(new ListAssociatedAccessPoliciesCommand({ clusterName: c.name, principalArn: e.principalArn }))).associatedAccessPolicies ?? []).map((p) => p.policyArn));
    for (const p of e.policies.filter((x) => !policies.has(x.policyArn))) {
      await api.send(new AssociateAccessPolicyCommand({ clusterName: c.name, principalArn: e.principalArn, policyArn: p.policyArn, accessScope: p.scope }));
    }
  }
}

/** No AWS API makes a health issue: the stand-in's test hook sets them (an empty list clears them). */
async function setHealth(endpoint: string, c: EksClusterSpec, network: Network): Promise<void> {
  const issues = c.healthIssues.map(({ code, message, resource }) => ({ code, message, resourceIds: resource === 'subnet' ? [network.subnets[0]] : [] }));
  const r = await fetch(`${endpoint}/__standin/eks/health`, { method: 'POST', body: JSON.stringify({ region: c.region, cluster: c.name, issues }), signal: AbortSignal.timeout(5000) });
  if (!r.ok) throw new Error(`${endpoint} has no EKS health hook (HTTP ${r.status}): seed through the stand-in (WHARF_TEST_AWS_ENDPOINT), not moto itself.`);
}

