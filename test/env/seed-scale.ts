// A Region at scale for the explorer benchmark: N EKS and M ECS clusters, made through the SDK against the stand-in
// (so DescribeCluster has everything a real one has). Convergent like the estate seed: names that exist are kept,
// only the missing ones are made, so a second call costs a couple of list calls. moto creates EKS clusters slowly
// (~10/s one at a time); it serves requests on threads, so creates are sent a few at a time.
import { CreateClusterCommand, EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { CreateClusterCommand as CreateEcsClusterCommand, ECSClient, ListClustersCommand as ListEcsClustersCommand } from '@aws-sdk/client-ecs';
import { clientConfig, ensureNetwork, role } from './seed-base';

export interface ScaleSpec {
  eks: number;
  ecs: number;
  /** Cluster names are `<prefix>-eks-0001`, `<prefix>-ecs-0001`, ... Default `scale`. */
  prefix?: string;
  /** Creates in flight at once. Default 8. */
  concurrency?: number;
}

export interface ScaleResult {
  eks: string[];
  ecs: string[];
  /** How many were made by this call (the rest existed), and how long each half took. */
  created: { eks: number; ecs: number };
  ms: { eks: number; ecs: number };
}

const VERSIONS = ['1.35', '1.34', '1.33', '1.32', '1.31'];
const MODES = ['API', 'API_AND_CONFIG_MAP', 'CONFIG_MAP'] as const;

async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

export async function seedScale(endpoint: string, region: string, spec: ScaleSpec): Promise<ScaleResult> {
  const prefix = spec.prefix ?? 'scale';
  const limit = spec.concurrency ?? 8;
  const name = (kind: string, i: number) => `${prefix}-${kind}-${String(i + 1).padStart(4, '0')}`;
  const eksNames = Array.from({ length: spec.eks }, (_, i) => name('eks', i));
  const ecsNames = Array.from({ length: spec.ecs }, (_, i) => name('ecs', i));

  let t0 = Date.now();
  const eks = new EKSClient({ ...clientConfig(endpoint, region), maxAttempts: 4 });
  const have = new Set<string>();
  let token: string | undefined;
  do {
    const page = await eks.send(new ListClustersCommand({ maxResults: 100, nextToken: token }));
    for (const n of page.clusters ?? []) have.add(n);
    token = page.nextToken;
  } while (token);
  const missingEks = eksNames.filter((n) => !have.has(n));
  if (missingEks.length) {
    const network = await ensureNetwork(endpoint, region);
    await pool(missingEks, limit, (n) => {
      const i = eksNames.indexOf(n);
      return eks.send(new CreateClusterCommand({
        name: n,
        version: VERSIONS[i % VERSIONS.length],
        roleArn: role('eks-cluster'),
        resourcesVpcConfig: { subnetIds: network.subnets, securityGroupIds: [network.securityGroup] },
        accessConfig: { authenticationMode: MODES[i % MODES.length] },
        tags: { team: `team-${i % 7}`, scale: 'true' },
      }));
    });
  }
  const eksMs = Date.now() - t0;

  t0 = Date.now();
  const ecs = new ECSClient({ ...clientConfig(endpoint, region), maxAttempts: 4 });
  // moto's ECS ListClusters ignores maxResults and answers everything at once; page anyway, as on AWS.
  const haveEcs = new Set<string>();
  token = undefined;
  do {
    const page: { clusterArns?: string[]; nextToken?: string } = await ecs.send(new ListEcsClustersCommand({ maxResults: 100, nextToken: token }));
    for (const arn of page.clusterArns ?? []) haveEcs.add(arn.split('/').pop()!);
    token = page.nextToken;
  } while (token);
  const missingEcs = ecsNames.filter((n) => !haveEcs.has(n));
  await pool(missingEcs, limit, (n) => ecs.send(new CreateEcsClusterCommand({ clusterName: n, tags: [{ key: 'scale', value: 'true' }] })));
  return { eks: eksNames, ecs: ecsNames, created: { eks: missingEks.length, ecs: missingEcs.length }, ms: { eks: eksMs, ecs: Date.now() - t0 } };
}
