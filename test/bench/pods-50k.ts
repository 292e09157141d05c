// One namespace with POD_COUNT (default 50,000) pods on a real kube-apiserver: how fast the explorer's first page of
// 500 arrives, how much memory the list of summaries holds, and how responsive the event loop stays while every page
// loads and while a watch delivers a burst of changes.
//
//   npx tsx test/env/with-stack.ts kube -- node --expose-gc --import tsx test/bench/pods-50k.ts
//   env: POD_COUNT (50000), PATCHES (2000), SEED_VIA (etcd | api), SEED_SAMPLE (1000), SEED_CONCURRENCY (48),
//        PROBE_QUERIES=1 (also time the first page asked for with the other resourceVersion semantics)
//
// Pods are created directly (no controller) and bound to a node that no kubelet runs, so they stay Pending and only
// the API server and etcd work; they tolerate every taint so the node lifecycle controller leaves them alone. Each is
// shaped like a real workload pod (labels, annotations, two containers with env, probes, resources, mounts). The first
// SEED_SAMPLE are created through the API (its rate is printed); the rest are written into etcd (see seedEtcd), since
// creating 50,000 through the API takes about 25 minutes on this busy 2-core machine.
// Wharf's side runs as the extension host would: a KubeClient with a real EKS token, a ListWatch of podSummary.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { getEksToken } from '../../src/aws/eks-token';
import { KubeClient } from '../../src/kube/client';
import { ListWatch } from '../../src/kube/list-watch';
import { RESOURCES } from '../../src/kube/resources';
import { podSummary } from '../../src/kube/summaries';
import { requireEnv } from '../env/env';
import { PRINCIPALS } from '../env/kube';

const N = Number(process.env.POD_COUNT ?? 50_000);
const PATCHES = Number(process.env.PATCHES ?? 2_000);
const CONCURRENCY = Number(process.env.SEED_CONCURRENCY ?? 48);
/** etcd (default when the stack gives its URL): a SEED_SAMPLE through the API for its rate, the rest into etcd. */
const VIA = process.env.SEED_VIA ?? 'etcd';
const SAMPLE = Number(process.env.SEED_SAMPLE ?? 1_000);
const NS = 'bench-pods';
const NODE = 'wharf-bench-parked';

const server = requireEnv('WHARF_TEST_KUBE_SERVER');
const ca = fs.readFileSync(requireEnv('WHARF_TEST_KUBE_CA_FILE'));
const adminTls = { ca, cert: fs.readFileSync(requireEnv('WHARF_TEST_KUBE_ADMIN_CERT_FILE')), key: fs.readFileSync(requireEnv('WHARF_TEST_KUBE_ADMIN_KEY_FILE')) };
const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ...adminTls });

function admin(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, server), { method, agent, headers: { accept: 'application/json', ...(data ? { 'content-type': contentType, 'content-length': data.length } : {}) }, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timeout`)));
    req.on('error', reject);
    req.end(data);
  });
}

const podBody = (i: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `web-${i.toString(36).padStart(4, '0')}-${(i * 7919 % 99991).toString(36)}`,
    labels: { app: `svc-${i % 200}`, 'app.kubernetes.io/part-of': 'shop', 'pod-template-hash': (i % 997).toString(16), team: ['checkout', 'cart', 'search', 'catalog'][i % 4], version: `v${1 + (i % 5)}` },
    annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090', 'kubectl.kubernetes.io/restartedAt': '2026-12-01T10:00:00Z' },
  },
  spec: {
    nodeName: NODE,
    tolerations: [{ operator: 'Exists' }],
    serviceAccountName: 'default',
    containers: [
      {
        name: 'app',
        image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/svc-${i % 200}:2.4.${i % 17}`,
        ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }],
        env: [{ name: 'AWS_REGION', value: 'us-east-1' }, { name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
        livenessProbe: { httpGet: { path: '/livez', port: 8080 }, periodSeconds: 10, failureThreshold: 6 },
        volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
      },
      { name: 'envoy', image: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod', resources: { requests: { cpu: '50m', memory: '64Mi' } } },
    ],
    volumes: [{ name: 'config', emptyDir: {} }],
  },
});

/**
 * The fast path: the pods written straight into etcd under the API server's prefix, as JSON (which its storage
 * decoder reads besides protobuf), 100 per transaction. The API server then sees them exactly as if created, through
 * its own etcd watch. Creating 50,000 pods through the API on a busy 2-core machine takes tens of minutes.
 */
async function seedEtcd(etcd: string, cluster: string, from: number): Promise<void> {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const created = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  for (let i = from; i < N; ) {
    const ops = [];
    for (const end = Math.min(N, i + 100); i < end; i++) {
      const pod = podBody(i) as ReturnType<typeof podBody> & { metadata: Record<string, unknown>; status?: unknown };
      Object.assign(pod.metadata, { namespace: NS, uid: randomUUID(), creationTimestamp: created });
      Object.assign(pod.spec, { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 });
      pod.status = { phase: 'Pending', qosClass: 'Burstable' };
      ops.push({ requestPut: { key: b64(`/wharf/${cluster}/registry/pods/${NS}/${pod.metadata.name}`), value: b64(JSON.stringify(pod)) } });
    }
    const r = await fetch(`${etcd}/v3/kv/txn`, { method: 'POST', body: JSON.stringify({ success: ops }) });
    if (!r.ok) throw new Error(`etcd txn: ${r.status} ${await r.text()}`);
  }
}

async function seed(): Promise<{ seconds: number; created: number; avgBytes: number; via: string }> {
  await admin('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await admin('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE, labels: { 'kubernetes.io/hostname': NODE } } });
  const have = JSON.parse((await admin('GET', `/api/v1/namespaces/${NS}/pods?limit=1`)).text) as { items: unknown[]; metadata: { remainingItemCount?: number } };
  const existing = have.items.length + (have.metadata.remainingItemCount ?? 0);
  const avgBytes = JSON.stringify(podBody(1)).length;
  if (existing >= N) return { seconds: 0, created: 0, avgBytes, via: 'already there' };
  const t0 = Date.now();
  const etcd = process.env.WHARF_TEST_ETCD_URL;
  if (VIA === 'etcd' && etcd) {
    // Time the API path on a sample first, so the figure for creating through the API server is measured too.
    const sample = Math.min(SAMPLE, N - existing);
    await createViaApi(existing, existing + sample);
    const apiSeconds = (Date.now() - t0) / 1000;
    console.log(`[bench] seeding through the API: ${sample} pods in ${apiSeconds.toFixed(1)} s (${Math.round(sample / apiSeconds)}/s, so ${N} would take ~${Math.round(N / (sample / apiSeconds) / 60)} min); the rest straight into etcd`);
    const t1 = Date.now();
    await seedEtcd(etcd, requireEnv('WHARF_TEST_KUBE_CLUSTER'), existing + sample);
    // Until the API server's watch cache has them all, lists would race it.
    for (;;) {
      const l = JSON.parse((await admin('GET', `/api/v1/namespaces/${NS}/pods?limit=1`)).text) as { items: unknown[]; metadata: { remainingItemCount?: number } };
      if (l.items.length + (l.metadata.remainingItemCount ?? 0) >= N) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    return { seconds: (Date.now() - t1) / 1000, created: N - existing - sample, avgBytes, via: 'etcd' };
  }
  await createViaApi(existing, N);
  return { seconds: (Date.now() - t0) / 1000, created: N - existing, avgBytes, via: 'the API' };
}

async function createViaApi(from: number, to: number): Promise<void> {
  const t0 = Date.now();
  const existing = from;
  let next = existing;
  let done = 0;
  const progress = setInterval(() => process.stderr.write(`\r[seed] ${existing + done}/${to} pods, ${Math.round(done / ((Date.now() - t0) / 1000))}/s   `), 5000);
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < to) {
      const i = next++;
      for (let attempt = 0; ; attempt++) {
        const r = await admin('POST', `/api/v1/namespaces/${NS}/pods`, podBody(i)).catch((e: Error) => ({ status: 0, text: e.message }));
        if (r.status < 300 || r.status === 409) break;
        if (attempt > 5) throw new Error(`seeding pod ${i}: ${r.status} ${r.text.slice(0, 200)}`);
        await new Promise((res) => setTimeout(res, 200 * (attempt + 1)));
      }
      done++;
    }
  }));
  clearInterval(progress);
  process.stderr.write('\n');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
const ms = (ns: number) => Math.round(ns / 1e5) / 10;
function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

async function main(): Promise<void> {
  const cluster = requireEnv('WHARF_TEST_KUBE_CLUSTER');
  console.log(`[bench] pods-50k: ${N} pods in namespace ${NS}, ${PATCHES} patches; node ${process.version}, ${(globalThis as { gc?: unknown }).gc ? 'gc exposed' : 'run with --expose-gc for exact memory figures'}`);
  const seeded = await seed();
  console.log(`[bench] seeding: ${seeded.created} pods through ${seeded.via} in ${seeded.seconds.toFixed(1)} s (${seeded.created ? Math.round(seeded.created / seeded.seconds) : 0}/s), pod JSON ~${seeded.avgBytes} B`);

  const keys = { accessKeyId: PRINCIPALS.admin.accessKeyId, secretAccessKey: PRINCIPALS.admin.secretAccessKey };
  const tokens = { token: async () => (await getEksToken({ clusterName: cluster, region: 'us-east-1', credentials: keys })).token, renew: async () => (await getEksToken({ clusterName: cluster, region: 'us-east-1', credentials: keys })).token };

  // Pods that appear at once make the API server's watch cache, the controller-manager's and the scheduler's informers
  // decode every one of them; until they have, any request waits on that CPU. Measure the steady state, and say how
  // long settling took.
  {
    const probe = new KubeClient(cluster, { server, caPem: ca.toString('utf8') }, tokens);
    const t0 = Date.now();
    const recent: number[] = [];
    while (Date.now() - t0 < 180_000) {
      const t = performance.now();
      await probe.list(RESOURCES.pods, { namespace: NS, limit: 500 });
      recent.push(performance.now() - t);
      if (recent.length >= 3 && Math.max(...recent.slice(-3)) < 1000 && Math.max(...recent.slice(-3)) < 2 * Math.min(...recent.slice(-3))) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    probe.dispose();
    console.log(`[bench] API server settled after ${((Date.now() - t0) / 1000).toFixed(0)} s (first-page times while settling: ${recent.map((x) => x.toFixed(0)).join(', ')} ms)`);
  }

  // First page of 500, as the tree asks when a namespace's Pods expand: a cold client (TLS handshake, token), then warm.
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    const c = new KubeClient(cluster, { server, caPem: ca.toString('utf8') }, tokens);
    const t = performance.now();
    const page = await c.list(RESOURCES.pods, { namespace: NS, limit: 500 });
    cold.push(performance.now() - t);
    if (page.items.length !== Math.min(500, N)) throw new Error(`first page had ${page.items.length} pods`);
    c.dispose();
  }
  const client = new KubeClient(cluster, { server, caPem: ca.toString('utf8') }, tokens);
  const warm: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    await client.list(RESOURCES.pods, { namespace: NS, limit: 500 });
    warm.push(performance.now() - t);
  }
  // First page to summaries on screen: list + 500 podSummary.
  const t1 = performance.now();
  const first = await client.list(RESOURCES.pods, { namespace: NS, limit: 500 });
  first.items.map((p) => podSummary(p));
  const firstRows = performance.now() - t1;
  console.log(`[bench] first page of 500: median ${median(cold).toFixed(0)} ms cold client (TLS + token), ${median(warm).toFixed(0)} ms warm; to 500 summaries ${firstRows.toFixed(0)} ms`);

  if (process.env.PROBE_QUERIES === '1') {
    // Where the first page's time goes on the server: the same page asked for in the ways the API allows.
    const variants: [string, Record<string, string>][] = [
      ['limit=500 (consistent read)', { limit: '500' }],
      ['limit=500&resourceVersion=0', { limit: '500', resourceVersion: '0' }],
      ['limit=500&resourceVersion=<list RV>&resourceVersionMatch=NotOlderThan', { limit: '500', resourceVersion: first.resourceVersion, resourceVersionMatch: 'NotOlderThan' }],
      ['limit=500&resourceVersion=<list RV>&resourceVersionMatch=Exact', { limit: '500', resourceVersion: first.resourceVersion, resourceVersionMatch: 'Exact' }],
    ];
    for (const [label, query] of variants) {
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const r = await client.request<{ items?: unknown[]; rows?: unknown[] }>('GET', `/api/v1/namespaces/${NS}/pods`, { query });
        times.push(performance.now() - t);
        count = (r.items ?? r.rows ?? []).length;
      }
      console.log(`[bench] probe ${label}: median ${median(times).toFixed(0)} ms (${count} items)`);
    }
  }

  // The machine's own noise: lag with nothing to do (2 cores shared with other work show up here, not in Wharf).
  const idle = monitorEventLoopDelay({ resolution: 10 });
  idle.enable();
  await new Promise((r) => setTimeout(r, 3000));
  idle.disable();
  console.log(`[bench] event-loop lag idle (baseline): p50 ${ms(idle.percentile(50))} ms, p99 ${ms(idle.percentile(99))} ms; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);

  // Every page into a ListWatch of summaries, as an expanded node that loaded them all; then a burst of changes.
  gc();
  const before = process.memoryUsage();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const lw = new ListWatch(client, RESOURCES.pods, { namespace: NS, pages: Infinity, map: podSummary, coalesceMs: 250 });
  const tList = performance.now();
  let firstItems = 0;
  const listed = new Promise<void>((resolve) =>
    lw.on('items', (s) => {
      if (!firstItems) firstItems = performance.now() - tList;
      if (!s.more) resolve();
    }),
  );
  lw.start();
  await listed;
  const listSeconds = (performance.now() - tList) / 1000;
  lag.disable();
  const pagingLag = { p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max) };
  gc();
  const held = process.memoryUsage();
  console.log(`[bench] all ${lw.items.size} pods as summaries: ${listSeconds.toFixed(1)} s (${Math.ceil(N / 500)} pages; first page in the tree after ${firstItems.toFixed(0)} ms)`);
  console.log(`[bench] event-loop lag while paging: p50 ${pagingLag.p50} ms, p99 ${pagingLag.p99} ms, max ${pagingLag.max} ms`);
  console.log(`[bench] memory held for ${lw.items.size} summaries: heap +${mb(held.heapUsed - before.heapUsed)} MB, RSS +${mb(held.rss - before.rss)} MB (heap ${mb(held.heapUsed)} MB, RSS ${mb(held.rss)} MB)`);

  // A burst: PATCHES label patches from a worker thread (its own event loop, so the sender's work is not measured).
  await new Promise((r) => setTimeout(r, 1000));
  const names = [...lw.items.values()].slice(0, PATCHES).map((s) => s.name);
  let modified = 0;
  let refreshes = 0;
  const target = new Set(names.map((n) => `${NS}/${n}`));
  const seenMods = new Set<string>();
  let allSeen!: () => void;
  const delivered = new Promise<void>((r) => (allSeen = r));
  lw.on('changed', (c) => {
    refreshes++;
    for (const k of c.modified) {
      modified++;
      if (target.has(k)) seenMods.add(k);
    }
    if (seenMods.size >= target.size) allSeen();
  });
  const burstLag = monitorEventLoopDelay({ resolution: 10 });
  burstLag.enable();
  const tBurst = performance.now();
  const worker = new Worker(
    `const https = require('node:https'); const { workerData: w, parentPort } = require('node:worker_threads');
     const agent = new https.Agent({ keepAlive: true, maxSockets: 32, ca: w.ca, cert: w.cert, key: w.key });
     const patch = (name) => new Promise((res, rej) => { const body = Buffer.from(JSON.stringify({ metadata: { labels: { bench: 'b' + Date.now() } } }));
       const req = https.request(new URL('/api/v1/namespaces/' + w.ns + '/pods/' + name, w.server), { method: 'PATCH', agent, headers: { 'content-type': 'application/merge-patch+json', 'content-length': body.length } }, (r) => { r.resume(); r.on('end', res); });
       req.on('error', rej); req.end(body); });
     let i = 0; Promise.all(Array.from({ length: 32 }, async () => { while (i < w.names.length) await patch(w.names[i++]); })).then(() => parentPort.postMessage('done'));`,
    { eval: true, workerData: { names, ns: NS, server, ca: adminTls.ca, cert: adminTls.cert, key: adminTls.key } },
  );
  const sent = new Promise<number>((r) => worker.once('message', () => r(performance.now() - tBurst)));
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 120_000).unref());
  const sentMs = await sent;
  const outcome = await Promise.race([delivered.then(() => 'ok' as const), timeout]);
  const burstMs = performance.now() - tBurst;
  burstLag.disable();
  await worker.terminate();
  console.log(`[bench] watch burst: ${PATCHES} patches sent in ${(sentMs / 1000).toFixed(1)} s; ${outcome === 'ok' ? 'all' : `${seenMods.size} of`} ${PATCHES} seen after ${(burstMs / 1000).toFixed(1)} s in ${refreshes} tree refreshes (${modified} modified keys)`);
  console.log(`[bench] event-loop lag during the burst: p50 ${ms(burstLag.percentile(50))} ms, p99 ${ms(burstLag.percentile(99))} ms, max ${ms(burstLag.max)} ms`);

  const firstOk = median(warm) <= 1000 && median(cold) <= 1000;
  const memOk = mb(held.rss - before.rss) <= 150 && mb(held.heapUsed - before.heapUsed) <= 150;
  console.log(`[bench] targets: first page <= 1 s: ${firstOk ? 'met' : 'MISSED'}; memory growth <= 150 MB: ${memOk ? 'met' : 'MISSED'}; p99 lag paging ${pagingLag.p99} ms / burst ${ms(burstLag.percentile(99))} ms`);
  lw.stop();
  client.dispose();
  agent.destroy();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
