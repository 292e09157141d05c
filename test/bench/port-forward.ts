// Port-forward on loopback: what a forward costs over reaching the demo web server directly.
// Rows, against the local kube-apiserver (websocket port-forward passed through to kwok, which dials the demo web
// server of test/env/demo-web.ts):
//   direct      GET on the demo web server itself (no forward): the floor
//   forward     GET on the forward's local port: a new TCP connection, a new websocket (TLS, token, upgrade through
//               the API server to kwok), kwok's dial, the request and the answer
//   direct k-a  GETs on one kept-alive connection to the demo web server directly
//   keep-alive  GETs on one kept-alive connection through the forward: the per-request cost once the stream is up
//   throughput  one 64 MiB body through the forward, and directly
//   npx tsx test/env/with-stack.ts kube -- npx tsx test/bench/port-forward.ts [requests=200]
import * as fs from 'node:fs';
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { getEksToken } from '../../src/aws/eks-token';
import { KubeClient, type TokenSource } from '../../src/kube/client';
import { startPortForward } from '../../src/kube/port-forward';
import { WEB_POD_PORT } from '../env/demo-web';
import { requireEnv } from '../env/env';
import { apply, kubeRequest } from '../env/kube-api';
import { PRINCIPALS } from '../env/kube';
import { FIRST_NODE } from '../env/kwok';
import { adminCreds, caFile, cluster, server } from '../integration/kube-helpers';

const N = Number(process.argv[2] ?? 200);
const NS = 'wharf-bench-pf';

const tokens: TokenSource = {
  token: () => getEksToken({ clusterName: cluster(), region: 'us-east-1', credentials: { accessKeyId: PRINCIPALS.admin.accessKeyId, secretAccessKey: PRINCIPALS.admin.secretAccessKey } }).then((t) => t.token),
  renew: () => tokens.token(),
};

function get(port: number, path: string, agent: http.Agent | false): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => resolve(n));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function timed(label: string, n: number, run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 10; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(2);
  console.log(`${label.padEnd(12)} n=${n}  median ${q(0.5)} ms  p90 ${q(0.9)} ms  p99 ${q(0.99)} ms`);
}

async function throughput(label: string, port: number): Promise<void> {
  const size = 64 * 1024 * 1024;
  const t0 = performance.now();
  const got = await get(port, `/bytes?n=${size}`, false);
  const s = (performance.now() - t0) / 1000;
  if (got !== size) throw new Error(`${label}: ${got} of ${size} bytes`);
  console.log(`${label.padEnd(12)} 64 MiB in ${s.toFixed(2)} s = ${(64 / s).toFixed(0)} MiB/s`);
}

async function main(): Promise<void> {
  const c = adminCreds();
  await apply(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await apply(c, `/api/v1/namespaces/${NS}/pods`, {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' },
    spec: { nodeName: FIRST_NODE, containers: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', ports: [{ containerPort: WEB_POD_PORT }] }] },
  });
  for (let i = 0; ; i++) {
    const p = await kubeRequest<{ status?: { conditions?: { type: string; status: string }[] } }>(c, 'GET', `/api/v1/namespaces/${NS}/pods/web`);
    if (p.body.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')) break;
    if (i > 300) throw new Error('pod not ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  const client = new KubeClient(cluster(), { server: server(), caPem: fs.readFileSync(caFile(), 'utf8') }, tokens);
  const f = await startPortForward({ client, target: { kind: 'pod', namespace: NS, name: 'web' }, remotePort: WEB_POD_PORT });
  const direct = Number(requireEnv('WHARF_TEST_KUBE_WEB_PORT'));
  const keep = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    console.log(`port-forward bench: ${N} requests each; node ${process.version}`);
    await timed('direct', N, () => get(direct, '/', false));
    await timed('forward', N, () => get(f.localPort, '/', false));
    const directKeep = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await timed('direct k-a', N, () => get(direct, '/', directKeep));
    directKeep.destroy();
    await timed('keep-alive', N, () => get(f.localPort, '/', keep));
    await throughput('direct', direct);
    await throughput('forward', f.localPort);
  } finally {
    keep.destroy();
    await f.stop();
    client.dispose();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
