// The provider in plain Node (with the vscode stand-in of vscode-stub.ts): failures become error nodes, a collapse
// or a refresh aborts the node's requests, "Load more" appends, re-renders are coalesced, and watches follow
// expansion and visibility.
import './vscode-stub';
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KubeError } from '../../../src/kube/errors';
import type { LiveSpec, TreeNode } from '../../../src/views/node';
import { ErrorNode } from '../../../src/views/nodes/error';
import { EksClustersNode } from '../../../src/views/nodes/eks-clusters';
import { KubeListNode } from '../../../src/views/nodes/kube-list';
import { LoadMoreNode } from '../../../src/views/nodes/load-more';
import { PodNode } from '../../../src/views/nodes/pod';
import { EksClusterNode } from '../../../src/views/nodes/eks-cluster';
import { ExplorerProvider } from '../../../src/views/provider';
import { WatchManager, type LiveStarter } from '../../../src/views/watch';
import { FakeBackend, treeContext } from './fakes';

const scope = { region: 'eu-west-1' };
const ref = { ...scope, clusterName: 'prod' };
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

type Ev = { element: TreeNode };
function fakeView(visible = true) {
  const handlers: Record<string, ((e: unknown) => void)[]> = { collapse: [], expand: [], visibility: [] };
  const on = (k: string) => (fn: (e: unknown) => void) => {
    handlers[k].push(fn);
    return { dispose() {} };
  };
  return {
    visible,
    onDidCollapseElement: on('collapse'),
    onDidExpandElement: on('expand'),
    onDidChangeVisibility: on('visibility'),
    reveal: async () => undefined,
    collapse(element: TreeNode) {
      for (const h of handlers.collapse) h({ element } satisfies Ev);
    },
    setVisible(v: boolean) {
      this.visible = v;
      for (const h of handlers.visibility) h({ visible: v });
    },
  };
}

function setup(started: LiveSpec[] = [], stopped: string[] = []) {
  const b = new FakeBackend();
  // Nodes call ctx.changed only after the provider exists.
  const ctx = { ...treeContext(b), changed: (n: TreeNode) => provider.changed(n) };
  const starter: LiveStarter = (spec) => {
    started.push(spec);
    return { stop: () => void stopped.push(spec.key), loadMore: async () => undefined };
  };
  const watches = new WatchManager(starter);
  const roots = [new EksClustersNode(undefined, ctx, scope)];
  const provider: ExplorerProvider = new ExplorerProvider(async () => roots, ctx, watches, { path: '/ext' } as never);
  const fired: unknown[] = [];
  provider.onDidChangeTreeData((e) => fired.push(e));
  const view = fakeView();
  provider.attach(view as never);
  return { b, ctx, provider, roots, fired, view, watches };
}

describe('ExplorerProvider', () => {
  it('renders ItemViews as TreeItems with stable ids, markdown tooltips and theme icons', async () => {
    const { provider, b } = setup();
    b.eksNames = ['prod'];
    const [eks] = await provider.getChildren();
    const item = provider.getTreeItem(eks) as unknown as { id: string; label: string; contextValue: string; iconPath: { light: { path: string } } };
    assert.equal(item.id, 'eks');
    assert.equal(item.contextValue, 'folder.eksClusters');
    assert.equal(item.iconPath.light.path, '/ext/media/light/eks.svg');
    const [prod] = await provider.getChildren(eks);
    assert.equal(provider.getParent(prod), eks);
    assert.deepEqual(provider.loaded().map((n) => n.id), ['eks', 'eks/c:prod']);
  });

  it('reveal tries again while the tree redraws the parent ("Data tree node not found"), expanding the way down', async () => {
    const { provider, b, view } = setup();
    b.eksNames = ['prod'];
    const [eks] = await provider.getChildren();
    const [stale] = await provider.getChildren(eks);
    const calls: { id: string; expand?: unknown }[] = [];
    let failures = 2;
    (view as { reveal: unknown }).reveal = async (n: TreeNode, o: { expand?: unknown }) => {
      calls.push({ id: n.id, expand: o.expand });
      if (n.id === stale.id && failures-- > 0) throw new Error(`TreeError [wharf.explorer] Data tree node not found: 1/${n.id}`);
    };
    await provider.reveal(stale);
    const mine = calls.filter((c) => c.id === stale.id);
    assert.equal(mine.length, 3, JSON.stringify(calls));
    assert.ok(calls.some((c) => c.id === eks.id && c.expand === true), 'the parent is expanded on the way');
    // Another failure is reported at once.
    (view as { reveal: unknown }).reveal = async () => {
      throw new Error('Cannot reveal: the view is disposed');
    };
    await assert.rejects(provider.reveal(stale), /disposed/);
  });

  it('a failed expansion is an error node, not an empty level; Retry reloads the parent', async () => {
    const { provider, b } = setup();
    const [eks] = await provider.getChildren();
    b.failures.set('eksClusterNames', Object.assign(new Error('getaddrinfo ENOTFOUND eks.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' }));
    const [err] = await provider.getChildren(eks);
    assert.ok(err instanceof ErrorNode);
    assert.equal(err.treeItem().label, 'Failed to load');
    assert.equal(err.treeItem().command?.command, 'wharf.explorer.retry');
    b.failures.clear();
    b.eksNames = ['prod'];
    provider.retry(err);
    const kids = await provider.getChildren(eks);
    assert.deepEqual(kids.map((n) => n.treeItem().label), ['prod']);
  });

  it('a collapse aborts the requests of the node and of everything under it', async () => {
    const { provider, b, view } = setup();
    b.eksNames = ['a', 'b'];
    let release!: () => void;
    b.gate = new Promise<void>((r) => (release = r));
    const [eks] = await provider.getChildren();
    await provider.getChildren(eks);
    await tick();
    const describes = b.calls.filter((c) => c.op === 'eksCluster');
    assert.equal(describes.length, 2);
    assert.ok(describes.every((c) => !c.signal!.aborted));
    view.collapse(eks);
    assert.ok(describes.every((c) => c.signal!.aborted), 'describes in flight are cancelled');
    release();
    await tick();
    // The rows were not described; expanding again describes them afresh, with a new signal.
    await provider.getChildren(eks);
    await tick(60);
    assert.equal(b.count('eksCluster'), 4);
    assert.ok(!b.calls.filter((c) => c.op === 'eksCluster').at(-1)!.signal!.aborted);
  });

  it('refresh aborts and lists again; a node refresh keeps the rest', async () => {
    const { provider, b, fired } = setup();
    b.eksNames = ['a'];
    const [eks] = await provider.getChildren();
    await provider.getChildren(eks);
    const first = b.calls.find((c) => c.op === 'eksClusterNames')!;
    provider.refresh(eks);
    assert.ok(first.signal!.aborted);
    assert.deepEqual(fired.at(-1), eks);
    b.eksNames = ['a', 'b'];
    assert.equal((await provider.getChildren(eks)).length, 2);
    assert.equal(b.count('eksClusterNames'), 2);
  });

  it('"Load more" fetches the next page into the same node', async () => {
    const { provider, b } = setup();
    b.eksNames = Array.from({ length: 120 }, (_, i) => `c${i}`);
    const [eks] = await provider.getChildren();
    const kids = await provider.getChildren(eks);
    const more = kids.at(-1) as LoadMoreNode;
    assert.ok(more instanceof LoadMoreNode);
    assert.equal(more.treeItem().command?.command, 'wharf.explorer.loadMore');
    await provider.loadMore(more);
    assert.equal((await provider.getChildren(eks)).length, 120);
  });

  it('re-renders are coalesced into one event, and only for nodes VS Code holds', async () => {
    const { provider, fired, roots, ctx } = setup();
    const stale = new EksClustersNode(undefined, ctx, scope);
    provider.changed(stale);
    await tick(80);
    assert.equal(fired.length, 0, 'never shown: nothing to re-render');
    await provider.getChildren();
    provider.changed(roots[0]);
    provider.changed(roots[0]);
    provider.changed(stale);
    await tick(80);
    assert.deepEqual(fired, [roots[0]]);
  });

  it('watches run while a list is expanded and the view visible, and stop on collapse or when hidden', async () => {
    const started: LiveSpec[] = [];
    const stopped: string[] = [];
    const { provider, b, view, ctx, watches } = setup(started, stopped);
    b.kube.set('pods', []);
    const cluster = new EksClusterNode(undefined, ctx, ref, 'prod');
    const pods = new KubeListNode(cluster, ctx, {
      key: 'pods', label: 'Pods', kind: 'kubePods', cluster: ref, resource: { kind: 'Pod', group: '', version: 'v1', plural: 'pods', namespaced: true },
      row: (p, o, old) => PodNode.reuse(p, ctx, ref, o, old), empty: 'No pods',
    });
    const [empty] = await provider.getChildren(pods);
    assert.equal(empty.treeItem().label, 'No pods');
    assert.deepEqual(watches.active(), ['c:prod/pods']);
    view.setVisible(false);
    assert.deepEqual(watches.active(), []);
    assert.deepEqual(stopped, ['c:prod/pods']);
    view.setVisible(true);
    assert.equal(started.length, 2, 'visible again: the watch restarts');
    view.collapse(pods);
    assert.deepEqual(watches.active(), []);
    assert.equal(stopped.length, 2);
  });

  it('a 401 from a cluster shows the diagnosis node', async () => {
    const { provider, b, ctx } = setup();
    b.failures.set('kubeList', new KubeError({ kind: 'unauthorized', status: 401, message: 'Unauthorized' }));
    const cluster = new EksClusterNode(undefined, ctx, ref, 'prod');
    const pods = new KubeListNode(cluster, ctx, {
      key: 'pods', label: 'Pods', kind: 'kubePods', cluster: ref, resource: { kind: 'Pod', group: '', version: 'v1', plural: 'pods', namespaced: true },
      row: (p, o, old) => PodNode.reuse(p, ctx, ref, o, old), empty: 'No pods',
    });
    const [err] = await provider.getChildren(pods);
    assert.equal(err.treeItem().contextValue, 'error.diagnose.unauthorized');
    assert.equal(err.treeItem().label, 'Not authorized (401)');
  });
});
