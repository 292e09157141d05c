// A realistic AWS estate in the emulator, made through the AWS SDK as a user's own tooling would (never through
// moto's internals, so what the tests read back went through the same API the extension uses): two Regions,
// three EKS clusters on different Kubernetes versions (one due for an upgrade) with node groups and Fargate
// profiles, and two ECS clusters (seed-ecs.ts) with their awslogs output in CloudWatch Logs.
//
// Seeding converges rather than creates: whatever already exists is read back and kept, so a second call against
// the same emulator (another test file, the demo) returns the same estate instead of failing or doubling it.
import { CreateClusterCommand, CreateFargateProfileCommand, CreateNodegroupCommand, DescribeClusterCommand, EKSClient, ListFargateProfilesCommand, ListNodegroupsCommand, type Cluster } from '@aws-sdk/client-eks';
import { ACCOUNT, clientConfig, ensureNetwork, notFound, role } from './seed-base';
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

export interface EksClusterSpec {
  name: string;
  region: string;
  version: string;
  nodegroups: NodegroupSpec[];
  fargateProfiles: FargateProfileSpec[];
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
  nodegroups: string[];
  fargateProfiles: string[];
}

/** What exists after seeding, for assertions and the demo: names, ARNs and the log streams of every task. */
export interface Estate {
  account: string;
  eks: SeededEksCluster[];
  ecs: SeededEcsCluster[];
}

/** 1.28 is past standard support (an upgrade to recommend); 1.32 and 1.33 are current. */
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
  },
  {
    name: 'shop-staging',
    region: 'us-east-1',
    version: '1.32',
    nodegroups: [{ name: 'general', instanceTypes: ['m6i.large'], capacityType: 'ON_DEMAND', desiredSize: 2 }],
    fargateProfiles: [{ name: 'jobs', selectors: [{ namespace: 'jobs' }] }],
  },
  {
    name: 'data-legacy',
    region: 'eu-west-1',
    version: '1.28',
    nodegroups: [{ name: 'memory', instanceTypes: ['r6i.xlarge'], capacityType: 'ON_DEMAND', desiredSize: 2 }],
    fargateProfiles: [{ name: 'system', selectors: [{ namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, { namespace: 'etl' }] }],
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
  return {
    name: c.name,
    region: c.region,
    arn: cluster.arn!,
    version: cluster.version!,
    endpoint: cluster.endpoint!,
    nodegroups: c.nodegroups.map((n) => n.name),
    fargateProfiles: c.fargateProfiles.map((p) => p.name),
  };
}

