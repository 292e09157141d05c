// Wharf's own Kubernetes client against a real kube-apiserver, authenticated with EKS tokens that Wharf signs and the
// harness's aws-iam-authenticator-style webhook verifies: paged lists, gets, watches that resume and relist, token
// renewal on 401, the viewer's 403, discovery, and a TLS server name as a tunnel needs it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { getEksToken } from '../../src/aws/eks-token';
import { KubeClient, type TokenSource } from '../../src/kube/client';
import { KubeError } from '../../src/kube/errors';
import { ListWatch, type ListWatchClient } from '../../src/kube/list-watch';
import type { KubeFailure, KubeObject, WatchEvent } from '../../src/kube/model';
import { RESOURCES, servesResource } from '../../src/kube/resources';
import { podSummary } from '../../src/kube/summaries';
import { describe as describeObject, eventFieldSelector } from '../../src/kube/view';
import { requireEnv } from '../env/env';
import { apply, kubeRequest } from '../env/kube-api';
import { PRINCIPALS } from '../env/kube';
import { adminCreds, caFile, cluster, server } from './kube-helpers';

const NS = 'wharf-it-client';
/** A node no kubelet (kwok) runs: pods bound to it stay Pending, so nothing but the test changes them. */
const PARKED = 'wharf-it-parked';
const PODS = 25;

/** Signs real EKS tokens with a test principal's keys; counts renewals. `first` replaces the first token. */
class SigningTokens implements TokenSource {
  renewals = 0;
  private current?: Promise<string>;
  constructor(
    private readonly who: keyof typeof PRINCIPALS,
    private readonly first?: () => Promise<string>,
    private readonly renewWith?: () => Promise<string>,
  ) {}
  token(): Promise<string> {
    return (this.current ??= this.first ? this.first() : sign(this.who));
  }
  renew(): Promise<string> {
    this.renewals++;
    return (this.current = this.renewWith ? this.renewWith() : sign(this.who));
  }
}

async function sign(who: keyof typeof PRINCIPALS, opts: { now?: Date; secret?: string } = {}): Promise<string> {
  const p = PRINCIPALS[who];
  return (await getEksToken({ clusterName: cluster(), region: 'us-east-1', credentials: { accessKeyId: p.accessKeyId, secretAccessKey: opts.secret ?? p.secretAccessKey }, now: opts.now })).token;
}

const client = (tokens: TokenSource = new SigningTokens('admin'), tlsServerName?: string) =>
  new KubeClient(cluster(), { server: server(), caPem: fs.readFileSync(caFile(), 'utf8'), tlsServerName }, tokens);

const parkedPod = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'parked', ...labels } },
  spec: { nodeName: PARKED, tolerations: [{ operator: 'Exists' }], containers: [{ name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27' }] },
});

async function failure(p: Promise<unknown>): Promise<KubeFailure> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof KubeError, `expected a KubeError, got ${String(e)}`);
    return e.failure;
  }
  assert.fail('expected a failure');
}

/** Counts the list and watch calls a ListWatch makes (and the resourceVersions it watches from). */
class Spy implements ListWatchClient {
  lists = 0;
  watchFrom: string[] = [];
  constructor(private readonly c: KubeClient) {}
  list(...a: Parameters<KubeClient['list']>) {
    this.lists++;
    return this.c.list(...a);
  }
  watch(k: Parameters<KubeClient['watch']>[0], o: Parameters<KubeClient['watch']>[1], on: (e: WatchEvent) => void, s: AbortSignal) {
    this.watchFrom.push(o.resourceVersion);
    return this.c.watch(k, o, on, s);
  }
}

/** Compacts the shared etcd at its current revision (etcd's JSON gateway), as the API server does every 5 minutes. */
async function compactEtcd(): Promise<void> {
  const etcd = requireEnv('WHARF_TEST_ETCD_URL');
  const head = (await (await fetch(`${etcd}/v3/kv/range`, { method: 'POST', body: JSON.stringify({ key: Buffer.from('/').toString('base64') }) })).json()) as { header: { revision: string } };
  const r = await fetch(`${etcd}/v3/kv/compaction`, { method: 'POST', body: JSON.stringify({ revision: head.header.revision, physical: true }) });
  assert.equal(r.status, 200, await r.text());
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('KubeClient against a real API server with EKS tokens', () => {
  const admin = client();
  after(() => admin.dispose());

  before(async () => {
    const c = adminCreds();
    await apply(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await apply(c, '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: PARKED, labels: { 'kubernetes.io/hostname': PARKED } } });
    for (let i = 0; i < PODS; i += 5) {
      await Promise.all(Array.from({ length: 5 }, (_, j) => apply(c, `/api/v1/namespaces/${NS}/pods`, parkedPod(`p-${String(i + j).padStart(2, '0')}`))));
    }
  });

  it('lists pods in pages (limit/continue) from one consistent snapshot', async () => {
    const names: string[] = [];
    const rvs = new Set<string>();
    let next: string | undefined;
    let pages = 0;
    do {
      const page = await admin.list(RESOURCES.pods, { namespace: NS, limit: 10, continue: next });
      pages++;
      names.push(...page.items.map((p) => p.metadata.name));
      rvs.add(page.resourceVersion);
      if (pages === 1) assert.equal(page.remaining, PODS - 10, 'remainingItemCount (the server gives it for lists without a selector)');
      next = page.next;
      assert.equal(page.items[0]?.kind, 'Pod');
    } while (next);
    assert.equal(pages, 3);
    assert.equal(names.length, PODS);
    assert.equal(new Set(names).size, PODS);
    assert.equal(rvs.size, 1, 'every page of a paged list is read at the first page\'s resourceVersion');
  });

  it('gets an object and the version; reaches the server by another TLS name (a tunnel)', async () => {
    const p = await admin.get(RESOURCES.pods, 'p-00', NS);
    assert.equal(p.metadata.name, 'p-00');
    assert.equal(podSummary(p).state, 'pending');
    assert.match((await admin.version()).gitVersion, /^v1\.\d+\.\d+/);
    // The harness's serving certificate also names "kubernetes"; a tunnel to 127.0.0.1 checks that name instead.
    const tunnel = client(new SigningTokens('admin'), 'kubernetes');
    assert.ok((await tunnel.get(RESOURCES.namespaces, NS)).metadata.uid);
    tunnel.dispose();
    const wrong = client(new SigningTokens('admin'), 'abc.gr7.us-east-1.eks.amazonaws.com');
    assert.equal((await failure(wrong.version())).kind, 'tls');
    wrong.dispose();
  });

  it('a ListWatch sees ADDED, MODIFIED and DELETED, coalesced', async () => {
    const lw = new ListWatch(admin, RESOURCES.pods, { namespace: NS, pages: Infinity, map: podSummary, coalesceMs: 100 });
    const seen = { added: new Set<string>(), modified: new Set<string>(), deleted: new Set<string>() };
    lw.on('changed', (c) => {
      c.added.forEach((k) => seen.added.add(k));
      c.modified.forEach((k) => seen.modified.add(k));
      c.deleted.forEach((k) => seen.deleted.add(k));
    });
    const listed = new Promise((r) => lw.on('items', r));
    lw.start();
    await listed;
    assert.equal(lw.items.size, PODS);
    await until('the watch to start', () => lw.state === 'watching');
    const c = adminCreds();
    await apply(c, `/api/v1/namespaces/${NS}/pods`, parkedPod('watched'));
    await until('ADDED', () => seen.added.has(`${NS}/watched`));
    const patched = await kubeRequest(c, 'PATCH', `/api/v1/namespaces/${NS}/pods/watched`, { metadata: { labels: { tier: 'gold' } } });
    assert.equal(patched.status, 200);
    await until('MODIFIED', () => seen.modified.has(`${NS}/watched`));
    await kubeRequest(c, 'DELETE', `/api/v1/namespaces/${NS}/pods/watched?gracePeriodSeconds=0`);
    await until('DELETED', () => seen.deleted.has(`${NS}/watched`));
    assert.equal(lw.items.has(`${NS}/watched`), false);
    lw.stop();
  });

  it('resumes from the last resourceVersion after the server ends the watch, and sees later changes', async () => {
    const spy = new Spy(admin);
    const lw = new ListWatch(spy, RESOURCES.pods, { namespace: NS, pages: Infinity, coalesceMs: 50, watchTimeoutSeconds: 2 });
    const added = new Set<string>();
    lw.on('changed', (c) => c.added.forEach((k) => added.add(k)));
    lw.start();
    await until('a second watch (the server ended the first after 2 s)', () => spy.watchFrom.length >= 2, 15_000);
    assert.equal(spy.lists, 1, 'a resumed watch does not list again');
    await apply(adminCreds(), `/api/v1/namespaces/${NS}/pods`, parkedPod('after-resume'));
    await until('the pod made after the resume', () => added.has(`${NS}/after-resume`));
    lw.stop();
    await kubeRequest(adminCreds(), 'DELETE', `/api/v1/namespaces/${NS}/pods/after-resume?gracePeriodSeconds=0`);
  });

  // Events are the one kind the API server serves without its watch cache (DefaultWatchCacheSizes: events 0), so a
  // watch or a continue token older than etcd's compaction meets etcd's own refusal: 410 Gone, as on a busy cluster.
  it('after etcd compacts: a watch from an old resourceVersion gets RELIST, an old continue token 410 Expired, and ListWatch lists again', async () => {
    const c = adminCreds();
    const event = (name: string) => apply(c, `/api/v1/namespaces/${NS}/events`, {
      apiVersion: 'v1', kind: 'Event', metadata: { name }, involvedObject: { kind: 'Pod', namespace: NS, name: 'p-00', apiVersion: 'v1' },
      reason: 'Probe', message: name, type: 'Normal', firstTimestamp: new Date().toISOString(), lastTimestamp: new Date().toISOString(), source: { component: 'wharf-it' },
    });
    for (let i = 0; i < 7; i++) await event(`compact-${i}`);
    const old = await admin.list(RESOURCES.events, { namespace: NS, limit: 3 });
    assert.ok(old.next);
    const spy = new Spy(admin);
    const lw = new ListWatch(spy, RESOURCES.events, { namespace: NS, pageSize: 3, pages: 1, watchTimeoutSeconds: 2 });
    const relisted = new Promise<void>((r) => lw.on('items', () => spy.lists > 1 && r()));
    lw.start();
    await until('watching', () => lw.state === 'watching');
    // Two writes, so the compaction point lies strictly after the old list's next revision.
    await event('compact-after');
    await event('compact-after-2');
    await compactEtcd();

    const events: WatchEvent[] = [];
    await admin.watch(RESOURCES.events, { namespace: NS, resourceVersion: old.resourceVersion, timeoutSeconds: 5 }, (e) => events.push(e), new AbortController().signal);
    assert.deepEqual(events.map((e) => e.type), ['RELIST']);
    const expired = await failure(admin.list(RESOURCES.events, { namespace: NS, limit: 3, continue: old.next }));
    assert.equal(expired.kind, 'gone');
    assert.equal(expired.reason, 'Expired');

    // "Load more" on the ListWatch's own snapshot, whose continue token is now as old: it lists again instead.
    assert.equal(lw.more, true);
    await lw.loadMore();
    await relisted;
    assert.equal(lw.items.size, 6, 'two pages of three, from a new snapshot');
    // As after a long outage: the next resume asks for a resourceVersion etcd no longer has.
    const lists = spy.lists;
    lw.resourceVersion = old.resourceVersion;
    await until('a relist after the 410', () => spy.lists > lists, 15_000);
    await until('watching from the new list', () => lw.state === 'watching' && spy.watchFrom.at(-1) !== old.resourceVersion);
    lw.stop();
  });

  it('an expired token is refused with 401, renewed once, and the request then succeeds', async () => {
    const tokens = new SigningTokens('admin', () => sign('admin', { now: new Date(Date.now() - 16 * 60_000) }));
    const c = client(tokens);
    assert.equal((await c.get(RESOURCES.namespaces, NS)).metadata.name, NS);
    assert.equal(tokens.renewals, 1);
    // The renewed token is kept: no more renewals.
    await c.list(RESOURCES.pods, { namespace: NS, limit: 1 });
    assert.equal(tokens.renewals, 1);
    c.dispose();
  });

  it('a forged token whose renewal is forged too: KubeError unauthorized after exactly one renewal', async () => {
    const forged = () => sign('admin', { secret: 'not-the-secret' });
    const tokens = new SigningTokens('admin', forged, forged);
    const c = client(tokens);
    const f = await failure(c.list(RESOURCES.pods, { namespace: NS }));
    assert.equal(f.kind, 'unauthorized');
    assert.equal(f.status, 401);
    assert.equal(tokens.renewals, 1);
    c.dispose();
  });

  it('the viewer reads pods but is refused secrets: forbidden, naming user, verb, resource and namespace', async () => {
    const viewer = client(new SigningTokens('viewer'));
    assert.ok((await viewer.list(RESOURCES.pods, { namespace: NS, limit: 5 })).items.length > 0);
    const f = await failure(viewer.list(RESOURCES.secrets, { namespace: NS }));
    assert.deepEqual({ kind: f.kind, status: f.status, user: f.user, verb: f.verb, resource: f.resource, namespace: f.namespace }, {
      kind: 'forbidden', status: 403, user: PRINCIPALS.viewer.arn, verb: 'list', resource: 'secrets', namespace: NS,
    });
    viewer.dispose();
  });

  it('discovery: core, apps and autoscaling/v2 are served; Karpenter is not installed', async () => {
    assert.equal(await servesResource(admin, RESOURCES.pods), true);
    assert.equal(await servesResource(admin, RESOURCES.deployments), true);
    assert.equal(await servesResource(admin, RESOURCES.hpas), true);
    assert.equal(await servesResource(admin, RESOURCES.nodepools), false);
    assert.equal(await servesResource(admin, RESOURCES.nodeclaims), false);
  });

  it('abort ends a watch at once', async () => {
    const ac = new AbortController();
    const w = admin.watch(RESOURCES.pods, { namespace: NS, resourceVersion: (await admin.list(RESOURCES.pods, { namespace: NS, limit: 1 })).resourceVersion }, () => undefined, ac.signal);
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 200);
    assert.equal((await failure(w)).kind, 'aborted');
    assert.ok(Date.now() - t0 < 2_000);
  });

  it("Describe: an object's events come from the core v1 events with kubectl's field selector", async () => {
    const pod = await admin.get(RESOURCES.pods, 'p-01', NS);
    await apply(adminCreds(), `/api/v1/namespaces/${NS}/events`, {
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'p-01.failed' },
      involvedObject: { kind: 'Pod', namespace: NS, name: 'p-01', uid: pod.metadata.uid, apiVersion: 'v1' },
      reason: 'FailedMount', message: 'MountVolume.SetUp failed for volume "config"', type: 'Warning', count: 3,
      firstTimestamp: new Date().toISOString(), lastTimestamp: new Date().toISOString(), source: { component: 'kubelet' },
    });
    const events = await admin.list(RESOURCES.events, { namespace: NS, fieldSelector: eventFieldSelector(pod) });
    assert.deepEqual(events.items.map((e) => e.reason), ['FailedMount']);
    assert.match(describeObject(pod, events.items), /\| Warning \| FailedMount \|/);
  });

  it('keeps every object whole: a list item is a usable KubeObject', async () => {
    const page = await admin.list(RESOURCES.pods, { namespace: NS, limit: 1 });
    const obj: KubeObject = page.items[0];
    assert.equal(obj.apiVersion, 'v1');
    assert.ok(obj.metadata.uid && obj.metadata.resourceVersion);
  });
});
