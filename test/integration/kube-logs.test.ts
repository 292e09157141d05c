// Pod logs against a real kube-apiserver, with kwok serving the container logs on the kubelet port, read with a
// real EKS token that the harness's webhook verifies: tail (0 included), since, previous, timestamps, follow that
// survives a dropped connection without repeating a line, a deleted pod ending a followed stream, workload logs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { getEksToken } from '../../src/aws/eks-token';
import { KubeClient, type TokenSource } from '../../src/kube/client';
import { streamOpener } from '../../src/kube/log-transport';
import { PodLogStream, podLogs, type PodLogOptions } from '../../src/kube/logs';
import { workloadLogs } from '../../src/kube/workload-logs';
import type { LogLine } from '../../src/logs/line';
import type { LogEmitter, LogEnd } from '../../src/logs/stream';
import { apply, kubeRequest } from '../env/kube-api';
import { FIRST_NODE } from '../env/kwok';
import { PRINCIPALS } from '../env/kube';
import { adminCreds, caFile, cluster, server } from './kube-helpers';

const NS = 'wharf-it-logs';

class Tokens implements TokenSource {
  private current?: Promise<string>;
  token() {
    return (this.current ??= this.renew());
  }
  async renew() {
    const p = PRINCIPALS.viewer;
    return (this.current = getEksToken({ clusterName: cluster(), region: 'us-east-1', credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey } }).then((t) => t.token));
  }
}

let client: KubeClient;

const pod = (name: string, labels: Record<string, string> = {}, containers = ['app']) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'logs-it', ...labels } },
  spec: { nodeName: FIRST_NODE, tolerations: [{ operator: 'Exists' }], containers: containers.map((c) => ({ name: c, image: 'public.ecr.aws/nginx/nginx:1.27' })) },
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function running(name: string) {
  await until(`${name} Running`, async () => ((await kubeRequest<{ status?: { phase?: string } }>(adminCreds(), 'GET', `/api/v1/namespaces/${NS}/pods/${name}`)).body.status?.phase === 'Running' ? true : undefined));
}

/** Collects a stream until it ends (or `until` says enough). */
function collect(s: LogEmitter, stopWhen?: (lines: LogLine[]) => boolean) {
  const lines: LogLine[] = [];
  const notices: string[] = [];
  const ended = new Promise<LogEnd>((resolve) => s.on('end', resolve));
  const enough = new Promise<void>((resolve) => {
    s.on('line', (l) => {
      lines.push(l);
      if (stopWhen?.(lines)) resolve();
    });
  });
  s.on('notice', (n) => notices.push(n));
  return { lines, notices, ended, enough };
}

const open = (o: Partial<PodLogOptions> & { pod: string }) => podLogs(client, { namespace: NS, ...o });

describe('pod logs (kube-apiserver + kwok)', () => {
  before(async () => {
    client = new KubeClient(cluster(), { server: server(), caPem: fs.readFileSync(caFile(), 'utf8') }, new Tokens());
    await apply(adminCreds(), '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    for (const n of ['web-1', 'web-2']) await apply(adminCreds(), `/api/v1/namespaces/${NS}/pods`, pod(n, { tier: 'web' }));
    await running('web-1');
    await running('web-2');
  });
  after(() => client.dispose());

  it('reads the whole log without timestamps in the text, each line timed', async () => {
    const c = collect(open({ pod: 'web-1' }));
    const end = await c.ended;
    assert.equal(end.kind, 'complete');
    assert.equal(c.lines.length, 20);
    assert.equal(c.lines[0].text, 'INFO request 1 served in 10 ms');
    assert.ok(c.lines.every((l, i) => typeof l.time === 'number' && (i === 0 || l.time >= c.lines[i - 1].time!)));
  });

  it('tails N lines, and 0 lines (sent, not dropped)', async () => {
    const three = collect(open({ pod: 'web-1', tailLines: 3 }));
    await three.ended;
    assert.deepEqual(three.lines.map((l) => l.text), ['INFO request 18 served in 27 ms', 'INFO request 19 served in 28 ms', 'INFO request 20 served in 29 ms']);
    const none = collect(open({ pod: 'web-1', tailLines: 0 }));
    assert.equal((await none.ended).kind, 'complete');
    assert.equal(none.lines.length, 0);
  });

  it('keeps the server timestamps in the text when asked, and honours sinceTime', async () => {
    const c = collect(open({ pod: 'web-1', timestamps: true }));
    await c.ended;
    const stamp = c.lines[10].text.split(' ')[0];
    assert.match(stamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const since = collect(open({ pod: 'web-1', sinceTime: new Date(c.lines[10].time!).toISOString().replace(/\.\d+Z$/, 'Z') }));
    await since.ended;
    assert.equal(since.lines[0].text, c.lines[10].text.slice(stamp.length + 1));
    assert.equal(since.lines.length, 10);
  });

  it('reads the previous run of a crashed container', async () => {
    await apply(adminCreds(), `/api/v1/namespaces/${NS}/pods`, pod('crashy', {}, ['recommender']));
    await running('crashy');
    const c = collect(open({ pod: 'crashy', container: 'recommender', previous: true }));
    await c.ended;
    assert.match(c.lines[0].text, /attempt 7/);
  });

  it('says so when the pod does not exist', async () => {
    const end = await collect(open({ pod: 'nope' })).ended;
    assert.equal(end.kind, 'failed');
    assert.match(end.reason, /does not exist/);
  });

  it('follows, and a dropped connection reconnects from the last timestamp without repeating or losing a line', async () => {
    const opened: import('node:http').IncomingMessage[] = [];
    const queries: Record<string, string | undefined>[] = [];
    const real = streamOpener(client);
    const s = new PodLogStream(client, { namespace: NS, pod: 'web-2', follow: true, tailLines: 12, reconnectDelayMs: 50 }, async (p, q, sig) => {
      queries.push(q);
      const res = await real(p, q, sig);
      opened.push(res);
      return res;
    });
    const c = collect(s, (l) => l.length >= 12);
    await c.enough;
    // Drop the connection under the stream, as a network failure would.
    opened[0].destroy();
    await until('a reconnect', async () => (s.connections >= 2 && opened.length >= 2 ? true : undefined));
    await new Promise((r) => setTimeout(r, 500));
    s.stop();
    assert.equal(queries[0].tailLines, '12');
    assert.equal(queries[1].tailLines, undefined);
    assert.match(queries[1].sinceTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const texts = c.lines.map((l) => l.text);
    assert.equal(new Set(texts).size, texts.length, `no line twice: ${texts.join(' | ')}`);
    assert.equal(texts.length, 12);
    assert.ok(c.notices.some((n) => /reconnecting from/.test(n)), c.notices.join('; '));
    assert.equal(s.connections, 2, 'the reconnected stream stays open while quiet: not taken for another drop');
    assert.equal((await c.ended).kind, 'stopped');
  });

  it('ends a followed stream with a clear reason when its pod is deleted', async () => {
    await apply(adminCreds(), `/api/v1/namespaces/${NS}/pods`, pod('doomed'));
    await running('doomed');
    const s = open({ pod: 'doomed', follow: true, tailLines: 2 });
    const c = collect(s, (l) => l.length >= 2);
    await c.enough;
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(s.connections, 1, 'a quiet followed stream is not reconnected');
    const t0 = Date.now();
    await kubeRequest(adminCreds(), 'DELETE', `/api/v1/namespaces/${NS}/pods/doomed`, { gracePeriodSeconds: 0 });
    const end = await c.ended;
    assert.equal(end.kind, 'deleted');
    assert.match(end.reason, /the pod wharf-it-logs\/doomed was deleted/);
    assert.ok(Date.now() - t0 < 10_000);
  });
});

describe('workload logs (kube-apiserver + controllers + kwok)', () => {
  const DEPLOY = 'wl-logs';
  before(async () => {
    client = new KubeClient(cluster(), { server: server(), caPem: fs.readFileSync(caFile(), 'utf8') }, new Tokens());
    await apply(adminCreds(), '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await apply(adminCreds(), `/apis/apps/v1/namespaces/${NS}/deployments`, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: DEPLOY },
      spec: { replicas: 3, selector: { matchLabels: { app: DEPLOY } }, template: { metadata: { labels: { app: DEPLOY } }, spec: { nodeSelector: { 'kubernetes.io/hostname': FIRST_NODE }, tolerations: [{ operator: 'Exists' }], containers: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27' }] } } },
    });
    await until('3 Running pods', async () => {
      const pods = (await kubeRequest<{ items: { status?: { phase?: string } }[] }>(adminCreds(), 'GET', `/api/v1/namespaces/${NS}/pods?labelSelector=app%3D${DEPLOY}`)).body.items;
      return pods.filter((p) => p.status?.phase === 'Running').length === 3 ? true : undefined;
    }, 60_000);
  });
  after(() => client.dispose());

  it('interleaves every pod in time order with pod/container prefixes', async () => {
    const s = workloadLogs(client, { namespace: NS, kind: 'Deployment', name: DEPLOY, tailLines: 2, windowMs: 200 });
    const c = collect(s);
    assert.equal((await c.ended).kind, 'complete');
    assert.equal(c.lines.length, 6);
    assert.equal(new Set(c.lines.map((l) => l.source)).size, 3);
    assert.ok(c.lines.every((l) => new RegExp(`^${DEPLOY}-[a-z0-9]+-[a-z0-9]+/web$`).test(l.source ?? '')), c.lines.map((l) => l.source).join());
    assert.ok(c.lines.every((l, i) => i === 0 || l.time! >= c.lines[i - 1].time!), 'time order');
    assert.deepEqual(c.lines.slice(0, 3).map((l) => l.text), Array(3).fill('INFO request 19 served in 28 ms'));
  });

  it('follows at most maxStreams at once, and a deleted pod makes room for a waiting or new one', async () => {
    const s = workloadLogs(client, { namespace: NS, kind: 'Deployment', name: DEPLOY, follow: true, tailLines: 1, maxStreams: 2, windowMs: 200 });
    const c = collect(s, (l) => l.length >= 2);
    await c.enough;
    assert.equal(s.active.length, 2);
    assert.ok(c.notices.some((n) => /showing 2 container streams at once/.test(n)), c.notices.join('; '));
    const victim = s.active[0].split('/')[0];
    await kubeRequest(adminCreds(), 'DELETE', `/api/v1/namespaces/${NS}/pods/${victim}`, { gracePeriodSeconds: 0 });
    await until('the deleted pod noticed and its slot reused', async () =>
      (c.notices.some((n) => n.includes(`${victim}/web: the pod ${NS}/${victim} was deleted`)) && s.active.length === 2 && !s.active.some((k) => k.startsWith(victim)) ? true : undefined), 20_000);
    s.stop();
    assert.equal((await c.ended).kind, 'stopped');
  });
});
