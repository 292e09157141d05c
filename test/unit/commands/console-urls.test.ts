// AWS console addresses per Region and partition, and which node opens where.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consoleHost, consoleUrlOf, consoleUrls, partitionOf } from '../../../src/commands/explorer/console-urls';
import type { EcsService, EcsTask } from '../../../src/aws/model';
import { RESOURCES } from '../../../src/kube/resources';

const task = { arn: 'arn:aws:ecs:eu-west-1:123456789012:task/payments/0f3c2d9e8b7a4c1d', id: '0f3c2d9e8b7a4c1d', clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/payments', execEnabled: false, containers: [] } satisfies EcsTask;

describe('console URLs', () => {
  it('uses the Regional console host in commercial Regions, the partition hosts in China and GovCloud', () => {
    assert.equal(consoleHost('eu-west-1'), 'eu-west-1.console.aws.amazon.com');
    assert.equal(consoleHost('cn-north-1'), 'console.amazonaws.cn');
    assert.equal(consoleHost('us-gov-west-1'), 'console.amazonaws-us-gov.com');
    assert.deepEqual(['us-east-1', 'cn-northwest-1', 'us-gov-east-1'].map(partitionOf), ['aws', 'aws-cn', 'aws-us-gov']);
  });

  it('builds EKS cluster and node group pages with the Region in the query', () => {
    assert.equal(consoleUrls.eksCluster('us-east-1', 'shop-prod'), 'https://us-east-1.console.aws.amazon.com/eks/home?region=us-east-1#/clusters/shop-prod');
    assert.equal(consoleUrls.eksNodegroup('eu-west-1', 'data-legacy', 'memory'), 'https://eu-west-1.console.aws.amazon.com/eks/home?region=eu-west-1#/clusters/data-legacy/nodegroups/memory');
    assert.equal(consoleUrls.eksCluster('cn-north-1', 'c'), 'https://console.amazonaws.cn/eks/home?region=cn-north-1#/clusters/c');
  });

  it('builds ECS cluster, service and task pages (console v2)', () => {
    assert.equal(consoleUrls.ecsCluster('us-east-1', 'payments'), 'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/payments/services?region=us-east-1');
    assert.equal(consoleUrls.ecsService('us-east-1', 'payments', 'api'), 'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/payments/services/api/health?region=us-east-1');
    assert.equal(consoleUrls.ecsTask('eu-west-1', 'payments', 'abc'), 'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/payments/tasks/abc/configuration?region=eu-west-1');
    assert.equal(consoleUrls.ecsTaskDefinition('us-east-1', 'api:7'), 'https://us-east-1.console.aws.amazon.com/ecs/v2/task-definitions/api/7/containers?region=us-east-1');
  });

  it('maps nodes to their pages: tasks and containers to the task, task sets to their service, Kubernetes objects to the cluster', () => {
    assert.match(consoleUrlOf({ type: 'ecsTask', region: 'eu-west-1', clusterArn: task.clusterArn, task })!, /\/clusters\/payments\/tasks\/0f3c2d9e8b7a4c1d\//);
    assert.match(consoleUrlOf({ type: 'ecsContainer', region: 'eu-west-1', clusterArn: task.clusterArn, task, container: { name: 'app' } })!, /\/tasks\/0f3c2d9e8b7a4c1d\//);
    const ts = { type: 'ecsTaskSet' as const, region: 'us-east-1', clusterArn: 'arn:aws:ecs:us-east-1:1:cluster/web', serviceName: 'checkout', taskSet: { id: 'ecs-svc/1', arn: 'a', status: 'PRIMARY', computedDesired: 1, running: 1, pending: 0 } };
    assert.match(consoleUrlOf(ts)!, /\/clusters\/web\/services\/checkout\/health/);
    assert.equal(consoleUrlOf({ type: 'kubeObject', region: 'us-east-1', clusterName: 'shop-prod', resource: RESOURCES.pods, namespace: 'shop', name: 'p' }), consoleUrls.eksCluster('us-east-1', 'shop-prod'));
    const ng = { type: 'eksCluster' as const, region: 'us-east-1', clusterName: 'shop-prod', nodegroup: { name: 'spot' } };
    assert.equal(consoleUrlOf(ng), consoleUrls.eksNodegroup('us-east-1', 'shop-prod', 'spot'));
    assert.equal(consoleUrlOf({ type: 'profile', profile: 'x' }), undefined);
    const svc = { name: 'api', arn: 'arn:aws:ecs:us-east-1:1:service/web/api', clusterArn: 'arn:aws:ecs:us-east-1:1:cluster/web' } as EcsService;
    assert.equal(consoleUrlOf({ type: 'ecsService', region: 'us-east-1', clusterArn: svc.clusterArn, service: svc }), consoleUrls.ecsService('us-east-1', 'web', 'api'));
  });

  it('escapes names in the path', () => {
    assert.equal(consoleUrls.ecsService('us-east-1', 'a b', 'c#d'), 'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/a%20b/services/c%23d/health?region=us-east-1');
  });
});
