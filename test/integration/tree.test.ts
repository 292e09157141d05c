// The explorer's tree over the real parts: the local AWS (moto behind the stand-in) through AwsSession and the
// adapters, and the local kube-apiserver through KubeClient with in-process EKS tokens, reached through
// `wharf.eks.endpointOverrides` as the demo does. Browses from the roots to a pod's containers and to a blue/green
// service's task sets, keeps a pod list current with a watch, and shows the viewer's 403 as an error node.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { apply } from '../env/kube-api';
import { PRINCIPALS } from '../env/kube';
import { FIRST_NODE } from '../env/kwok';
import { requireEnv } from '../env/env';
import { DEMO_ESTATE, ESTATE_EKS, seedAws } from '../env/seed-aws';
import { liveBackend, liveStarter } from '../../src/views/backend-live';
import { Connections } from '../../src/views/connections';
import type { TreeContext, TreeNode } from '../../src/views/node';
import { ErrorNode } from '../../src/views/nodes/error';
import { rootNodes } from '../../src/views/roots';
import { WatchManager } from '../../src/views/watch';
import { adminCreds, caFile, cluster, server } from './kube-helpers';

const NS = 'wharf-it-tree';
const signal = () => AbortSignal.timeout(30_000);
const label = (n: TreeNode) => n.treeItem().label;

async function child(node: TreeNode, name: string | RegExp): Promise<TreeNode> {
  const kids = await node.children!(signal());
  const found = kids.find((k) => (typeof name === 'string' ? label(k) === name : name.test(label(k))));
  assert.ok(found, `${label(node)} has ${String(name)}: ${kids.map(label).join(', ')}`);
  return found;
}

function as(principal: keyof typeof PRINCIPALS): { conn: Connections; ctx: TreeContext & { changed: (n: TreeNode) => void }; changed: TreeNode[] } {
  // The default credential chain reads the environment; each identity gets its own Connections (as a profile switch).
  process.env.AWS_ACCESS_KEY_ID = PRINCIPALS[principal].accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = PRINCIPALS[principal].secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  const overrides = { [cluster()]: { url: server(), ca: fs.readFileSync(caFile(), 'utf8') } };
  const conn = new Connections({ endpointOverrides: () => overrides });
  const changed: TreeNode[] = [];
  const ctx = { backend: liveBackend(conn), changed: (n: TreeNode) => void changed.push(n), today: () => new Date('2026-12-02T12:00:00Z') };
  return { conn, ctx, changed };
}

describe('the tree against the local AWS and Kubernetes', { timeout: 300_000 }, () => {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  const open: Connections[] = [];

  before(async () => {
    requireEnv('AWS_ENDPOINT_URL');
    // The test cluster as an EKS cluster in us-east-1 (shop-prod's shape under the local API server's name).
    await seedAws(requireEnv('WHARF_TEST_AWS_ENDPOINT'), { eks: [{ ...ESTATE_EKS[0], name: cluster(), region: 'us-east-1' }], ecs: DEMO_ESTATE.ecs });
    const c = adminCreds();
    await apply(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await apply(c, `/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug' }, spec: { nodeName: FIRST_NODE, containers: [{ name: 'shell', image: 'public.ecr.aws/docker/library/busybox:1.36' }] } });
  });
  after(() => {
    for (const c of open) c.dispose();
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  });

  it('browses from the roots to a pod and its containers, and names appear before details', async () => {
    const { conn, ctx, changed } = as('admin');
    open.push(conn);
    const [eks, ecs] = await rootNodes(ctx, [], ['us-east-1']);
    assert.deepEqual([label(eks), label(ecs)], ['EKS', 'ECS']);
    const row = await child(eks, cluster());
    assert.equal(row.treeItem().description, '…');
    for (let i = 0; i < 100 && !changed.includes(row); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(row.treeItem().description!, /^1\.33 · /);
    const k8s = await child(row, 'Kubernetes');
    const nodes = await child(k8s, 'Nodes');
    assert.ok((await nodes.children!(signal())).some((n) => label(n) === FIRST_NODE));
    const ns = await child(await child(k8s, 'Namespaces'), NS);
    const pod = await child(await child(ns, 'Pods'), 'debug');
    assert.match(pod.treeItem().contextValue, /^pod\b/);
    const [shell] = await pod.children!(signal());
    assert.equal(label(shell), 'shell');
    assert.match(shell.treeItem().description!, /busybox:1\.36$/);
  });

  it('an expanded pod list stays current through a watch', async () => {
    const { conn, ctx } = as('admin');
    open.push(conn);
    const [eks] = await rootNodes(ctx, [], ['us-east-1']);
    const k8s = await child(await child(eks, cluster()), 'Kubernetes');
    const pods = await child(await child(await child(k8s, 'Namespaces'), NS), 'Pods');
    await pods.children!(signal());
    const applied = new Promise<void>((resolve) => {
      const spec = pods.live!()!;
      const watches = new WatchManager(liveStarter(conn));
      const original = spec.apply;
      spec.apply = (items, more) => {
        original(items, more);
        if (items.some((o) => o.metadata.name === 'added-later')) {
          watches.dispose();
          resolve();
        }
      };
      watches.setVisible(true);
      watches.expand(pods.id, () => spec);
    });
    await new Promise((r) => setTimeout(r, 500));
    await apply(adminCreds(), `/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'added-later' }, spec: { nodeName: FIRST_NODE, containers: [{ name: 'c', image: 'busybox:1.36' }] } });
    await applied;
    assert.ok((await pods.children!(signal())).some((n) => label(n) === 'added-later'));
  });

  it('a blue/green ECS service shows its task sets', async () => {
    const { conn, ctx } = as('admin');
    open.push(conn);
    const [, ecs] = await rootNodes(ctx, [], ['us-east-1']);
    const clusters = await ecs.children!(signal());
    assert.ok(clusters.length > 0 && !(clusters[0] instanceof ErrorNode), clusters.map(label).join(', '));
    let found: TreeNode | undefined;
    for (const c of clusters) {
      for (const s of await c.children!(signal())) if (/\.external\b/.test(s.treeItem().contextValue)) found = s;
    }
    assert.ok(found, 'an EXTERNAL service in the demo estate');
    const kids = await found.children!(signal());
    assert.ok(kids.some((k) => /^ecsTaskSet\b/.test(k.treeItem().contextValue)), kids.map(label).join(', '));
  });

  it("the viewer's 403 is an error node that opens the diagnosis", async () => {
    const { conn, ctx } = as('viewer');
    open.push(conn);
    const [eks] = await rootNodes(ctx, [], ['us-east-1']);
    const k8s = await child(await child(eks, cluster()), 'Kubernetes');
    const [err] = await (await child(k8s, 'Nodes')).children!(signal()).catch((e) => [new ErrorNode(k8s, ctx, e)]);
    assert.ok(err instanceof ErrorNode, label(err));
    assert.equal(err.treeItem().contextValue, 'error.diagnose.forbidden');
    assert.equal(err.treeItem().command?.command, 'wharf.eks.showAuthDiagnosis');
  });
});
