// The AWS side of the tree over a fake Backend: which levels show, paging with "Load more", names before details,
// what each row says (labels, descriptions, contextValues), empty lists and error nodes.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EcsService, EcsTask } from '../../../src/aws/model';
import { AwsError, toAwsError } from '../../../src/aws/errors';
import { KubeError } from '../../../src/kube/errors';
import type { TreeNode } from '../../../src/views/node';
import { EcsClusterNode } from '../../../src/views/nodes/ecs-cluster';
import { EcsClustersNode } from '../../../src/views/nodes/ecs-clusters';
import { EcsServiceNode } from '../../../src/views/nodes/ecs-service';
import { EksClusterNode } from '../../../src/views/nodes/eks-cluster';
import { DESCRIBE_CONCURRENCY, EksClustersNode } from '../../../src/views/nodes/eks-clusters';
import { ErrorNode, describeError } from '../../../src/views/nodes/error';
import { LoadMoreNode } from '../../../src/views/nodes/load-more';
import { MessageNode } from '../../../src/views/nodes/message';
import { rootNodes } from '../../../src/views/roots';
import { FakeBackend, eksCluster, labels, signal, treeContext } from './fakes';

const scope = { profile: 'dev', region: 'eu-west-1' };
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the top levels', () => {
  it('one profile and one Region: the roots are EKS and ECS', async () => {
    const ctx = treeContext(new FakeBackend());
    const roots = await rootNodes(ctx, [], []);
    assert.deepEqual(await labels(roots), ['EKS', 'ECS']);
    assert.deepEqual(roots[0].target, { type: 'region', region: 'eu-west-1' });
  });

  it('several Regions: a Region level; several profiles: a profile level above it', async () => {
    const ctx = treeContext(new FakeBackend());
    const regions = await rootNodes(ctx, ['dev'], ['eu-west-1', 'us-east-1']);
    assert.deepEqual(await labels(regions), ['eu-west-1', 'us-east-1']);
    assert.equal(regions[0].treeItem().contextValue, 'region');
    assert.deepEqual(await labels(await regions[1].children!(signal())), ['EKS', 'ECS']);

    const profiles = await rootNodes(ctx, ['dev', 'tokyo', 'sso:corp/123456789012/Admin'], []);
    assert.deepEqual(await labels(profiles), ['dev', 'tokyo', 'Admin @ 123456789012 (corp)']);
    assert.equal(profiles[2].treeItem().contextValue, 'profile.sso');
    // A profile with one Region (its own, as wharf.regions is empty) shows EKS and ECS directly.
    const tokyo = await profiles[1].children!(signal());
    assert.deepEqual(await labels(tokyo), ['EKS', 'ECS']);
    assert.equal((tokyo[0] as EksClustersNode).scope.region, 'ap-northeast-1');
  });

  it('ids are paths of stable keys, so expansion survives a refresh', async () => {
    const ctx = treeContext(new FakeBackend());
    const [p] = await rootNodes(ctx, ['dev', 'tokyo'], ['eu-west-1', 'us-east-1']);
    const [r] = await p.children!(signal());
    const [eks] = await r.children!(signal());
    assert.equal(eks.id, 'p:dev/r:eu-west-1/eks');
  });
});

describe('EKS clusters', () => {
  it('lists names a page (100) at a time with "Load more", and describes the shown ones with bounded concurrency', async () => {
    const b = new FakeBackend();
    b.eksNames = Array.from({ length: 150 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    let release!: () => void;
    b.gate = new Promise<void>((r) => (release = r));
    const ctx = treeContext(b);
    const folder = new EksClustersNode(undefined, ctx, scope);
    const kids = await folder.children(signal());
    // Names first: 100 rows and "Load more", before any describe has answered.
    assert.equal(kids.length, 101);
    assert.ok(kids[100] instanceof LoadMoreNode);
    assert.deepEqual(kids[0].treeItem(), { label: 'c000', description: '…', tooltip: undefined, contextValue: 'eksCluster', icon: { media: 'eks' }, collapsible: 'collapsed' });
    assert.equal(folder.treeItem().description, '100+ clusters');
    await settle();
    assert.equal(b.maxInFlight, DESCRIBE_CONCURRENCY);
    release();
    for (let i = 0; i < 50 && ctx.changedNodes.length < 100; i++) await settle();
    // Each row re-rendered as its details arrived; only the shown clusters were described.
    assert.equal(ctx.changedNodes.length, 100);
    assert.equal(b.count('eksCluster'), 100);
    assert.equal(kids[0].treeItem().description, '1.31 · eks.12 · standard support · public');

    await folder.loadMore(signal());
    const all = await folder.children(signal());
    assert.equal(all.length, 150);
    assert.ok(!all.some((n) => n instanceof LoadMoreNode));
    assert.equal(b.count('eksClusterNames'), 2);
    assert.strictEqual(all[0], kids[0], 'rows are kept, not rebuilt');
  });

  it('an empty Region says so', async () => {
    const ctx = treeContext(new FakeBackend());
    const kids = await new EksClustersNode(undefined, ctx, scope).children(signal());
    assert.equal(kids.length, 1);
    assert.ok(kids[0] instanceof MessageNode);
    assert.equal(kids[0].treeItem().label, 'No EKS clusters in eu-west-1');
  });

  it('a cluster row: support phase and upgrade policy apart, health issues in the tooltip, flags in the contextValue', () => {
    const ctx = treeContext(new FakeBackend());
    const node = new EksClusterNode(undefined, ctx, scope, 'legacy');
    node.setDetails(
      eksCluster('legacy', {
        version: '1.29',
        platformVersion: 'eks.20',
        endpointPublicAccess: false,
        endpointPrivateAccess: true,
        supportType: 'EXTENDED',
        support: { phase: 'extended', endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23', source: 'api' },
        healthIssues: [{ code: 'Ec2SubnetNotFound', message: 'subnet-1 was deleted' }],
        authenticationMode: 'API_AND_CONFIG_MAP',
      }),
    );
    const v = node.treeItem();
    assert.equal(v.description, '1.29 · eks.20 · extended support · private · 1 health issue');
    assert.equal(v.contextValue, 'eksCluster.active.extendedSupport.healthIssues.privateOnly');
    assert.deepEqual(v.icon, { codicon: 'warning', color: 'editorWarning.foreground' });
    assert.match(v.tooltip!, /Upgrade policy: EXTENDED/);
    assert.match(v.tooltip!, /extended ends 2026\\-03\\-23/);
    assert.match(v.tooltip!, /Ec2SubnetNotFound/);
    assert.deepEqual(node.target, { type: 'eksCluster', profile: 'dev', region: 'eu-west-1', clusterName: 'legacy', cluster: node.cluster });
  });

  it('a cluster: its AWS parts and Kubernetes; add-ons say when an update is available', async () => {
    const b = new FakeBackend();
    const ctx = treeContext(b);
    const node = new EksClusterNode(undefined, ctx, scope, 'prod');
    const kids = await node.children(signal());
    assert.deepEqual(await labels(kids), ['Node groups', 'Fargate profiles', 'Add-ons', 'Access entries', 'Pod Identity', 'Kubernetes']);
    assert.equal(kids[0].treeItem().contextValue, 'folder.eksNodegroups');
    const [addon] = await kids[2].children!(signal());
    assert.equal(addon.treeItem().description, 'v1.18.0-eksbuild.1 · update available: v1.19.2-eksbuild.1');
    assert.equal(addon.treeItem().contextValue, 'eksAddon.updateAvailable');
    assert.deepEqual(b.calls.find((c) => c.op === 'addons')!.args, ['1.31']);
    const [none] = await kids[0].children!(signal());
    assert.equal(none.treeItem().label, 'No managed node groups');
  });
});

describe('error nodes', () => {
  it('AccessDenied names the action and says what to do', () => {
    // The SDK's own shape of the refusal, classified by the AWS core's toAwsError.
    const sdk = Object.assign(new Error('User: arn:aws:iam::123456789012:user/dev is not authorized to perform: eks:ListClusters on resource: arn:aws:eks:eu-west-1:123456789012:cluster/*'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    const v = describeError(toAwsError(sdk, { service: 'eks', operation: 'ListClusters', region: 'eu-west-1' }));
    assert.equal(v.label, 'Access denied: eks:ListClusters');
    assert.match(v.reason, /user\/dev/);
    assert.ok(v.nextStep.length > 0);
    assert.ok(v.flags.includes('accessDenied'));
  });

  it('an expired SSO sign-in offers "Sign in" as the click and in the contextValue', () => {
    const e = new AwsError({ kind: 'sso-login-required', service: 'eks', operation: 'ListClusters', region: 'eu-west-1', message: 'The SSO session has expired', nextStep: 'Sign in to IAM Identity Center.', actions: ['signIn', 'chooseProfile'] });
    const parent = new EksClustersNode(undefined, treeContext(new FakeBackend()), scope);
    const node = new ErrorNode(parent, treeContext(new FakeBackend()), e);
    const v = node.treeItem();
    assert.equal(v.label, 'SSO sign-in needed');
    assert.match(v.contextValue, /^error\b.*\.signIn\b/);
    assert.equal(v.command?.command, 'wharf.aws.signIn');
    assert.deepEqual(node.target, parent.target, 'the command knows which profile');
  });

  it('a 403 from a cluster opens the diagnosis', () => {
    const parent = new EksClusterNode(undefined, treeContext(new FakeBackend()), scope, 'prod');
    const e = new KubeError({ kind: 'forbidden', status: 403, message: 'nodes is forbidden: User "viewer" cannot list resource "nodes"', verb: 'list', resource: 'nodes' });
    const node = new ErrorNode(parent, treeContext(new FakeBackend()), e);
    const v = node.treeItem();
    assert.equal(v.label, 'Forbidden: list nodes');
    assert.equal(v.contextValue, 'error.diagnose.forbidden');
    assert.equal(v.command?.command, 'wharf.eks.showAuthDiagnosis');
    assert.equal(node.failure?.kind, 'forbidden');
  });

  it('an unreachable API server says how to reach a private endpoint, and retries', () => {
    const e = new KubeError({ kind: 'unreachable', message: 'connect ETIMEDOUT 10.0.1.5:443' });
    const v = describeError(e);
    assert.equal(v.label, 'Cluster API server unreachable');
    assert.match(v.nextStep, /wharf\.eks\.endpointOverrides/);
    assert.equal(v.action, 'retry');
  });

  it('a cluster whose describe failed says so on its row', async () => {
    const b = new FakeBackend();
    b.eksNames = ['locked'];
    b.failures.set('eksCluster', new AwsError({ kind: 'access-denied', service: 'eks', operation: 'DescribeCluster', action: 'eks:DescribeCluster', message: 'denied', nextStep: 'Ask for eks:DescribeCluster.', actions: ['chooseProfile'] }));
    const ctx = treeContext(b);
    const [row] = await new EksClustersNode(undefined, ctx, scope).children(signal());
    for (let i = 0; i < 10 && !ctx.changedNodes.length; i++) await settle();
    assert.equal(row.treeItem().description, 'Access denied: eks:DescribeCluster');
    assert.equal(row.treeItem().contextValue, 'eksCluster.describeFailed');
  });
});

const service = (over: Partial<EcsService> = {}): EcsService => ({
  name: 'web',
  arn: 'arn:aws:ecs:eu-west-1:123456789012:service/shop/web',
  clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/shop',
  status: 'ACTIVE',
  desired: 3,
  running: 2,
  pending: 1,
  launchType: 'FARGATE',
  capacityProviders: [],
  deploymentController: 'ECS',
  execEnabled: false,
  deployments: [{ id: 'd1', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', desired: 3, running: 2, pending: 1, failedTasks: 0 }],
  taskSets: [],
  ...over,
});

const task = (id: string, over: Partial<EcsTask> = {}): EcsTask => ({
  arn: `arn:aws:ecs:eu-west-1:123456789012:task/shop/${id}`,
  id,
  clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/shop',
  lastStatus: 'RUNNING',
  desiredStatus: 'RUNNING',
  healthStatus: 'HEALTHY',
  launchType: 'FARGATE',
  platformVersion: '1.4.0',
  startedAt: '2026-12-02T11:00:00Z',
  execEnabled: true,
  containers: [{ name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27', lastStatus: 'RUNNING', execAgent: { status: 'RUNNING' } }],
  ...over,
});

describe('ECS', () => {
  const shop = { name: 'shop', arn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/shop', region: 'eu-west-1', status: 'ACTIVE', activeServices: 2, runningTasks: 5, pendingTasks: 1, registeredContainerInstances: 0, capacityProviders: ['FARGATE', 'FARGATE_SPOT'] };

  it('clusters with counts and capacity providers; an empty Region says so', async () => {
    const b = new FakeBackend();
    const ctx = treeContext(b);
    const empty = await new EcsClustersNode(undefined, ctx, scope).children(signal());
    assert.equal(empty[0].treeItem().label, 'No ECS clusters in eu-west-1');
    b.ecs = [shop];
    const folder = new EcsClustersNode(undefined, ctx, scope);
    const [c] = await folder.children(signal());
    assert.equal(c.treeItem().description, '2 services · 5 tasks · 1 pending · FARGATE, FARGATE_SPOT');
    assert.equal(c.treeItem().contextValue, 'ecsCluster');
  });

  it('a cluster: standalone tasks first, then services; a blue/green service shows its task sets, then its tasks', async () => {
    const b = new FakeBackend();
    b.services = [
      service(),
      service({
        name: 'checkout',
        arn: 'arn:aws:ecs:eu-west-1:123456789012:service/shop/checkout',
        deploymentController: 'EXTERNAL',
        execEnabled: true,
        deployments: [],
        taskSets: [
          { id: 'ts-blue', arn: 'arn:ts-blue', externalId: 'blue', status: 'PRIMARY', stabilityStatus: 'STEADY_STATE', scale: { value: 100, unit: 'PERCENT' }, computedDesired: 2, running: 2, pending: 0 },
          { id: 'ts-green', arn: 'arn:ts-green', externalId: 'green', status: 'ACTIVE', stabilityStatus: 'STABILIZING', scale: { value: 0, unit: 'PERCENT' }, computedDesired: 0, running: 0, pending: 0 },
        ],
      }),
    ];
    b.tasks = [task('t1', { serviceName: 'checkout' }), task('t0', { stoppedReason: 'Essential container exited', lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', containers: [{ name: 'job', lastStatus: 'STOPPED', exitCode: 1 }] })];
    const ctx = treeContext(b);
    const cluster = new EcsClusterNode(new EcsClustersNode(undefined, ctx, scope), ctx, scope, shop);
    const kids = await cluster.children(signal());
    assert.deepEqual(await labels(kids), ['Standalone tasks', 'web', 'checkout']);
    assert.equal(kids[1].treeItem().description, '2/3 · 1 pending · rollout in_progress');
    const checkout = kids[2] as EcsServiceNode;
    assert.equal(checkout.treeItem().contextValue, 'ecsService.execEnabled.external');
    assert.equal(checkout.treeItem().description, '2/3 · 1 pending · 2 task sets · exec');
    const under = await checkout.children(signal());
    assert.deepEqual(await labels(under), ['blue', 'green', 't1']);
    assert.equal(under[0].treeItem().description, 'PRIMARY · scale 100% · 2/2');
    assert.equal(under[1].treeItem().contextValue, 'ecsTaskSet.active');
    assert.equal(under[2].treeItem().contextValue, 'ecsTask.execEnabled.fargate.running');
    assert.equal(under[2].treeItem().description, 'RUNNING · healthy · FARGATE · 1.4.0 · started 60m ago');
    const [container] = await under[2].children!(signal());
    assert.equal(container.treeItem().description, 'RUNNING · exec agent running · nginx:1.27');
    assert.equal(container.treeItem().contextValue, 'ecsContainer.execAgentRunning.running');

    const standalone = await kids[0].children!(signal());
    assert.deepEqual(await labels(standalone), ['t0']);
    assert.match(standalone[0].treeItem().description!, /^STOPPED · FARGATE · 1\.4\.0 · started 60m ago · Essential container exited$/);
    const [job] = await standalone[0].children!(signal());
    assert.equal(job.treeItem().description, 'STOPPED · exit 1');
    assert.deepEqual(job.treeItem().icon, { codicon: 'error', color: 'errorForeground' });
  });

  it('every node carries a target the commands can read', async () => {
    const b = new FakeBackend();
    b.services = [service()];
    b.tasks = [task('t1', { serviceName: 'web' })];
    const ctx = treeContext(b);
    const cluster = new EcsClusterNode(new EcsClustersNode(undefined, ctx, scope), ctx, scope, shop);
    const [, web] = await cluster.children(signal());
    const [t] = await web.children!(signal());
    const [c] = await t.children!(signal());
    const types = [cluster, web, t, c].map((n: TreeNode) => n.target?.type);
    assert.deepEqual(types, ['ecsCluster', 'ecsService', 'ecsTask', 'ecsContainer']);
  });
});
