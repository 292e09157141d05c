// The Kubernetes actions against the local API server (with controller-manager, scheduler and kwok), through
// Wharf's own KubeClient with EKS tokens: the admin scales a Deployment (the controllers make the pods), restarts its
// rollout (a new ReplicaSet from the restartedAt annotation), deletes a pod (its ReplicaSet replaces it) and a pod
// with grace period 0; the viewer is refused each with a 403 that names verb, resource and namespace, and the
// SelfSubjectAccessReviews that disable the tree's entries say no for the viewer and yes for the admin.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { getEksToken } from '../../src/aws/eks-token';
import { reviewActions, rowFlags } from '../../src/kube/access-review';
import { RESTARTED_AT, deletePod, readAutoscaler, readScale, restartWorkload, scaleWorkload } from '../../src/kube/actions';
import { KubeClient } from '../../src/kube/client';
import { KubeError } from '../../src/kube/errors';
import type { KubeObject } from '../../src/kube/model';
import { RESOURCES } from '../../src/kube/resources';
import { apply } from '../env/kube-api';
import { PRINCIPALS } from '../env/kube';
import { adminCreds, caFile, cluster, server } from './kube-helpers';

const NS = 'wharf-it-actions';

function clientFor(who: keyof typeof PRINCIPALS): KubeClient {
  const p = PRINCIPALS[who];
  const token = async () => (await getEksToken({ clusterName: cluster(), region: 'us-east-1', credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey } })).token;
  return new KubeClient(cluster(), { server: server(), caPem: fs.readFileSync(caFile(), 'utf8') }, { token, renew: token });
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const pods = async (c: KubeClient) => (await c.list(RESOURCES.pods, { namespace: NS, labelSelector: 'app=cart' })).items;
const running = (items: KubeObject[]) => items.filter((p) => (p.status as { phase?: string })?.phase === 'Running' && !(p.metadata as { deletionTimestamp?: string }).deletionTimestamp);

async function refused(p: Promise<unknown>): Promise<KubeError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  assert.ok(e instanceof KubeError, `expected a KubeError, got ${String(e)}`);
  return e;
}

describe('cluster actions on the local API server', () => {
  let admin: KubeClient;
  let viewer: KubeClient;

  before(async () => {
    const c = adminCreds();
    await apply(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await apply(c, `/apis/apps/v1/namespaces/${NS}/deployments`, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'cart' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'cart' } },
        template: { metadata: { labels: { app: 'cart' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
      },
    });
    admin = clientFor('admin');
    viewer = clientFor('viewer');
    await until('the first cart pod to run', async () => (running(await pods(admin)).length === 1 ? true : undefined));
  });

  after(() => {
    admin?.dispose();
    viewer?.dispose();
  });

  it('SelfSubjectAccessReview: the admin may do everything, the viewer nothing, and the rows say so', async () => {
    const a = await reviewActions(admin, NS);
    const v = await reviewActions(viewer, NS);
    assert.deepEqual(a, { scaleDeployments: true, scaleStatefulSets: true, restartDeployments: true, restartStatefulSets: true, restartDaemonSets: true, deletePods: true });
    assert.deepEqual(v, { scaleDeployments: false, scaleStatefulSets: false, restartDeployments: false, restartStatefulSets: false, restartDaemonSets: false, deletePods: false });
    assert.deepEqual(rowFlags('Deployment', v), { noScale: true, noRestart: true });
    assert.deepEqual(rowFlags('Pod', v), { noDelete: true });
    assert.deepEqual(rowFlags('Deployment', a), { noScale: undefined, noRestart: undefined });
  });

  it('the viewer is refused each action with a 403 naming verb, resource and namespace', async () => {
    const scale = await refused(scaleWorkload(viewer, 'Deployment', NS, 'cart', 3));
    assert.deepEqual([scale.failure.kind, scale.failure.verb, scale.failure.resource, scale.failure.namespace, scale.failure.user], ['forbidden', 'patch', 'deployments/scale', NS, PRINCIPALS.viewer.arn]);
    const restart = await refused(restartWorkload(viewer, 'Deployment', NS, 'cart'));
    assert.deepEqual([restart.failure.kind, restart.failure.verb, restart.failure.resource], ['forbidden', 'patch', 'deployments']);
    const name = running(await pods(admin))[0].metadata.name;
    const del = await refused(deletePod(viewer, NS, name));
    assert.deepEqual([del.failure.kind, del.failure.verb, del.failure.resource, del.failure.namespace], ['forbidden', 'delete', 'pods', NS]);
    // Refused means unchanged.
    assert.equal((await readScale(admin, 'Deployment', NS, 'cart')).desired, 1);
  });

  it('the admin scales through the scale subresource; the controllers make the pods', async () => {
    const before = await readScale(admin, 'Deployment', NS, 'cart');
    assert.equal(before.desired, 1);
    const after = await scaleWorkload(admin, 'Deployment', NS, 'cart', 3);
    assert.equal(after.desired, 3);
    await until('three cart pods to run', async () => (running(await pods(admin)).length === 3 ? true : undefined));
    const dep = await admin.get(RESOURCES.deployments, 'cart', NS);
    assert.equal((dep.spec as { replicas: number }).replicas, 3);
  });

  it('rollout restart stamps the template as kubectl does and a new ReplicaSet rolls the pods', async () => {
    const old = new Set(running(await pods(admin)).map((p) => p.metadata.name));
    const stamp = await restartWorkload(admin, 'Deployment', NS, 'cart');
    assert.match(stamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const dep = await admin.get(RESOURCES.deployments, 'cart', NS);
    const annotations = (dep.spec as { template: { metadata: { annotations?: Record<string, string> } } }).template.metadata.annotations;
    assert.equal(annotations?.[RESTARTED_AT], stamp);
    // Strategic merge: the labels the patch did not name are still there.
    assert.deepEqual((dep.spec as { template: { metadata: { labels?: Record<string, string> } } }).template.metadata.labels, { app: 'cart' });
    await until('three new pods, none of the old', async () => {
      const now = running(await pods(admin));
      return now.length === 3 && now.every((p) => !old.has(p.metadata.name)) ? true : undefined;
    }, 90_000);
    const sets = (await admin.list(RESOURCES.replicasets, { namespace: NS, labelSelector: 'app=cart' })).items;
    assert.ok(sets.length >= 2, `a second ReplicaSet (${sets.length})`);
  });

  it('a paused Deployment is not restarted (kubectl\'s rule), and nothing is patched', async () => {
    await admin.request('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/cart`, { body: { spec: { paused: true } } });
    try {
      // The controller writes the status of a paused Deployment, so compare the template, not the resourceVersion.
      const template = async () => JSON.stringify(((await admin.get(RESOURCES.deployments, 'cart', NS)).spec as { template?: unknown }).template);
      const before = await template();
      const e = await refused(restartWorkload(admin, 'Deployment', NS, 'cart'));
      assert.match(e.message, /paused/);
      assert.equal(await template(), before);
    } finally {
      await admin.request('PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/cart`, { body: { spec: { paused: false } } });
    }
  });

  it('deleting a pod: its ReplicaSet replaces it; with grace period 0 it leaves the API at once', async () => {
    const [first, second] = running(await pods(admin));
    await deletePod(admin, NS, first.metadata.name, { uid: first.metadata.uid });
    await until('the pod to be gone and replaced', async () => {
      const now = running(await pods(admin));
      return now.length === 3 && !now.some((p) => p.metadata.name === first.metadata.name) ? true : undefined;
    });
    await deletePod(admin, NS, second.metadata.name, { uid: second.metadata.uid, gracePeriodSeconds: 0 });
    const gone = await admin.get(RESOURCES.pods, second.metadata.name, NS).then(() => false, (e: KubeError) => e.failure.kind === 'not-found');
    assert.ok(gone, 'a grace-period-0 delete removes the pod from the API immediately');
  });

  it('a uid precondition keeps a same-named replacement from being deleted (409)', async () => {
    const [p] = running(await pods(admin));
    const e = await refused(deletePod(admin, NS, p.metadata.name, { uid: 'not-this-pod' }));
    assert.equal(e.failure.kind, 'conflict');
    assert.ok(await admin.get(RESOURCES.pods, p.metadata.name, NS));
  });

  it('the HPA that manages a workload is found before scaling; others and none are told apart', async () => {
    // Its target does not exist, so the HPA controller has nothing to act on while the other tests run.
    await apply(adminCreds(), `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'ledger' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'ledger' }, minReplicas: 2, maxReplicas: 6, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
    });
    // The HPA controller may have written a status (desiredReplicas) by now; the range is what Scale shows.
    const found = await readAutoscaler(admin, 'Deployment', NS, 'ledger');
    assert.deepEqual([found.known, found.hpa?.name, found.hpa?.min, found.hpa?.max], [true, 'ledger', 2, 6]);
    assert.deepEqual(await readAutoscaler(admin, 'Deployment', NS, 'cart'), { known: true });
    assert.deepEqual(await readAutoscaler(viewer, 'StatefulSet', NS, 'ledger'), { known: true }, 'the view role may list HPAs');
  });

  it('a scale conditional on a stale version is refused (409) and changes nothing', async () => {
    const seen = await readScale(admin, 'Deployment', NS, 'cart');
    await scaleWorkload(admin, 'Deployment', NS, 'cart', seen.desired + 1);
    const e = await refused(scaleWorkload(admin, 'Deployment', NS, 'cart', 1, { resourceVersion: seen.resourceVersion }));
    assert.equal(e.failure.kind, 'conflict');
    assert.equal((await readScale(admin, 'Deployment', NS, 'cart')).desired, seen.desired + 1);
    await scaleWorkload(admin, 'Deployment', NS, 'cart', seen.desired);
  });
});
