import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { ECS_DESCRIBE_CONCURRENCY, listEcsClusterArns, listEcsClusters, listEcsServices } from '../../../src/aws/ecs';
import { FakeSdkClient, paged } from './fake-sdk';

const clusterArn = (n: string) => `arn:aws:ecs:us-east-1:123456789012:cluster/${n}`;
const serviceArn = (n: string) => `arn:aws:ecs:us-east-1:123456789012:service/shop/${n}`;

describe('listEcsClusters', () => {
  const arns = Array.from({ length: 230 }, (_, i) => clusterArn(`c${i}`));
  const describeClusters = (input: Record<string, unknown>) => {
    const asked = input.clusters as string[];
    if (asked.length > 100) throw new Error(`DescribeClusters takes at most 100, got ${asked.length}`);
    return {
      // Out of order on purpose, and one cluster gone between the list and the describe.
      clusters: asked.filter((a) => !a.endsWith('/c5')).reverse().map((a) => ({
        clusterArn: a, clusterName: a.split('/')[1], status: 'ACTIVE', activeServicesCount: 2, runningTasksCount: 5, pendingTasksCount: 1,
        registeredContainerInstancesCount: 0, capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      })),
      failures: asked.filter((a) => a.endsWith('/c5')).map((a) => ({ arn: a, reason: 'MISSING' })),
    };
  };

  it('one ListClusters (100) and one DescribeClusters (the same 100) per page, in list order', async () => {
    const ecs = new FakeSdkClient({ ListClusters: (input) => paged(arns, input, 'clusterArns'), DescribeClusters: describeClusters });
    const pages = [];
    let next: string | undefined;
    do {
      const p = await listEcsClusters(ecs.as<ECSClient>(), 'us-east-1', next);
      pages.push(p);
      next = p.next;
    } while (next);
    assert.equal(pages.length, 3);
    assert.deepEqual(ecs.of('ListClusters').map((i) => [i.maxResults, i.nextToken]), [[100, undefined], [100, '100'], [100, '200']]);
    assert.deepEqual(ecs.of('DescribeClusters').map((i) => (i.clusters as string[]).length), [100, 100, 30]);
    // Counts and capacity providers are in the base shape: no `include`.
    assert.ok(ecs.of('DescribeClusters').every((i) => i.include === undefined));
    const items = pages.flatMap((p) => p.items);
    assert.deepEqual(items.map((c) => c.arn), arns.filter((a) => !a.endsWith('/c5')));
    assert.deepEqual(items[0], {
      name: 'c0', arn: clusterArn('c0'), region: 'us-east-1', status: 'ACTIVE', activeServices: 2, runningTasks: 5, pendingTasks: 1,
      registeredContainerInstances: 0, capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    });
  });

  it('names first: listEcsClusterArns is ListClusters alone', async () => {
    const ecs = new FakeSdkClient({ ListClusters: (input) => paged(arns, input, 'clusterArns') });
    const p = await listEcsClusterArns(ecs.as<ECSClient>());
    assert.deepEqual([p.items.length, p.next, ecs.calls.map((c) => c.op)], [100, '100', ['ListClusters']]);
  });

  it('a server that ignores maxResults (moto) still gets describes of at most 100', async () => {
    const ecs = new FakeSdkClient({ ListClusters: () => ({ clusterArns: arns }), DescribeClusters: describeClusters });
    const p = await listEcsClusters(ecs.as<ECSClient>(), 'us-east-1');
    assert.equal(p.items.length, 229);
    assert.deepEqual(ecs.of('DescribeClusters').map((i) => (i.clusters as string[]).length), [100, 100, 30]);
  });
});

describe('listEcsServices', () => {
  const names = Array.from({ length: 100 }, (_, i) => `svc-${i}`);
  const describeServices = (input: Record<string, unknown>) => {
    const asked = input.services as string[];
    if (asked.length > 10) throw new Error(`DescribeServices takes at most 10, got ${asked.length}`);
    return { services: asked.map((a) => ({ serviceArn: a, serviceName: a.split('/').pop(), clusterArn: clusterArn('shop'), status: 'ACTIVE', desiredCount: 2, runningCount: 2, pendingCount: 0 })) };
  };

  it('describes a page of 100 in batches of 10, at most 4 batches in flight, in list order', async () => {
    const ecs = new FakeSdkClient({ ListServices: (input) => paged(names.map(serviceArn), input, 'serviceArns'), DescribeServices: describeServices }, 3);
    const p = await listEcsServices(ecs.as<ECSClient>(), clusterArn('shop'));
    assert.deepEqual(ecs.of('ListServices'), [{ cluster: clusterArn('shop'), maxResults: 100, nextToken: undefined }]);
    assert.deepEqual(ecs.of('DescribeServices').map((i) => (i.services as string[]).length), Array(10).fill(10));
    assert.ok(ecs.of('DescribeServices').every((i) => i.cluster === clusterArn('shop')));
    assert.equal(ecs.maxInFlight, ECS_DESCRIBE_CONCURRENCY);
    assert.deepEqual(p.items.map((s) => s.name), names);
    assert.equal(p.next, undefined);
  });

  it('maps deployments with rollout state, task sets with scale, exec and capacity providers', async () => {
    const ecs = new FakeSdkClient({
      ListServices: () => ({ serviceArns: [serviceArn('payments')], nextToken: 'more' }),
      DescribeServices: () => ({
        services: [{
          serviceArn: serviceArn('payments'), serviceName: 'payments', clusterArn: clusterArn('shop'), status: 'ACTIVE', desiredCount: 2, runningCount: 1, pendingCount: 1,
          capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], deploymentController: { type: 'EXTERNAL' }, enableExecuteCommand: true,
          deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', rolloutStateReason: 'ECS deployment in progress', taskDefinition: 'td:2', desiredCount: 2, runningCount: 1, pendingCount: 1, failedTasks: 3, createdAt: new Date('2026-12-01T10:00:00Z') }],
          taskSets: [{ id: 'ecs-svc/blue', taskSetArn: 'arn:ts/blue', externalId: 'blue', status: 'PRIMARY', stabilityStatus: 'STEADY_STATE', scale: { value: 100, unit: 'PERCENT' }, computedDesiredCount: 2, runningCount: 2, pendingCount: 0, taskDefinition: 'td:1', launchType: 'FARGATE' }],
        }],
      }),
    });
    const p = await listEcsServices(ecs.as<ECSClient>(), clusterArn('shop'), undefined);
    assert.equal(p.next, 'more');
    assert.deepEqual(p.items[0], {
      name: 'payments', arn: serviceArn('payments'), clusterArn: clusterArn('shop'), status: 'ACTIVE', desired: 2, running: 1, pending: 1, launchType: undefined,
      capacityProviders: ['FARGATE_SPOT'], deploymentController: 'EXTERNAL', execEnabled: true, taskDefinition: undefined,
      deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', rolloutStateReason: 'ECS deployment in progress', taskDefinition: 'td:2', desired: 2, running: 1, pending: 1, failedTasks: 3, createdAt: '2026-12-01T10:00:00.000Z' }],
      taskSets: [{ id: 'ecs-svc/blue', arn: 'arn:ts/blue', externalId: 'blue', status: 'PRIMARY', stabilityStatus: 'STEADY_STATE', scale: { value: 100, unit: 'PERCENT' }, computedDesired: 2, running: 2, pending: 0, taskDefinition: 'td:1', launchType: 'FARGATE' }],
    });
  });

  it('an abort mid-way stops further DescribeServices batches', async () => {
    const ac = new AbortController();
    let sentAtAbort = 0;
    let answered = 0;
    const ecs = new FakeSdkClient({
      ListServices: (input) => paged(names.map(serviceArn), input, 'serviceArns'),
      DescribeServices: (input) => {
        if (++answered === 1) {
          ac.abort();
          sentAtAbort = ecs.of('DescribeServices').length;
        }
        return describeServices(input);
      },
    }, 5);
    await assert.rejects(listEcsServices(ecs.as<ECSClient>(), clusterArn('shop'), undefined, ac.signal), (e: Error) => e.name === 'AbortError');
    await new Promise((r) => setTimeout(r, 50));
    // The batches in flight when the abort came were sent; none after it.
    assert.equal(sentAtAbort, ECS_DESCRIBE_CONCURRENCY);
    assert.equal(ecs.of('DescribeServices').length, sentAtAbort);
  });
});
