// The ECS half of the seeded estate: a Fargate cluster with a rolling service, a blue/green service on task sets
// (EXTERNAL deployment controller) and a one-off task, and an EC2 cluster on registered container instances.
// moto never starts a service's tasks, so the seed runs them itself with what ECS would give them: group
// `service:<name>` and startedBy the deployment or task set id. A client that filters a service's tasks by group
// works the same on AWS and here, where ListTasks ignores serviceName. Every task logs through awslogs to
// /ecs/<cluster>, stream ecs/<container>/<task id>, and each stream holds realistic events.
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand, CreateServiceCommand, CreateTaskSetCommand, DescribeClustersCommand, DescribeServicesCommand, DescribeTasksCommand, ECSClient,
  ListContainerInstancesCommand, ListTaskDefinitionsCommand, ListTasksCommand, RegisterContainerInstanceCommand, RegisterTaskDefinitionCommand, RunTaskCommand,
  UpdateServicePrimaryTaskSetCommand, UpdateTaskSetCommand, type NetworkConfiguration, type Service, type Task,
} from '@aws-sdk/client-ecs';
import { SERVICE_RUNNING_COUNT } from './aws';
import { ACCOUNT, clientConfig, role, type Network } from './seed-base';
import { logEvents, type LogStyle } from './seed-logs';

export interface EcsServiceSpec {
  name: string;
  container: string;
  style: LogStyle;
  /** ECS: rolling updates done by ECS. EXTERNAL: blue/green done by a deployment tool through task sets. */
  deploymentController: 'ECS' | 'EXTERNAL';
  /** Image tags: one for a rolling service; blue then green for a task-set service. */
  versions: string[];
  /** ECS Exec on: the service and the tasks it runs (their containers then report the ExecuteCommandAgent). */
  execEnabled?: boolean;
}

export interface EcsTaskSpec {
  family: string;
  container: string;
  style: LogStyle;
  version: string;
}

export interface EcsClusterSpec {
  name: string;
  region: string;
  launchType: 'FARGATE' | 'EC2';
  services: EcsServiceSpec[];
  standaloneTasks: EcsTaskSpec[];
}

export interface SeededTask {
  arn: string;
  id: string;
  group: string;
  startedBy: string;
  container: string;
  taskDefinitionArn: string;
  logStream: string;
}

export interface SeededTaskSet {
  id: string;
  arn: string;
  externalId: string;
  status: string;
  taskDefinitionArn: string;
}

export interface SeededService {
  name: string;
  arn: string;
  deploymentController: 'ECS' | 'EXTERNAL';
  execEnabled: boolean;
  taskSets: SeededTaskSet[];
  tasks: SeededTask[];
}

export interface SeededEcsCluster {
  name: string;
  region: string;
  arn: string;
  launchType: 'FARGATE' | 'EC2';
  logGroup: string;
  services: SeededService[];
  standaloneTasks: SeededTask[];
}

export const DEMO_ECS: EcsClusterSpec[] = [
  {
    name: 'checkout',
    region: 'us-east-1',
    launchType: 'FARGATE',
    services: [
      { name: 'checkout-api', container: 'api', style: 'web', deploymentController: 'ECS', versions: ['1.4.2'], execEnabled: true },
      { name: 'checkout-payments', container: 'payments', style: 'web', deploymentController: 'EXTERNAL', versions: ['2.3.0', '2.4.0'] },
    ],
    standaloneTasks: [{ family: 'checkout-migrate', container: 'migrate', style: 'job', version: '1.4.2' }],
  },
  {
    name: 'batch',
    region: 'eu-west-1',
    launchType: 'EC2',
    services: [{ name: 'batch-worker', container: 'worker', style: 'job', deploymentController: 'ECS', versions: ['3.0.1'] }],
    standaloneTasks: [{ family: 'batch-report', container: 'report', style: 'job', version: '3.0.1' }],
  },
];

/** Blue carries the traffic; green is scaled up halfway, waiting for the shift. */
const TASK_SETS = [
  { externalId: 'blue', percent: 100 },
  { externalId: 'green', percent: 50 },
];
const CONTAINER_INSTANCES = 2;
/** A made-up ECS-optimized AMI id: moto does not check it, and loading its real catalogue is slow. */
const ECS_AMI = 'ami-0ecsa1b2c3d4e5f60';

export async function seedEcsCluster(endpoint: string, spec: EcsClusterSpec, network: Network): Promise<SeededEcsCluster> {
  const ecs = new ECSClient(clientConfig(endpoint, spec.region));
  const cluster = spec.name;
  const existing = (await ecs.send(new DescribeClustersCommand({ clusters: [cluster] }))).clusters?.find((c) => c.status === 'ACTIVE');
  const clusterArn = existing?.clusterArn ?? (await ecs.send(new CreateClusterCommand({
    clusterName: cluster,
    settings: [{ name: 'containerInsights', value: 'enabled' }],
    tags: [{ key: 'team', value: 'commerce' }],
  }))).cluster!.clusterArn!;
  const logGroup = `/ecs/${cluster}`;
  const logs = new LogWriter(endpoint, spec.region, logGroup);
  await logs.ensureGroup();
  if (spec.launchType === 'EC2') await ensureContainerInstances(endpoint, ecs, spec, network);

  const awsvpc: NetworkConfiguration | undefined = spec.launchType === 'FARGATE'
    ? { awsvpcConfiguration: { subnets: network.subnets, securityGroups: [network.securityGroup], assignPublicIp: 'DISABLED' } }
    : undefined;
  const placement = { launchType: spec.launchType, networkConfiguration: awsvpc };
  const running = await listTasks(ecs, cluster);
  /** Runs the tasks that a (group, startedBy) should have and doesn't yet; returns all of them. */
  const ensureTasks = async (def: string, container: string, count: number, group: string, startedBy: string, exec = false): Promise<SeededTask[]> => {
    const have = running.filter((t) => t.group === group && (t.startedBy ?? '') === startedBy && t.taskDefinitionArn === def);
    if (have.length < count) {
      const r = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: def, count: count - have.length, group, startedBy: startedBy || undefined, enableExecuteCommand: exec, ...placement }));
      if ((r.tasks?.length ?? 0) < count - have.length) throw new Error(`RunTask in ${cluster} started ${r.tasks?.length ?? 0} of ${count - have.length}: ${JSON.stringify(r.failures)}`);
      have.push(...r.tasks!);
    }
    return have.map((t) => {
      const id = t.taskArn!.split('/').pop()!;
      return { arn: t.taskArn!, id, group, startedBy, container, taskDefinitionArn: def, logStream: `ecs/${container}/${id}` };
    });
  };

  const services: SeededService[] = [];
  for (const s of spec.services) {
    const defs = await ensureTaskDefinitions(ecs, spec, s.name, s.container, s.versions, logGroup);
    let svc = (await ecs.send(new DescribeServicesCommand({ cluster, services: [s.name] }))).services?.find((x) => x.status === 'ACTIVE');
    svc ??= (await ecs.send(new CreateServiceCommand({
      cluster,
      serviceName: s.name,
      desiredCount: SERVICE_RUNNING_COUNT,
      deploymentController: { type: s.deploymentController },
      // A task-set service gets its task definition, launch type and network from each task set instead.
      ...(s.deploymentController === 'ECS' ? { taskDefinition: defs[0], ...placement } : {}),
      enableExecuteCommand: s.execEnabled ?? false,
      propagateTags: 'SERVICE',
      tags: [{ key: 'service', value: s.name }],
    }))).service!;
    const tasks: SeededTask[] = [];
    if (s.deploymentController === 'ECS') {
      // ECS names a service's tasks after the deployment that started them.
      tasks.push(...(await ensureTasks(defs[0], s.container, SERVICE_RUNNING_COUNT, `service:${s.name}`, svc.deployments?.[0]?.id ?? `ecs-svc/${s.name}`, s.execEnabled)));
    } else {
      svc = await ensureTaskSets(ecs, cluster, svc, defs, placement);
      for (const [i, ts] of (svc.taskSets ?? []).entries()) {
        const count = Math.round((SERVICE_RUNNING_COUNT * TASK_SETS[i].percent) / 100);
        tasks.push(...(await ensureTasks(ts.taskDefinition!, s.container, count, `service:${s.name}`, ts.id!, s.execEnabled)));
      }
    }
    for (const [i, t] of tasks.entries()) await logs.ensureStream(t.logStream, s.style, s.container, versionOf(t.taskDefinitionArn, defs, s.versions), i);
    services.push({
      name: s.name,
      arn: svc.serviceArn!,
      deploymentController: s.deploymentController,
      execEnabled: s.execEnabled ?? false,
      taskSets: (svc.taskSets ?? []).map((ts) => ({ id: ts.id!, arn: ts.taskSetArn!, externalId: ts.externalId!, status: ts.status!, taskDefinitionArn: ts.taskDefinition! })),
      tasks,
    });
  }

  const standaloneTasks: SeededTask[] = [];
  for (const t of spec.standaloneTasks) {
    const [def] = await ensureTaskDefinitions(ecs, spec, t.family, t.container, [t.version], logGroup);
    // A one-off task: RunTask's own default group, and no startedBy.
    const [task] = await ensureTasks(def, t.container, 1, `family:${t.family}`, '');
    await logs.ensureStream(task.logStream, t.style, t.container, t.version, 0);
    standaloneTasks.push(task);
  }
  return { name: cluster, region: spec.region, arn: clusterArn, launchType: spec.launchType, logGroup, services, standaloneTasks };
}

function versionOf(def: string, defs: string[], versions: string[]): string {
  return versions[Math.max(0, defs.indexOf(def))];
}

async function listTasks(ecs: ECSClient, cluster: string): Promise<Task[]> {
  const arns = (await ecs.send(new ListTasksCommand({ cluster }))).taskArns ?? [];
  const tasks: Task[] = [];
  for (let i = 0; i < arns.length; i += 100) tasks.push(...((await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) }))).tasks ?? []));
  return tasks;
}

/** One revision per version, in order: revision 1 is the first version, and so on. */
async function ensureTaskDefinitions(ecs: ECSClient, spec: EcsClusterSpec, family: string, container: string, versions: string[], logGroup: string): Promise<string[]> {
  const arns = ((await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family }))).taskDefinitionArns ?? [])
    .sort((a, b) => Number(a.split(':').pop()) - Number(b.split(':').pop()));
  const fargate = spec.launchType === 'FARGATE';
  for (const version of versions.slice(arns.length)) {
    const r = await ecs.send(new RegisterTaskDefinitionCommand({
      family,
      networkMode: fargate ? 'awsvpc' : 'bridge',
      requiresCompatibilities: [spec.launchType],
      cpu: '512',
      memory: '1024',
      executionRoleArn: role('ecsTaskExecutionRole'),
      taskRoleArn: role(`${family}-task`),
      containerDefinitions: [{
        name: container,
        image: `${ACCOUNT}.dkr.ecr.${spec.region}.amazonaws.com/${family}:${version}`,
        cpu: 256,
        memory: 512,
        essential: true,
        // No hostPort: dynamic on EC2, equal to the container port on Fargate.
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        environment: [{ name: 'APP_ENV', value: 'production' }, { name: 'APP_VERSION', value: version }],
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': logGroup, 'awslogs-region': spec.region, 'awslogs-stream-prefix': 'ecs' } },
      }],
    }));
    arns.push(r.taskDefinition!.taskDefinitionArn!);
  }
  return arns.slice(0, versions.length);
}

/** Blue and green task sets. They are made at scale 0 and scaled afterwards, because moto would otherwise start
 * their tasks itself without the service's group; the seed starts them with it. */
async function ensureTaskSets(ecs: ECSClient, cluster: string, svc: Service, defs: string[], placement: { launchType: 'FARGATE' | 'EC2'; networkConfiguration?: NetworkConfiguration }): Promise<Service> {
  const have = new Set((svc.taskSets ?? []).map((t) => t.externalId));
  for (const [i, ts] of TASK_SETS.entries()) {
    if (have.has(ts.externalId)) continue;
    const made = (await ecs.send(new CreateTaskSetCommand({ cluster, service: svc.serviceName!, taskDefinition: defs[i], externalId: ts.externalId, scale: { unit: 'PERCENT', value: 0 }, ...placement }))).taskSet!;
    await ecs.send(new UpdateTaskSetCommand({ cluster, service: svc.serviceName!, taskSet: made.taskSetArn!, scale: { unit: 'PERCENT', value: ts.percent } }));
    if (i === 0) await ecs.send(new UpdateServicePrimaryTaskSetCommand({ cluster, service: svc.serviceName!, primaryTaskSet: made.taskSetArn! }));
  }
  const fresh = (await ecs.send(new DescribeServicesCommand({ cluster, services: [svc.serviceName!] }))).services![0];
  // In blue, green order, whatever order the emulator keeps them in.
  fresh.taskSets = TASK_SETS.map((ts) => fresh.taskSets!.find((t) => t.externalId === ts.externalId)!);
  return fresh;
}

/** EC2 instances registered as container instances, as the ECS agent would register them. */
async function ensureContainerInstances(endpoint: string, ecs: ECSClient, spec: EcsClusterSpec, network: Network): Promise<void> {
  const have = (await ecs.send(new ListContainerInstancesCommand({ cluster: spec.name }))).containerInstanceArns?.length ?? 0;
  if (have >= CONTAINER_INSTANCES) return;
  const ec2 = new EC2Client(clientConfig(endpoint, spec.region));
  const r = await ec2.send(new RunInstancesCommand({
    ImageId: ECS_AMI, InstanceType: 'm6i.large', MinCount: CONTAINER_INSTANCES - have, MaxCount: CONTAINER_INSTANCES - have,
    SubnetId: network.subnets[0], SecurityGroupIds: [network.securityGroup],
    TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: `ecs-${spec.name}` }] }],
  }));
  for (const inst of r.Instances ?? []) {
    const doc = JSON.stringify({
      accountId: ACCOUNT, architecture: 'x86_64', availabilityZone: inst.Placement?.AvailabilityZone ?? `${spec.region}a`, imageId: ECS_AMI,
      instanceId: inst.InstanceId, instanceType: 'm6i.large', privateIp: inst.PrivateIpAddress, region: spec.region, version: '2017-09-30',
    });
    await ecs.send(new RegisterContainerInstanceCommand({ cluster: spec.name, instanceIdentityDocument: doc, instanceIdentityDocumentSignature: 'unsigned-test-document' }));
  }
}

class LogWriter {
  private readonly logs: CloudWatchLogsClient;
  /** Events end a few minutes before seeding: recent enough for a "last hour" view, old enough to be complete. */
  private readonly start = Math.floor(Date.now() / 60_000) * 60_000 - 20 * 60_000;

  constructor(endpoint: string, region: string, private readonly group: string) {
    this.logs = new CloudWatchLogsClient(clientConfig(endpoint, region));
  }

  async ensureGroup(): Promise<void> {
    await this.logs.send(new CreateLogGroupCommand({ logGroupName: this.group, tags: { source: 'ecs' } })).catch(alreadyExists);
    await this.logs.send(new PutRetentionPolicyCommand({ logGroupName: this.group, retentionInDays: 30 }));
  }

  /** A stream that exists already was seeded before: its events are left alone, so they are never doubled. */
  async ensureStream(stream: string, style: LogStyle, container: string, version: string, replica: number): Promise<void> {
    const created = await this.logs.send(new CreateLogStreamCommand({ logGroupName: this.group, logStreamName: stream })).then(() => true, alreadyExists);
    if (!created) return;
    await this.logs.send(new PutLogEventsCommand({ logGroupName: this.group, logStreamName: stream, logEvents: logEvents(style, container, version, this.start + replica * 1000) }));
  }
}

function alreadyExists(e: unknown): false {
  if ((e as { name?: string }).name === 'ResourceAlreadyExistsException') return false;
  throw e;
}
