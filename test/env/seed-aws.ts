// A realistic AWS estate in the emulator, made through the AWS SDK as a user's own tooling would: two Regions,
// three EKS clusters on different Kubernetes versions (one due for an upgrade) with node groups and Fargate
// profiles, two ECS clusters with a rolling service, a blue/green service on task sets, running and standalone
// tasks, awslogs task definitions and their log events in CloudWatch Logs.
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateServiceCommand, CreateTaskSetCommand, ECSClient, RegisterContainerInstanceCommand, RegisterTaskDefinitionCommand, RunTaskCommand, CreateClusterCommand as CreateEcsCluster } from '@aws-sdk/client-ecs';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, DescribeImagesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateClusterCommand, CreateFargateProfileCommand, CreateNodegroupCommand, EKSClient } from '@aws-sdk/client-eks';

export const ACCOUNT = '123456789012';
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

export interface EksSeed {
  name: string;
  region: string;
  version: string;
  nodegroups: string[];
  fargateProfiles: string[];
}

export interface EcsSeed {
  cluster: string;
  region: string;
  services: string[];
  tasks: string[];
  logGroup: string;
}

export interface Estate {
  eks: EksSeed[];
  ecs: EcsSeed[];
}

export const ESTATE_EKS: EksSeed[] = [
  { name: 'shop-prod', region: 'us-east-1', version: '1.33', nodegroups: ['general', 'spot'], fargateProfiles: ['batch'] },
  { name: 'shop-staging', region: 'us-east-1', version: '1.32', nodegroups: ['general'], fargateProfiles: ['batch'] },
  { name: 'data-legacy', region: 'eu-west-1', version: '1.28', nodegroups: ['memory'], fargateProfiles: ['jobs'] },
];

export async function seedAws(endpoint: string): Promise<Estate> {
  const client = <T>(C: new (cfg: object) => T, region: string) => new C({ endpoint, region, maxAttempts: 2 });
  const eks: EksSeed[] = [];
  for (const c of ESTATE_EKS) {
    const api = client(EKSClient, c.region);
    const network = await seedNetwork(endpoint, c.region, `eks-${c.name}`);
    const vpc = { subnetIds: network.subnets, securityGroupIds: [network.securityGroup] };
    await api.send(new CreateClusterCommand({ name: c.name, version: c.version, roleArn: role('eks-cluster'), resourcesVpcConfig: vpc, tags: { team: 'platform', env: c.name.split('-')[1] } }));
    for (const ng of c.nodegroups) {
      await api.send(new CreateNodegroupCommand({
        clusterName: c.name, nodegroupName: ng, nodeRole: role('eks-node'), subnets: vpc.subnetIds,
        scalingConfig: { minSize: 2, maxSize: 10, desiredSize: 3 }, instanceTypes: ng === 'spot' ? ['m6i.large', 'm5.large'] : ['m6i.xlarge'],
        capacityType: ng === 'spot' ? 'SPOT' : 'ON_DEMAND', amiType: 'AL2023_x86_64_STANDARD', labels: { workload: ng },
      }));
    }
    for (const fp of c.fargateProfiles) {
      await api.send(new CreateFargateProfileCommand({
        clusterName: c.name, fargateProfileName: fp, podExecutionRoleArn: role('eks-fargate-pod'), subnets: vpc.subnetIds.slice(0, 2),
        selectors: [{ namespace: fp, labels: { compute: 'fargate' } }],
      }));
    }
    eks.push(c);
  }
  const ecs = [await seedEcs(endpoint, 'us-east-1', 'checkout'), await seedEcs(endpoint, 'eu-west-1', 'batch')];
  return { eks, ecs };
}

interface Network {
  subnets: string[];
  securityGroup: string;
}

/** A VPC with a subnet per Availability Zone, as clusters and awsvpc tasks need. */
async function seedNetwork(endpoint: string, region: string, name: string): Promise<Network> {
  const ec2 = new EC2Client({ endpoint, region, maxAttempts: 2 });
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }] }))).Vpc!.VpcId!;
  const subnets: string[] = [];
  for (const [i, az] of ['a', 'b', 'c'].entries()) {
    subnets.push((await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.0.${i * 16}.0/20`, AvailabilityZone: `${region}${az}` }))).Subnet!.SubnetId!);
  }
  const securityGroup = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: name, Description: `${name} workloads` }))).GroupId!;
  return { subnets, securityGroup };
}

async function seedEcs(endpoint: string, region: string, cluster: string): Promise<EcsSeed> {
  const network = await seedNetwork(endpoint, region, `ecs-${cluster}`);
  const ecs = new ECSClient({ endpoint, region, maxAttempts: 2 });
  const logs = new CloudWatchLogsClient({ endpoint, region, maxAttempts: 2 });
  const logGroup = `/ecs/${cluster}`;
  await ecs.send(new CreateEcsCluster({ clusterName: cluster, settings: [{ name: 'containerInsights', value: 'enabled' }] }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: logGroup }));
  const taskDef = async (family: string, container: string) =>
    (await ecs.send(new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'bridge',
      requiresCompatibilities: ['EC2'],
      cpu: '512',
      memory: '1024',
      containerDefinitions: [{
        name: container,
        cpu: 256,
        memory: 512,
        image: `${ACCOUNT}.dkr.ecr.${region}.amazonaws.com/${family}:1.4.2`,
        essential: true,
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': logGroup, 'awslogs-region': region, 'awslogs-stream-prefix': 'ecs' } },
      }],
    }))).taskDefinition!.taskDefinitionArn!;
  const apiDef = await taskDef(`${cluster}-api`, 'api');
  const jobDef = await taskDef(`${cluster}-report`, 'report');
  // Tasks run on EC2 container instances, as in an ECS-on-EC2 cluster (moto's Fargate path can't do task sets).
  const ec2 = new EC2Client({ endpoint, region, maxAttempts: 2 });
  const image = (await ec2.send(new DescribeImagesCommand({}))).Images![0].ImageId!;
  const instances = (await ec2.send(new RunInstancesCommand({ ImageId: image, InstanceType: 'm6i.large', MinCount: 2, MaxCount: 2, SubnetId: network.subnets[0] }))).Instances!;
  for (const inst of instances) {
    const doc = JSON.stringify({ instanceId: inst.InstanceId, region, availabilityZone: `${region}a`, instanceType: 'm6i.large', accountId: ACCOUNT, imageId: image });
    await ecs.send(new RegisterContainerInstanceCommand({ cluster, instanceIdentityDocument: doc }));
  }
  const rolling = `${cluster}-api`;
  const bluegreen = `${cluster}-payments`;
  // ECS starts a service's tasks with startedBy/group naming the service; moto doesn't, so the seed does.
  const run = async (def: string, count: number, group: string) => {
    const r = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: def, count, startedBy: group, group, launchType: 'EC2', enableExecuteCommand: true }));
    if ((r.tasks?.length ?? 0) < count) throw new Error(`RunTask in ${cluster} started ${r.tasks?.length ?? 0} of ${count}: ${JSON.stringify(r.failures)}`);
    return r.tasks!.map((t) => t.taskArn!);
  };
  const tasks = [...(await run(apiDef, 2, `service:${rolling}`)), ...(await run(jobDef, 1, 'family:report'))];
  await ecs.send(new CreateServiceCommand({ cluster, serviceName: rolling, taskDefinition: apiDef, desiredCount: 2, deploymentController: { type: 'ECS' }, enableExecuteCommand: true }));
  await ecs.send(new CreateServiceCommand({ cluster, serviceName: bluegreen, desiredCount: 2, deploymentController: { type: 'EXTERNAL' } }));
  await ecs.send(new CreateTaskSetCommand({ cluster, service: bluegreen, taskDefinition: apiDef, externalId: 'blue', launchType: 'EC2', scale: { unit: 'PERCENT', value: 100 } }));
  await ecs.send(new CreateTaskSetCommand({ cluster, service: bluegreen, taskDefinition: apiDef, externalId: 'green', launchType: 'EC2', scale: { unit: 'PERCENT', value: 0 } }));
  for (const arn of tasks) {
    const id = arn.split('/').pop()!;
    const container = arn === tasks[tasks.length - 1] ? 'report' : 'api';
    const stream = `ecs/${container}/${id}`;
    await logs.send(new CreateLogStreamCommand({ logGroupName: logGroup, logStreamName: stream }));
    const t0 = Date.now() - 60_000;
    await logs.send(new PutLogEventsCommand({
      logGroupName: logGroup,
      logStreamName: stream,
      logEvents: Array.from({ length: 25 }, (_, i) => ({ timestamp: t0 + i * 2000, message: `${container} ${i % 7 === 6 ? 'WARN slow upstream' : 'INFO'} request=${i + 1} status=200 duration_ms=${12 + (i % 5)}` })),
    }));
  }
  return { cluster, region, services: [rolling, bluegreen], tasks, logGroup };
}
