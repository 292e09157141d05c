// The emulated AWS estate, read back with the AWS SDK the way Wharf's explorer will: real paging, ECS services and
// task sets, RUNNING tasks, awslogs configuration and log events; and a clear error, not a hang, when AWS is away.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CloudWatchLogsClient, GetLogEventsCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { DescribeClusterCommand, EKSClient, ListFargateProfilesCommand, ListNodegroupsCommand, paginateListClusters, CreateClusterCommand } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { requireEnv } from '../env/env';
import { ACCOUNT, seedAws, type Estate } from '../env/seed-aws';

describe('the emulated AWS estate', () => {
  let estate: Estate;
  const endpoint = () => requireEnv('WHARF_TEST_AWS_ENDPOINT');

  before(async () => {
    estate = await seedAws(endpoint());
  });

  it('STS answers for the test account', async () => {
    const id = await new STSClient({ region: 'us-east-1' }).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, ACCOUNT);
  });

  it('EKS: clusters page through nextToken, with versions, node groups and Fargate profiles', async () => {
    const eks = new EKSClient({ region: 'us-east-1' });
    for (let i = 0; i < 5; i++) {
      await eks.send(new CreateClusterCommand({ name: `paging-${i}`, roleArn: `arn:aws:iam::${ACCOUNT}:role/r`, resourcesVpcConfig: { subnetIds: ['subnet-1'] } }));
    }
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListClusters({ client: eks, pageSize: 3 }, {})) {
      pages++;
      names.push(...(page.clusters ?? []));
    }
    assert.ok(pages >= 3, `${pages} pages`);
    assert.ok(names.includes('shop-prod') && names.includes('shop-staging') && !names.includes('data-legacy'));
    const prod = await eks.send(new DescribeClusterCommand({ name: 'shop-prod' }));
    assert.equal(prod.cluster?.version, '1.33');
    assert.ok(prod.cluster?.endpoint?.startsWith('https://'));
    assert.deepEqual((await eks.send(new ListNodegroupsCommand({ clusterName: 'shop-prod' }))).nodegroups?.sort(), ['general', 'spot']);
    assert.deepEqual((await eks.send(new ListFargateProfilesCommand({ clusterName: 'shop-prod' }))).fargateProfileNames, ['batch']);
    const legacy = await new EKSClient({ region: 'eu-west-1' }).send(new DescribeClusterCommand({ name: 'data-legacy' }));
    assert.equal(legacy.cluster?.version, '1.28');
  });

  it('ECS: a rolling service, a blue/green service on task sets, RUNNING tasks that stay RUNNING', async () => {
    const ecs = new ECSClient({ region: 'us-east-1' });
    const seed = estate.ecs[0];
    const svcs = await ecs.send(new DescribeServicesCommand({ cluster: seed.cluster, services: seed.services }));
    const [rolling, bg] = seed.services.map((n) => svcs.services!.find((s) => s.serviceName === n)!);
    assert.equal(rolling.deploymentController?.type, 'ECS');
    assert.equal(bg.deploymentController?.type, 'EXTERNAL');
    assert.deepEqual(bg.taskSets?.map((t) => t.externalId).sort(), ['blue', 'green']);
    // moto also starts tasks for the task sets; the seeded ones are among them.
    const arns = (await ecs.send(new ListTasksCommand({ cluster: seed.cluster }))).taskArns!;
    for (const t of seed.tasks) assert.ok(arns.includes(t), t);
    for (let i = 0; i < 3; i++) {
      const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: seed.cluster, tasks: arns }))).tasks!;
      assert.ok(tasks.every((t) => t.lastStatus === 'RUNNING'), tasks.map((t) => t.lastStatus).join(','));
    }
    const serviceTasks = (await ecs.send(new DescribeTasksCommand({ cluster: seed.cluster, tasks: arns }))).tasks!.filter((t) => t.group === `service:${rolling.serviceName}`);
    assert.equal(serviceTasks.length, 2);
    const def = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: serviceTasks[0].taskDefinitionArn }));
    assert.deepEqual(def.taskDefinition?.containerDefinitions?.[0].logConfiguration, {
      logDriver: 'awslogs',
      options: { 'awslogs-group': '/ecs/checkout', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' },
    });
  });

  it('CloudWatch Logs: a task\'s stream has its events, paged and filterable', async () => {
    const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
    const seed = estate.ecs[0];
    const stream = `ecs/api/${seed.tasks[0].split('/').pop()}`;
    const first = await logs.send(new GetLogEventsCommand({ logGroupName: seed.logGroup, logStreamName: stream, limit: 10, startFromHead: true }));
    assert.equal(first.events?.length, 10);
    assert.match(first.events![0].message!, /^api INFO request=1 /);
    const next = await logs.send(new GetLogEventsCommand({ logGroupName: seed.logGroup, logStreamName: stream, limit: 10, startFromHead: true, nextToken: first.nextForwardToken }));
    assert.match(next.events![0].message!, /request=11 /);
    const warn = await logs.send(new FilterLogEventsCommand({ logGroupName: seed.logGroup, filterPattern: 'WARN' }));
    assert.ok((warn.events?.length ?? 0) >= 3 && warn.events!.every((e) => e.message!.includes('WARN')));
  });

  it('an unreachable endpoint fails fast with a clear error', async () => {
    const eks = new EKSClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    const t0 = Date.now();
    await assert.rejects(eks.send(new DescribeClusterCommand({ name: 'x' })), /ECONNREFUSED/);
    assert.ok(Date.now() - t0 < 5000);
  });
});
