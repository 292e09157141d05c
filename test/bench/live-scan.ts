// The live scan at scale: a namespace of 5,000 objects (OBJECTS) on a real kube-apiserver, scanned as `wharf scan
// --namespace` does (KubeClient with a real EKS token, pages of 500, render + lintText per object). Target: within
// 10 s and 300 MB. Each run is a fresh process (the shipped esbuild bundle of the scan, not tsx), so peak RSS is the
// scan's own; the median of RUNS runs is printed.
//
//   npx tsx test/env/with-stack.ts kube -- npx tsx test/bench/live-scan.ts
//   env: OBJECTS (5000), RUNS (3), PROFILE (a directory for V8 CPU profiles of the runs)
//
// The mix, shaped like a real namespace: 50% bare pods (each with two containers, probes, resources, env), 30%
// Deployments, 14% headless Services, 6% ServiceAccounts. Objects are written straight into etcd under the API
// server's prefix (as test/bench/pods-50k.ts does): creating thousands through the API takes minutes on this busy
// machine. Pods are bound to a node no kubelet runs, so nothing starts; Deployments are paused, so the
// controller-manager makes no ReplicaSets while the scan runs.
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { requireEnv } from '../env/env';

const N = Number(process.env.OBJECTS ?? 5_000);
const RUNS = Number(process.env.RUNS ?? 3);
const NS = 'bench-scan';
const NODE = 'wharf-bench-parked';

const template = (i: number) => ({
  metadata: { labels: { app: `svc-${i % 200}`, team: ['checkout', 'cart', 'search', 'catalog'][i % 4] } },
  spec: {
    serviceAccountName: `sa-${i % 300}`,
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

/** [etcd resource path, object] for object i of the mix. */
function objectAt(i: number, created: string): [string, Record<string, unknown>] {
  const meta = (name: string, extra: object = {}) => ({ name, namespace: NS, uid: randomUUID(), creationTimestamp: created, ...extra });
  const k = i % 50;
  if (k < 25) {
    const t = template(i);
    return [`pods/${NS}/web-${i}`, {
      apiVersion: 'v1', kind: 'Pod',
      metadata: meta(`web-${i}`, { labels: t.metadata.labels, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' } }),
      spec: { ...t.spec, nodeName: NODE, tolerations: [{ operator: 'Exists' }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 },
      status: { phase: 'Pending', qosClass: 'Burstable' },
    }];
  }
  if (k < 40) {
    return [`deployments/${NS}/api-${i}`, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(`api-${i}`, { generation: 1 }),
      spec: { replicas: 2 + (i % 3), paused: true, selector: { matchLabels: { app: `api-${i}` } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
        template: { ...template(i), metadata: { labels: { app: `api-${i}` } } } },
    }];
  }
  if (k < 47) {
    return [`services/specs/${NS}/svc-${i}`, {
      apiVersion: 'v1', kind: 'Service', metadata: meta(`svc-${i}`),
      spec: { clusterIP: 'None', clusterIPs: ['None'], type: 'ClusterIP', selector: { app: `api-${i - 15}` }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' },
    }];
  }
  return [`serviceaccounts/${NS}/sa-${i}`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(`sa-${i}`, i % 2 ? { annotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::123456789012:role/sa-${i}` } } : {}) }];
}

function adminRequest(method: string, p: string, body?: unknown): Promise<{ status: number; text: string }> {
  const agent = new https.Agent({ ca: fs.readFileSync(requireEnv('WHARF_TEST_KUBE_CA_FILE')), cert: fs.readFileSync(requireEnv('WHARF_TEST_KUBE_ADMIN_CERT_FILE')), key: fs.readFileSync(requireEnv('WHARF_TEST_KUBE_ADMIN_KEY_FILE')) });
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(p, requireEnv('WHARF_TEST_KUBE_SERVER')), { method, agent, headers: { accept: 'application/json', ...(data ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

async function count(): Promise<number> {
  let n = 0;
  for (const p of [`/api/v1/namespaces/${NS}/pods`, `/apis/apps/v1/namespaces/${NS}/deployments`, `/api/v1/namespaces/${NS}/services`, `/api/v1/namespaces/${NS}/serviceaccounts`]) {
    const l = JSON.parse((await adminRequest('GET', `${p}?limit=1`)).text) as { items?: unknown[]; metadata?: { remainingItemCount?: number } };
    n += (l.items?.length ?? 0) + (l.metadata?.remainingItemCount ?? 0);
  }
  return n;
}

async function seed(): Promise<void> {
  await adminRequest('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await adminRequest('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE, labels: { 'kubernetes.io/hostname': NODE } } });
  if ((await count()) >= N) return;
  const t0 = Date.now();
  const etcd = requireEnv('WHARF_TEST_ETCD_URL');
  const prefix = `/wharf/${requireEnv('WHARF_TEST_KUBE_CLUSTER')}/registry`;
  const created = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  for (let i = 0; i < N; ) {
    const ops = [];
    for (const end = Math.min(N, i + 100); i < end; i++) {
      const [key, obj] = objectAt(i, created);
      ops.push({ requestPut: { key: b64(`${prefix}/${key}`), value: b64(JSON.stringify(obj)) } });
    }
    const r = await fetch(`${etcd}/v3/kv/txn`, { method: 'POST', body: JSON.stringify({ success: ops }) });
    if (!r.ok) throw new Error(`etcd txn: ${r.status} ${await r.text()}`);
  }
  // Until the API server's watch cache has them all (the namespace's default ServiceAccount comes on top).
  while ((await count()) < N) await new Promise((r) => setTimeout(r, 500));
  console.log(`[bench] seeded ${N} objects into etcd in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** The measured process: the shipped code paths, bundled as the CLI is. */
const CHILD = `
import * as fs from 'node:fs';
import { getEksToken } from '../../src/aws/eks-token';
import { KubeClient } from '../../src/kube/client';
import { runScan } from '../../src/scan/run';
import { CONTEXT_KINDS, STREAMED_KINDS } from '../../src/scan/kinds';
import { PRINCIPALS } from '../env/kube';
async function main() {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const p = PRINCIPALS.admin;
  const cluster = process.env.WHARF_TEST_KUBE_CLUSTER!;
  const token = () => getEksToken({ clusterName: cluster, region: 'us-east-1', credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey } }).then((t) => t.token);
  const client = new KubeClient(cluster, { server: process.env.WHARF_TEST_KUBE_SERVER!, caPem: fs.readFileSync(process.env.WHARF_TEST_KUBE_CA_FILE!, 'utf8') }, { token, renew: token });
  const r = await runScan({ client, clusterName: cluster, region: 'us-east-1', namespace: '${NS}' });
  const cpu = process.cpuUsage(c0);
  const wallMs = performance.now() - t0;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  // The floor: the same list requests (the scan's kinds, pages of 500) with nothing rendered or linted.
  const l0 = performance.now();
  for (const kind of [...CONTEXT_KINDS, ...STREAMED_KINDS]) {
    let next: string | undefined;
    do next = (await client.list(kind, { namespace: '${NS}', limit: 500, continue: next })).next;
    while (next);
  }
  const listOnlyMs = performance.now() - l0;
  client.dispose();
  console.log(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb, linted: r.stats.linted, listed: r.stats.listed, findings: r.findings.length, scanMs: r.stats.ms, listOnlyMs }));
}
void main();
`;

async function main(): Promise<void> {
  console.log(`[bench] live-scan: ${N} objects in namespace ${NS}, ${RUNS} runs; node ${process.version}, ${os.cpus().length} cores`);
  await seed();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-bench-scan-'));
  const entry = path.join(__dirname, 'live-scan-child.tmp.ts');
  fs.writeFileSync(entry, CHILD);
  try {
    await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: path.join(dir, 'child.js'), minify: true, mainFields: ['module', 'main'], logLevel: 'error' });
  } finally {
    fs.rmSync(entry, { force: true });
  }
  const runs: { wallMs: number; cpuMs: number; maxRssMb: number; linted: number; listed: number; findings: number; scanMs: number; listOnlyMs: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    // PROFILE=<dir>: a V8 CPU profile of each run there.
    const prof = process.env.PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE}`] : [];
    const r = spawnSync(process.execPath, [...prof, path.join(dir, 'child.js')], { encoding: 'utf8', env: process.env });
    if (r.status !== 0) throw new Error(`run ${i + 1} failed: ${r.stderr}`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!);
    runs.push(m);
    console.log(`[bench] run ${i + 1}: ${m.linted} objects linted of ${m.listed} listed, ${m.findings} findings; wall ${(m.wallMs / 1000).toFixed(2)} s (scan ${(m.scanMs / 1000).toFixed(2)} s), CPU ${(m.cpuMs / 1000).toFixed(2)} s, peak RSS ${m.maxRssMb.toFixed(0)} MB; the same lists alone ${(m.listOnlyMs / 1000).toFixed(2)} s`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const median = (f: (r: (typeof runs)[number]) => number) => [...runs.map(f)].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const wall = median((r) => r.wallMs) / 1000;
  const rss = median((r) => r.maxRssMb);
  console.log(`[bench] median of ${RUNS}: wall ${wall.toFixed(2)} s, CPU ${(median((r) => r.cpuMs) / 1000).toFixed(2)} s, peak RSS ${rss.toFixed(0)} MB, lists alone ${(median((r) => r.listOnlyMs) / 1000).toFixed(2)} s (target: 10 s, 300 MB) ${wall <= 10 && rss <= 300 ? 'OK' : 'OVER'}`);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
