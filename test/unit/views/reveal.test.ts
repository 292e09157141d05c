// "Go to…" for a target the tree has not loaded: findTarget expands only the nodes on the way.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RESOURCES } from '../../../src/kube/resources';
import type { TreeNode } from '../../../src/views/node';
import { findTarget } from '../../../src/views/reveal';
import { rootNodes } from '../../../src/views/roots';
import { FakeBackend, signal, treeContext } from './fakes';

describe('findTarget', () => {
  const shop = { name: 'shop', arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/shop', region: 'us-east-1', status: 'ACTIVE', activeServices: 1, runningTasks: 0, pendingTasks: 0, registeredContainerInstances: 0, capacityProviders: [] };
  const web = { name: 'web', arn: 'arn:aws:ecs:us-east-1:123456789012:service/shop/web', clusterArn: shop.arn, status: 'ACTIVE', desired: 1, running: 1, pending: 0, capacityProviders: [], deploymentController: 'ECS' as const, execEnabled: false, deployments: [], taskSets: [] };

  function setup() {
    const b = new FakeBackend();
    b.eksNames = ['prod', 'staging'];
    b.ecs = [shop];
    b.services = [web];
    b.kube.set('namespaces', [{ metadata: { name: 'default' } }, { metadata: { name: 'shop' } }]);
    b.kube.set('deployments', [{ kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'api' } } } }]);
    const expanded: string[] = [];
    const children = (n: TreeNode) => {
      expanded.push(n.id);
      return n.children!(signal());
    };
    return { b, ctx: treeContext(b), expanded, children };
  }

  it('finds an EKS cluster in the second Region, expanding only that Region and its EKS folder', async () => {
    const { ctx, expanded, children } = setup();
    const roots = await rootNodes(ctx, [], ['eu-west-1', 'us-east-1']);
    const node = await findTarget(roots, { type: 'eksCluster', region: 'us-east-1', clusterName: 'staging' }, children);
    assert.equal(node?.id, 'r:us-east-1/eks/c:staging');
    assert.deepEqual(expanded, ['r:us-east-1', 'r:us-east-1/eks']);
  });

  it('finds an ECS service and a Deployment in a namespace', async () => {
    const { ctx, children } = setup();
    const roots = await rootNodes(ctx, [], ['us-east-1']);
    const svc = await findTarget(roots, { type: 'ecsService', region: 'us-east-1', clusterArn: shop.arn, service: web }, children);
    assert.equal(svc?.id, 'ecs/c:shop/svc:web');
    const dep = await findTarget(roots, { type: 'kubeObject', region: 'us-east-1', clusterName: 'prod', resource: RESOURCES.deployments, namespace: 'shop', name: 'api' }, children);
    assert.equal(dep?.id, 'eks/c:prod/k8s/namespaces/ns:shop/deployments/deployments:api');
  });

  it('finds a node under Kubernetes -> Nodes', async () => {
    const { b, ctx, expanded, children } = setup();
    b.kube.set('nodes', [{ kind: 'Node', metadata: { name: 'ip-10-0-2-44.ec2.internal' } }]);
    const roots = await rootNodes(ctx, [], ['us-east-1']);
    const node = await findTarget(roots, { type: 'kubeObject', region: 'us-east-1', clusterName: 'prod', resource: RESOURCES.nodes, name: 'ip-10-0-2-44.ec2.internal' }, children);
    assert.ok(node, `reached: ${expanded.join(' > ')}`);
    assert.match(node.id, /nodes.*ip-10-0-2-44/);
  });

  it('says no when the tree cannot reach it', async () => {
    const { ctx, children } = setup();
    const roots = await rootNodes(ctx, [], ['us-east-1']);
    assert.equal(await findTarget(roots, { type: 'eksCluster', region: 'ap-south-1', clusterName: 'x' }, children), undefined);
  });
});
