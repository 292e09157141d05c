// The Kubernetes side of the tree over a fake Backend, with objects shaped as the API server returns them and the
// real summaries: namespace folders, bare pods, pods' state icons and descriptions, containers, events (warnings
// first), secrets without values, paging in 500s, and a watch replacing the list.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/kube/model';
import { ContainerNode } from '../../../src/views/nodes/container';
import { KubernetesNode } from '../../../src/views/nodes/kubernetes';
import { KubeListNode } from '../../../src/views/nodes/kube-list';
import { LoadMoreNode } from '../../../src/views/nodes/load-more';
import { NamespaceNode } from '../../../src/views/nodes/namespace';
import { PodNode } from '../../../src/views/nodes/pod';
import { WorkloadNode } from '../../../src/views/nodes/workload';
import { EksClusterNode } from '../../../src/views/nodes/eks-cluster';
import { FakeBackend, labels, signal, treeContext } from './fakes';

const ref = { profile: 'dev', region: 'eu-west-1', clusterName: 'prod' };
const T = '2026-12-02T11:00:00Z';

type Over = { name: string; phase?: string; statuses?: object[]; owner?: string; labels?: Record<string, string>; node?: string; deleting?: boolean };
function pod(o: Over): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      namespace: 'shop',
      uid: `uid-${o.name}`,
      creationTimestamp: T,
      labels: o.labels ?? { app: 'web' },
      ownerReferences: o.owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.owner, uid: 'rs', controller: true }] : undefined,
      deletionTimestamp: o.deleting ? T : undefined,
    },
    spec: { nodeName: o.node ?? 'ip-10-0-1-5.eu-west-1.compute.internal', containers: [{ name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27', ports: [{ containerPort: 80 }] }] },
    status: { phase: o.phase ?? 'Running', podIP: '10.0.1.9', containerStatuses: o.statuses ?? [{ name: 'app', ready: true, restartCount: 0, image: 'nginx', state: { running: { startedAt: T } } }] },
  };
}

const crashloop = pod({ name: 'web-crash', owner: 'web-1', statuses: [{ name: 'app', ready: false, restartCount: 7, image: 'nginx', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: T } } }] });
const imagepull = pod({ name: 'web-pull', owner: 'web-1', phase: 'Pending', statuses: [{ name: 'app', ready: false, restartCount: 0, image: 'nginx', state: { waiting: { reason: 'ImagePullBackOff' } } }] });
const oom = pod({ name: 'web-oom', owner: 'web-1', statuses: [{ name: 'app', ready: true, restartCount: 2, image: 'nginx', state: { running: { startedAt: T } }, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }] });
const running = pod({ name: 'web-ok', owner: 'web-1', node: 'fargate-ip-10-0-2-7.eu-west-1.compute.internal' });
const done = pod({ name: 'migrate', phase: 'Succeeded', labels: { job: 'migrate' }, statuses: [{ name: 'app', ready: false, restartCount: 0, image: 'nginx', state: { terminated: { reason: 'Completed', exitCode: 0 } } }] });
const pending = pod({ name: 'bare-pending', phase: 'Pending', labels: { app: 'debug' }, statuses: [{ name: 'app', ready: false, restartCount: 0, image: 'nginx', state: { waiting: { reason: 'ContainerCreating' } } }] });

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', creationTimestamp: T },
  spec: { replicas: 4, selector: { matchLabels: { app: 'web' } } },
  status: { replicas: 4, readyReplicas: 2 },
};

function backend(): FakeBackend {
  const b = new FakeBackend();
  b.kube.set('namespaces', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' }, status: { phase: 'Active' } }]);
  b.kube.set('pods', [crashloop, imagepull, oom, running, done, pending]);
  b.kube.set('deployments', [deployment]);
  b.kube.set('secrets', [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, type: 'Opaque', data: { password: 'c2VjcmV0', user: 'YWRtaW4=' } }]);
  b.kube.set('events', [
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1', namespace: 'shop' }, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned', involvedObject: { kind: 'Pod', name: 'web-ok' }, lastTimestamp: '2026-12-02T11:59:00Z' },
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e2', namespace: 'shop' }, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container', involvedObject: { kind: 'Pod', name: 'web-crash' }, count: 12, lastTimestamp: '2026-12-02T11:30:00Z' },
  ]);
  return b;
}

async function namespace(b: FakeBackend) {
  const ctx = treeContext(b);
  const cluster = new EksClusterNode(undefined, ctx, ref, 'prod');
  const k8s = new KubernetesNode(cluster, ctx, { ...ref });
  const [, namespaces] = await k8s.children(signal());
  const [shop] = await namespaces.children!(signal());
  return { ctx, k8s, shop: shop as NamespaceNode };
}

describe('Kubernetes', () => {
  it('the cluster: Nodes and Namespaces, and Karpenter only when served', async () => {
    const b = backend();
    const ctx = treeContext(b);
    const cluster = new EksClusterNode(undefined, ctx, ref, 'prod');
    assert.deepEqual(await labels(await new KubernetesNode(cluster, ctx, ref).children(signal())), ['Nodes', 'Namespaces']);
    b.servesKarpenter = true;
    assert.deepEqual(await labels(await new KubernetesNode(cluster, ctx, ref).children(signal())), ['Nodes', 'Namespaces', 'Karpenter NodePools', 'Karpenter NodeClaims']);
  });

  it('a namespace: one folder per kind, Events last', async () => {
    const { shop } = await namespace(backend());
    assert.equal(shop.treeItem().contextValue, 'namespace');
    const kids = await shop.children();
    assert.deepEqual(await labels(kids), ['Deployments', 'StatefulSets', 'DaemonSets', 'Jobs', 'CronJobs', 'Pods', 'Services', 'Ingresses', 'HPAs', 'ConfigMaps', 'Secrets', 'Events']);
    assert.equal(kids[0].treeItem().contextValue, 'folder.deployments');
  });

  it('Pods under a namespace are the bare ones; a workload lists its pods by selector', async () => {
    const { shop } = await namespace(backend());
    const kids = await shop.children();
    const bare = await kids[5].children!(signal());
    assert.deepEqual(await labels(bare), ['migrate', 'bare-pending']);
    const [web] = await kids[0].children!(signal());
    assert.ok(web instanceof WorkloadNode);
    assert.equal(web.treeItem().description, '2/4 · 60m');
    assert.equal(web.treeItem().contextValue, 'deployment.unhealthy');
    const pods = await web.children(signal());
    assert.deepEqual(await labels(pods), ['web-crash', 'web-pull', 'web-oom', 'web-ok']);
    assert.ok(pods.every((p) => p.parent === web), 'pods hang directly under their workload');
  });

  it('pods: state icons, contextValues and what a person scans for', async () => {
    const ctx = treeContext(new FakeBackend());
    const row = (o: KubeObject) => new PodNode(new NamespaceNode(new KubernetesNode(new EksClusterNode(undefined, ctx, ref, 'prod'), ctx, ref), ctx, ref, { metadata: { name: 'shop' } }), ctx, ref, o).treeItem();
    const c = row(crashloop);
    assert.equal(c.contextValue, 'pod.crashloop');
    assert.deepEqual(c.icon, { codicon: 'debug-restart', color: 'errorForeground' });
    assert.equal(c.description, 'CrashLoopBackOff · 0/1 · 7 restarts · ip-10-0-1-5.eu-west-1.compute.internal · 60m');
    assert.equal(row(imagepull).contextValue, 'pod.imagepull');
    assert.equal(row(oom).contextValue, 'pod.oomkilled');
    assert.equal(row(done).contextValue, 'pod.completed');
    assert.equal(row(pending).contextValue, 'pod.pending');
    const ok = row(running);
    assert.equal(ok.contextValue, 'pod.fargate.ready');
    assert.equal(ok.description, 'Running · 1/1 · Fargate · 60m');
    assert.deepEqual(ok.icon, { codicon: 'circle-filled', color: 'testing.iconPassed' });
  });

  it('containers: image, state, last termination', async () => {
    const ctx = treeContext(new FakeBackend());
    const p = new PodNode(new KubernetesNode(new EksClusterNode(undefined, ctx, ref, 'prod'), ctx, ref), ctx, ref, crashloop);
    const [c] = await p.children();
    assert.ok(c instanceof ContainerNode);
    assert.equal(c.treeItem().description, 'CrashLoopBackOff · 7 restarts · last: Error (1) · nginx:1.27');
    assert.equal(c.treeItem().contextValue, 'container.waiting');
    assert.deepEqual(c.target, { type: 'kubeContainer', ...ref, namespace: 'shop', pod: 'web-crash', container: 'app', containerKind: 'container' });
  });

  it('events: warnings first; secrets: type and key count, never a value', async () => {
    const { shop } = await namespace(backend());
    const kids = await shop.children();
    const events = kids[11];
    const rows = await events.children!(signal());
    assert.deepEqual(await labels(rows), ['BackOff', 'Scheduled']);
    assert.equal(rows[0].treeItem().contextValue, 'event.warning');
    assert.match(rows[0].treeItem().description!, /^Pod\/web-crash · ×12 · 30m · Back-off restarting failed container$/);
    assert.equal(events.treeItem().description, '1 warning');
    const [secret] = await kids[10].children!(signal());
    const v = secret.treeItem();
    assert.equal(v.contextValue, 'secret');
    assert.equal(v.description, 'Opaque · 2 keys');
    assert.doesNotMatch(JSON.stringify(v), /c2VjcmV0|YWRtaW4=/);
  });

  it('pages of 500 with "Load more"; a watch then replaces the list', async () => {
    const b = new FakeBackend();
    b.kube.set('pods', Array.from({ length: 1200 }, (_, i) => pod({ name: `p${String(i).padStart(4, '0')}` })));
    const ctx = treeContext(b);
    const list = new KubeListNode(new EksClusterNode(undefined, ctx, ref, 'prod'), ctx, {
      key: 'pods', label: 'Pods', kind: 'kubePods', cluster: ref, resource: { kind: 'Pod', group: '', version: 'v1', plural: 'pods', namespaced: true }, namespace: 'shop',
      row: (p, o, old) => PodNode.reuse(p, ctx, ref, o, old), empty: 'No pods',
    });
    let rows = await list.children(signal());
    assert.equal(rows.length, 501);
    assert.ok(rows[500] instanceof LoadMoreNode);
    assert.deepEqual(b.calls.find((c) => c.op === 'kubeList')!.args[1], { namespace: 'shop', labelSelector: undefined, limit: 500, continue: undefined });
    assert.equal(list.treeItem().description, '500+');
    await list.loadMore(signal());
    await list.loadMore(signal());
    rows = await list.children(signal());
    assert.equal(rows.length, 1200);
    assert.equal(list.treeItem().description, '1200');

    // The watch's list (as many pages as shown) replaces ours; a pod gone is gone, rows of the others are kept.
    const spec = list.live();
    assert.equal(spec.pages(), 3);
    const kept = rows[1];
    spec.apply(b.kube.get('pods')!.slice(1), false);
    assert.deepEqual(ctx.changedNodes, [list]);
    rows = await list.children(signal());
    assert.equal(rows.length, 1199);
    assert.strictEqual(rows[0], kept);
  });

  it('"Load more" goes through the running watch, so it stays one snapshot', async () => {
    const b = new FakeBackend();
    b.kube.set('pods', Array.from({ length: 700 }, (_, i) => pod({ name: `p${i}` })));
    const ctx = treeContext(b);
    const list = new KubeListNode(new EksClusterNode(undefined, ctx, ref, 'prod'), ctx, {
      key: 'pods', label: 'Pods', kind: 'kubePods', cluster: ref, resource: { kind: 'Pod', group: '', version: 'v1', plural: 'pods', namespaced: true },
      row: (p, o, old) => PodNode.reuse(p, ctx, ref, o, old), empty: 'No pods',
    });
    await list.children(signal());
    const spec = list.live();
    let asked = 0;
    spec.bind({ loadMore: async () => void asked++ });
    await list.loadMore(signal());
    assert.equal(asked, 1);
    assert.equal(b.count('kubeList'), 1, 'no list of our own while the watch runs');
    // The watch stops (collapse): the next expansion lists afresh.
    spec.bind(undefined);
    assert.equal(list.treeItem().description, undefined);
  });
});
