import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { describeEcsTasks, describeTaskDefinition, listEcsTasks } from '../../../src/aws/ecs';
import { FakeSdkClient, paged } from './fake-sdk';

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/shop';
const taskArn = (id: string) => `arn:aws:ecs:us-east-1:123456789012:task/shop/${id}`;

/** 150 tasks: 60 of service api, 40 of service web, 50 standalone (RunTask's family group). */
const TASKS = Array.from({ length: 150 }, (_, i) => ({
  taskArn: taskArn(`t${i}`),
  group: i < 60 ? 'service:api' : i < 100 ? 'service:web' : 'family:migrate',
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
}));

function client(delayMs = 0) {
  return new FakeSdkClient({
    // Like moto, ignores serviceName: every task, whatever was asked.
    ListTasks: (input) => paged(TASKS.map((t) => t.taskArn), input, 'taskArns'),
    DescribeTasks: (input) => {
      const asked = input.tasks as string[];
      if (asked.length > 100) throw new Error(`DescribeTasks takes at most 100, got ${asked.length}`);
      return { tasks: asked.map((a) => TASKS.find((t) => t.taskArn === a)) };
    },
  }, delayMs);
}

describe('listEcsTasks', () => {
  it('a service\'s tasks: serviceName asked for, and only group service:<name> kept', async () => {
    const ecs = client();
    const first = await listEcsTasks(ecs.as<ECSClient>(), CLUSTER, { serviceName: 'web' });
    const second = await listEcsTasks(ecs.as<ECSClient>(), CLUSTER, { serviceName: 'web' }, first.next);
    assert.equal(second.next, undefined);
    assert.deepEqual(ecs.of('ListTasks').map((i) => [i.cluster, i.serviceName, i.maxResults, i.nextToken]), [[CLUSTER, 'web', 100, undefined], [CLUSTER, 'web', 100, '100']]);
    assert.deepEqual(ecs.of('DescribeTasks').map((i) => (i.tasks as string[]).length), [100, 50]);
    const items = [...first.items, ...second.items];
    assert.equal(items.length, 40);
    assert.ok(items.every((t) => t.serviceName === 'web' && t.group === 'service:web'));
  });

  it('standalone tasks: groups not starting with service:', async () => {
    const ecs = client();
    const first = await listEcsTasks(ecs.as<ECSClient>(), CLUSTER, { standalone: true });
    const second = await listEcsTasks(ecs.as<ECSClient>(), CLUSTER, { standalone: true }, first.next);
    assert.equal(ecs.of('ListTasks')[0].serviceName, undefined);
    const items = [...first.items, ...second.items];
    assert.equal(items.length, 50);
    assert.ok(items.every((t) => t.serviceName === undefined && t.group === 'family:migrate'));
    // A page can come back short (even empty) after filtering; `next` still leads on.
    assert.equal(first.items.length, 0);
    assert.equal(first.next, '100');
  });

  it('an aborted signal sends nothing', async () => {
    const ecs = client();
    await assert.rejects(listEcsTasks(ecs.as<ECSClient>(), CLUSTER, {}, undefined, AbortSignal.abort()), (e: Error) => e.name === 'AbortError');
    assert.equal(ecs.calls.length, 0);
  });
});

describe('describeEcsTasks', () => {
  it('batches by 100, keeps the given order and maps containers with the exec agent', async () => {
    const arns = Array.from({ length: 250 }, (_, i) => taskArn(`x${i}`));
    const ecs = new FakeSdkClient({
      DescribeTasks: (input) => ({
        tasks: (input.tasks as string[]).filter((a) => !a.endsWith('/x7')).reverse().map((a) => ({
          taskArn: a, clusterArn: CLUSTER, group: 'service:api', startedBy: 'ecs-svc/123', lastStatus: 'RUNNING', desiredStatus: 'RUNNING', healthStatus: 'HEALTHY',
          launchType: 'FARGATE', platformVersion: '1.4.0', platformFamily: 'Linux', startedAt: new Date('2026-12-02T09:00:00Z'), taskDefinitionArn: 'td:3',
          enableExecuteCommand: true, cpu: '512', memory: '1024', availabilityZone: 'us-east-1a',
          containers: [
            { name: 'api', runtimeId: 'abc-123', image: 'repo/api:1.4.2', lastStatus: 'RUNNING', healthStatus: 'HEALTHY', managedAgents: [{ name: 'ExecuteCommandAgent', lastStatus: 'RUNNING' }] },
            { name: 'init', lastStatus: 'STOPPED', exitCode: 0, reason: 'Essential container exited' },
          ],
        })),
        failures: [],
      }),
    });
    const tasks = await describeEcsTasks(ecs.as<ECSClient>(), CLUSTER, arns);
    assert.deepEqual(ecs.of('DescribeTasks').map((i) => (i.tasks as string[]).length), [100, 100, 50]);
    assert.deepEqual(tasks.map((t) => t.arn), arns.filter((a) => !a.endsWith('/x7')));
    assert.deepEqual(tasks[0], {
      arn: taskArn('x0'), id: 'x0', clusterArn: CLUSTER, group: 'service:api', serviceName: 'api', startedBy: 'ecs-svc/123', lastStatus: 'RUNNING', desiredStatus: 'RUNNING',
      healthStatus: 'HEALTHY', launchType: 'FARGATE', platformVersion: '1.4.0', platformFamily: 'Linux', startedAt: '2026-12-02T09:00:00.000Z', stoppedAt: undefined,
      stoppedReason: undefined, stopCode: undefined, taskDefinitionArn: 'td:3', execEnabled: true, cpu: '512', memory: '1024', availabilityZone: 'us-east-1a',
      containers: [
        { name: 'api', runtimeId: 'abc-123', image: 'repo/api:1.4.2', lastStatus: 'RUNNING', exitCode: undefined, reason: undefined, healthStatus: 'HEALTHY', execAgent: { status: 'RUNNING', reason: undefined } },
        { name: 'init', runtimeId: undefined, image: undefined, lastStatus: 'STOPPED', exitCode: 0, reason: 'Essential container exited', healthStatus: undefined, execAgent: undefined },
      ],
    });
  });

  it('no ARNs, no calls', async () => {
    const ecs = new FakeSdkClient({});
    assert.deepEqual(await describeEcsTasks(ecs.as<ECSClient>(), CLUSTER, []), []);
    assert.equal(ecs.calls.length, 0);
  });
});

describe('describeTaskDefinition', () => {
  it('a JSON-ready document with dates as ISO strings and its tags', async () => {
    const ecs = new FakeSdkClient({
      DescribeTaskDefinition: () => ({
        taskDefinition: { family: 'api', revision: 3, registeredAt: new Date('2026-11-30T12:00:00Z'), containerDefinitions: [{ name: 'api', image: 'repo/api:1' }] },
        tags: [{ key: 'team', value: 'shop' }],
      }),
    });
    const doc = await describeTaskDefinition(ecs.as<ECSClient>(), 'arn:td/api:3');
    assert.deepEqual(ecs.of('DescribeTaskDefinition'), [{ taskDefinition: 'arn:td/api:3', include: ['TAGS'] }]);
    assert.deepEqual(doc, { family: 'api', revision: 3, registeredAt: '2026-11-30T12:00:00.000Z', containerDefinitions: [{ name: 'api', image: 'repo/api:1' }], tags: [{ key: 'team', value: 'shop' }] });
  });
});
