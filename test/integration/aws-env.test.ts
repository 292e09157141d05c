// The emulated AWS estate, read back with the AWS SDK the way Wharf's explorer will: real paging, EKS node groups
// and Fargate profiles, ECS services on both deployment controllers, tasks that stay RUNNING, awslogs settings that
// lead to real log streams, and a clear error, not a hang, when AWS is away. Clients here take their endpoint,
// Region and credentials from the environment that test/env/aws.ts set, as the extension's clients do.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient, DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand, type OutputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, DescribeTasksCommand, ECSClient, ListContainerInstancesCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import {
  CreateClusterCommand, DescribeClusterCommand, DescribeFargateProfileCommand, DescribeNodegroupCommand, EKSClient, ListClustersCommand, ListFargateProfilesCommand, ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SEED_USER_ARN } from '../env/aws';
import { requireEnv } from '../env/env';
import { ACCOUNT, ESTATE_EKS, seedAws, type Estate } from '../env/seed-aws';
import { EVENTS_PER_STREAM } from '../env/seed-logs';

/**
 * A local emulator answers in milliseconds: anything slower is a bug to see, not to wait for. The SDK only warns
 * about an exceeded requestTimeout unless told to throw.
 */
const cfg = (region: string) => ({ region, maxAttempts: 2, requestHandler: { requestTimeout: 15_000, connectionTimeout: 2_000, throwOnRequestTimeout: true } });

describe('the emulated AWS estate', { timeout: 180_000 }, () => {
  let estate: Estate;
  const cluster = (name: string) => estate.ecs.find((c) => c.name === name)!;

  before(async () => {
    requireEnv('AWS_ENDPOINT_URL');
    estate = await seedAws(requireEnv('WHARF_TEST_AWS_ENDPOINT'));
  });

  it('STS: the credentials belong to the emulator\'s account, as the seed user (the stand-in maps the keys)', async () => {
    const id = await new STSClient(cfg('us-east-1')).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, ACCOUNT);
    assert.equal(id.Arn, SEED_USER_ARN);
  });

  it('EKS: each cluster has its Kubernetes version, an https endpoint and its VPC', async () => {
    for (const spec of ESTATE_EKS) {
      const c = (await new EKSClient(cfg(spec.region)).send(new DescribeClusterCommand({ name: spec.name }))).cluster!;
      assert.equal(c.version, spec.version, spec.name);
      assert.equal(c.arn, `arn:aws:eks:${spec.region}:${ACCOUNT}:cluster/${spec.name}`);
      assert.match(c.endpoint ?? '', /^https:\/\//);
      assert.equal(c.resourcesVpcConfig?.subnetIds?.length, 3);
    }
    assert.deepEqual(ESTATE_EKS.map((c) => c.version).sort(), ['1.28', '1.32', '1.33']);
  });

  it('EKS: node groups and Fargate profiles, with their scaling and selectors', async () => {
    for (const spec of ESTATE_EKS) {
      const eks = new EKSClient(cfg(spec.region));
      const groups = (await eks.send(new ListNodegroupsCommand({ clusterName: spec.name }))).nodegroups ?? [];
      assert.deepEqual(groups.sort(), spec.nodegroups.map((n) => n.name).sort());
      for (const ng of spec.nodegroups) {
        const d = (await eks.send(new DescribeNodegroupCommand({ clusterName: spec.name, nodegroupName: ng.name }))).nodegroup!;
        assert.equal(d.scalingConfig?.desiredSize, ng.desiredSize);
        assert.equal(d.capacityType, ng.capacityType);
        assert.deepEqual(d.instanceTypes, ng.instanceTypes);
      }
      const profiles = (await eks.send(new ListFargateProfilesCommand({ clusterName: spec.name }))).fargateProfileNames ?? [];
      assert.deepEqual(profiles.sort(), spec.fargateProfiles.map((p) => p.name).sort());
      for (const fp of spec.fargateProfiles) {
        const d = (await eks.send(new DescribeFargateProfileCommand({ clusterName: spec.name, fargateProfileName: fp.name }))).fargateProfile!;
        assert.deepEqual(d.selectors?.map((s) => s.namespace), fp.selectors.map((s) => s.namespace));
      }
    }
  });

  it('EKS: ListClusters pages with nextToken (in a Region of its own, to leave the estate alone)', async () => {
    const eks = new EKSClient(cfg('us-west-2'));
    const want = Array.from({ length: 7 }, (_, i) => `paging-${i}`);
    const have = new Set((await eks.send(new ListClustersCommand({}))).clusters ?? []);
    for (const name of want.filter((n) => !have.has(n))) {
      await eks.send(new CreateClusterCommand({ name, roleArn: `arn:aws:iam::${ACCOUNT}:role/eks-cluster`, resourcesVpcConfig: { subnetIds: ['subnet-0aaa', 'subnet-0bbb'] } }));
    }
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await eks.send(new ListClustersCommand({ maxResults: 3, nextToken: token }));
      assert.ok((page.clusters?.length ?? 0) <= 3);
      seen.push(...(page.clusters ?? []));
      token = page.nextToken;
      pages++;
    } while (token && pages < 10);
    assert.equal(pages, 3);
    assert.deepEqual(seen.sort(), want);
  });

  it('ECS: a rolling service (ECS controller) and its RUNNING tasks, found by group as on AWS', async () => {
    const c = cluster('checkout');
    const ecs = new ECSClient(cfg(c.region));
    const seeded = c.services.find((s) => s.deploymentController === 'ECS')!;
    const svc = (await ecs.send(new DescribeServicesCommand({ cluster: c.name, services: [seeded.name] }))).services![0];
    assert.equal(svc.deploymentController?.type, 'ECS');
    assert.equal(svc.launchType, 'FARGATE');
    assert.equal(svc.desiredCount, 2);
    assert.equal(svc.runningCount, 2);
    // moto's ListTasks ignores serviceName; the group filter gives the right answer both here and on AWS.
    const arns = (await ecs.send(new ListTasksCommand({ cluster: c.name }))).taskArns!;
    const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: c.name, tasks: arns }))).tasks!;
    const mine = tasks.filter((t) => t.group === `service:${seeded.name}`);
    assert.deepEqual(mine.map((t) => t.taskArn).sort(), seeded.tasks.map((t) => t.arn).sort());
    assert.ok(mine.every((t) => t.startedBy === svc.deployments?.[0]?.id && t.launchType === 'FARGATE'));
    // awsvpc tasks carry their network interface, as Fargate tasks do.
    assert.ok(mine.every((t) => t.attachments?.[0]?.details?.some((d) => d.name === 'privateIPv4Address')));
  });

  it('ECS: a blue/green service (EXTERNAL controller) with a PRIMARY and an ACTIVE task set and their tasks', async () => {
    const c = cluster('checkout');
    const ecs = new ECSClient(cfg(c.region));
    const seeded = c.services.find((s) => s.deploymentController === 'EXTERNAL')!;
    const svc = (await ecs.send(new DescribeServicesCommand({ cluster: c.name, services: [seeded.name] }))).services![0];
    assert.equal(svc.deploymentController?.type, 'EXTERNAL');
    const sets = Object.fromEntries((svc.taskSets ?? []).map((t) => [t.externalId, t]));
    assert.equal(sets.blue?.status, 'PRIMARY');
    assert.equal(sets.green?.status, 'ACTIVE');
    assert.deepEqual([sets.blue?.scale?.value, sets.green?.scale?.value], [100, 50]);
    assert.notEqual(sets.blue?.taskDefinition, sets.green?.taskDefinition);
    const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: c.name, tasks: seeded.tasks.map((t) => t.arn) }))).tasks!;
    const perSet = (id?: string) => tasks.filter((t) => t.startedBy === id && t.group === `service:${seeded.name}`).length;
    assert.deepEqual([perSet(sets.blue?.id), perSet(sets.green?.id)], [2, 1]);
  });

  it('ECS: tasks stay RUNNING however often they are described', async () => {
    for (const c of estate.ecs) {
      const ecs = new ECSClient(cfg(c.region));
      const arns = (await ecs.send(new ListTasksCommand({ cluster: c.name }))).taskArns!;
      assert.equal(arns.length, c.services.flatMap((s) => s.tasks).length + c.standaloneTasks.length, c.name);
      for (let i = 0; i < 4; i++) {
        const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: c.name, tasks: arns }))).tasks!;
        assert.deepEqual([...new Set(tasks.map((t) => t.lastStatus))], ['RUNNING'], `${c.name}, describe #${i + 1}`);
      }
    }
  });

  it('ECS: the EC2 cluster places its tasks on registered container instances; the one-off task has its family group', async () => {
    const c = cluster('batch');
    const ecs = new ECSClient(cfg(c.region));
    const instances = (await ecs.send(new ListContainerInstancesCommand({ cluster: c.name }))).containerInstanceArns ?? [];
    assert.equal(instances.length, 2);
    const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: c.name, tasks: [...c.services[0].tasks, ...c.standaloneTasks].map((t) => t.arn) }))).tasks!;
    assert.ok(tasks.every((t) => t.launchType === 'EC2' && instances.includes(t.containerInstanceArn!)));
    assert.deepEqual(tasks.filter((t) => t.group?.startsWith('family:')).map((t) => t.group), ['family:batch-report']);
  });

  it('ECS: every task\'s definition logs through awslogs to the stream the seed filled', async () => {
    for (const c of estate.ecs) {
      const ecs = new ECSClient(cfg(c.region));
      const logs = new CloudWatchLogsClient(cfg(c.region));
      for (const t of [...c.services.flatMap((s) => s.tasks), ...c.standaloneTasks]) {
        const def = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: t.taskDefinitionArn }))).taskDefinition!;
        const container = def.containerDefinitions!.find((d) => d.name === t.container)!;
        assert.equal(container.logConfiguration?.logDriver, 'awslogs');
        const o = container.logConfiguration!.options!;
        assert.deepEqual(o, { 'awslogs-group': c.logGroup, 'awslogs-region': c.region, 'awslogs-stream-prefix': 'ecs' });
        // The stream name a viewer derives from the task: <prefix>/<container>/<task id>.
        const stream = `${o['awslogs-stream-prefix']}/${t.container}/${t.id}`;
        const found = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: o['awslogs-group'], logStreamNamePrefix: stream }))).logStreams ?? [];
        assert.deepEqual(found.map((s) => s.logStreamName), [stream]);
      }
    }
  });

  it('Logs: GetLogEvents pages forward to the end (the token repeats) and back again', async () => {
    const c = cluster('checkout');
    const logs = new CloudWatchLogsClient(cfg(c.region));
    const stream = c.services[0].tasks[0].logStream;
    const events: OutputLogEvent[] = [];
    let token: string | undefined;
    let backward: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await logs.send(new GetLogEventsCommand({ logGroupName: c.logGroup, logStreamName: stream, limit: 10, startFromHead: true, nextToken: token }));
      events.push(...(page.events ?? []));
      if (pages === 1) backward = page.nextBackwardToken;
      if (page.nextForwardToken === token) break;
      token = page.nextForwardToken;
    }
    assert.equal(events.length, EVENTS_PER_STREAM);
    assert.match(events[0].message!, /^INFO api 1\.4\.2 starting/);
    assert.ok(events.every((e, i) => i === 0 || e.timestamp! > events[i - 1].timestamp!), 'in time order');
    const back = await logs.send(new GetLogEventsCommand({ logGroupName: c.logGroup, logStreamName: stream, limit: 10, nextToken: backward }));
    assert.deepEqual(back.events?.map((e) => e.message), events.slice(0, 10).map((e) => e.message));
  });

  it('Logs: FilterLogEvents finds the errors of every stream in the group, page by page', async () => {
    const c = cluster('checkout');
    const logs = new CloudWatchLogsClient(cfg(c.region));
    const streams = [...c.services.flatMap((s) => s.tasks), ...c.standaloneTasks].map((t) => t.logStream);
    const found: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: c.logGroup, filterPattern: 'ERROR', limit: 2, nextToken: token }));
      assert.ok((page.events?.length ?? 0) <= 2);
      for (const e of page.events ?? []) {
        assert.match(e.message!, /^ERROR /);
        found.push(e.logStreamName!);
      }
      token = page.nextToken;
      pages++;
    } while (token && pages < 20);
    assert.deepEqual(found.sort(), [...streams].sort());
    assert.ok(pages >= 3, `${pages} pages`);
    // One service's streams by name (moto ignores logStreamNamePrefix here: it would return the whole group).
    const api = await logs.send(new FilterLogEventsCommand({ logGroupName: c.logGroup, logStreamNames: c.services[0].tasks.map((t) => t.logStream), filterPattern: 'WARN' }));
    assert.deepEqual(api.events?.map((e) => e.logStreamName).sort(), c.services[0].tasks.map((t) => t.logStream).sort());
  });

  it('seeding again converges: the same estate, nothing doubled', async () => {
    const again = await seedAws(requireEnv('WHARF_TEST_AWS_ENDPOINT'));
    assert.deepEqual(again, estate);
  });
});

describe('an AWS that is not there', { timeout: 30_000 }, () => {
  // Accepts connections and never writes a byte: a stuck proxy or a half-dead endpoint.
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  let port = 0;
  before(async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as net.AddressInfo).port;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('a refused connection fails at once, naming the cause', async () => {
    const eks = new EKSClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    const t0 = Date.now();
    await assert.rejects(eks.send(new ListClustersCommand({})), /ECONNREFUSED/);
    assert.ok(Date.now() - t0 < 3000);
  });

  it('an endpoint that accepts and never answers times out instead of hanging', async () => {
    // Without throwOnRequestTimeout the SDK only logs a warning at 500 ms and goes on waiting, for ever.
    const eks = new EKSClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1, requestHandler: { requestTimeout: 500, connectionTimeout: 500, throwOnRequestTimeout: true } });
    const t0 = Date.now();
    await assert.rejects(eks.send(new ListClustersCommand({})), (e: Error) => e.name === 'TimeoutError' && /500 ms|timed? ?out/i.test(e.message));
    assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
  });
});
