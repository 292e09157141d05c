// Pieces every part of the seed shares: the emulator's account, client settings, describe-before-create, and
// the one VPC per Region that EKS clusters and awsvpc tasks are placed in.
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client, ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';

/** moto's fixed account. */
export const ACCOUNT = '123456789012';
export const role = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/**
 * Clients with a short retry budget (the emulator is local: a failure is a bug to report, not a blip to retry) and
 * a timeout that throws: by default the SDK only warns when requestTimeout passes and keeps waiting.
 */
export function clientConfig(endpoint: string, region: string) {
  return { endpoint, region, maxAttempts: 2, requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000, throwOnRequestTimeout: true } };
}

export interface Network {
  vpc: string;
  subnets: string[];
  securityGroup: string;
}

const networks = new Map<string, Promise<Network>>();

/** One VPC per Region with a private subnet in each of three Availability Zones, as EKS and awsvpc tasks need. */
export function ensureNetwork(endpoint: string, region: string): Promise<Network> {
  const key = `${endpoint} ${region}`;
  let n = networks.get(key);
  if (!n) {
    n = findOrCreateNetwork(endpoint, region);
    n.catch(() => networks.delete(key));
    networks.set(key, n);
  }
  return n;
}

async function findOrCreateNetwork(endpoint: string, region: string): Promise<Network> {
  const ec2 = new EC2Client(clientConfig(endpoint, region));
  const name = 'wharf-demo';
  const found = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }))).Vpcs ?? [];
  const vpc = found[0]?.VpcId ?? (await ec2.send(new CreateVpcCommand({
    CidrBlock: '10.40.0.0/16',
    TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }],
  }))).Vpc!.VpcId!;
  // EKS requires DNS hostnames in its VPC (and moto names a task's network interface only when they are on).
  if (!found[0]) await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } }));
  const existing = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).Subnets ?? [];
  const subnets: string[] = [];
  for (const [i, az] of ['a', 'b', 'c'].entries()) {
    const cidr = `10.40.${i * 32}.0/19`;
    subnets.push(existing.find((s) => s.CidrBlock === cidr)?.SubnetId ?? (await ec2.send(new CreateSubnetCommand({
      VpcId: vpc,
      CidrBlock: cidr,
      AvailabilityZone: `${region}${az}`,
      TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: `${name}-private-${az}` }] }],
    }))).Subnet!.SubnetId!);
  }
  const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'group-name', Values: [`${name}-workloads`] }] }))).SecurityGroups ?? [];
  const securityGroup = groups[0]?.GroupId ?? (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: `${name}-workloads`, Description: 'Cluster and task workloads' }))).GroupId!;
  return { vpc, subnets, securityGroup };
}

/** For describe-before-create: a missing resource is `undefined`, anything else is a real failure. */
export function notFound(e: unknown): undefined {
  const name = (e as { name?: string }).name ?? '';
  if (/NotFound|ClusterNotFound|ServiceNotFound/.test(name)) return undefined;
  throw e;
}
