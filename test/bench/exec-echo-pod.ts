// Keystroke-to-echo of pod exec on loopback: one byte in, wait until it comes back, repeat. Budget (issue 7): at
// most 5 ms median overhead over the raw websocket transport.
//
// Rows, all against the local kube-apiserver (websocket exec, v5) with kwok running `cat` as the container's process:
//   raw ws       a bare `ws` client on the same exec URL, hand-built frames: the transport's own round trip
//                (TLS, the API server's websocket-to-SPDY translation, kwok, the process and back)
//   session      PodExecSession (src/kube/exec.ts) on the same path: the raw row plus our framing, events, chunking
//   session tty  the same with a TTY (`stty raw -echo; exec cat`): adds the remote pty
// The overhead that the budget is about is session minus raw ws (same path, same process on the other end).
//   npx tsx test/env/with-stack.ts kube -- npx tsx test/bench/exec-echo-pod.ts [keystrokes=500]
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { getEksToken } from '../../src/aws/eks-token';
import { KubeClient, type TokenSource } from '../../src/kube/client';
import { startPodExec } from '../../src/kube/exec';
import { EXEC_PROTOCOLS } from '../../src/kube/exec-protocol';
import { apply, kubeRequest } from '../env/kube-api';
import { PRINCIPALS } from '../env/kube';
import { FIRST_NODE } from '../env/kwok';
import { adminCreds, caFile, cluster, server } from '../integration/kube-helpers';
import { echoSamples } from './echo-samples';

const N = Number(process.argv[2] ?? 500);
const WARMUP = 50;
const NS = 'wharf-bench-exec';

interface Stats { median: number; p90: number; p99: number }
const stats = (samples: number[]): Stats => {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p90: q(0.9), p99: q(0.99) };
};

const tokens: TokenSource = {
  token: () => getEksToken({ clusterName: cluster(), region: 'us-east-1', credentials: PRINCIPALS.admin }).then((t) => t.token),
  renew: () => tokens.token(),
};

async function rawWs(ca: string): Promise<number[]> {
  const url = new URL(`${server()}/api/v1/namespaces/${NS}/pods/echo/exec?container=app&command=cat&stdin=true&stdout=true&stderr=true&tty=false`);
  url.protocol = 'wss:';
  const ws = new WebSocket(url, [...EXEC_PROTOCOLS], { ca, headers: { authorization: `Bearer ${await tokens.token()}` }, perMessageDeflate: false });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  const samples: number[] = [];
  for (let i = 0; i < N + WARMUP; i++) {
    const ch = 0x61 + (i % 26);
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      const on = (d: Buffer) => {
        if (d[0] === 1 && d.includes(ch, 1)) {
          ws.off('message', on);
          resolve();
        }
      };
      ws.on('message', on);
      ws.send(Buffer.from([0, ch]));
    });
    if (i >= WARMUP) samples.push(performance.now() - t0);
  }
  ws.terminate();
  return samples;
}

async function session(client: KubeClient, tty: boolean): Promise<number[]> {
  const s = await startPodExec({ client, namespace: NS, pod: 'echo', container: 'app', command: tty ? ['sh', '-c', 'stty raw -echo; exec cat'] : ['cat'], tty, stdin: true });
  s.on('error', (e) => console.error(`session error: ${e.message}`));
  if (tty) await new Promise((r) => setTimeout(r, 300)); // let stty run before the first keystroke
  const samples = await echoSamples(s, N, WARMUP);
  s.destroy();
  return samples;
}

const fmt = (name: string, s: Stats, base?: Stats) =>
  `${name.padEnd(12)} median ${s.median.toFixed(3)} ms  p90 ${s.p90.toFixed(3)}  p99 ${s.p99.toFixed(3)}` + (base ? `  overhead vs raw ws: ${(s.median - base.median).toFixed(3)} ms median` : '');

async function main() {
  const ca = fs.readFileSync(caFile(), 'utf8');
  await apply(adminCreds(), '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await apply(adminCreds(), `/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'echo' }, spec: { nodeName: FIRST_NODE, containers: [{ name: 'app', image: 'busybox' }] } });
  for (let i = 0; i < 300; i++) {
    const r = await kubeRequest<{ status?: { phase?: string } }>(adminCreds(), 'GET', `/api/v1/namespaces/${NS}/pods/echo`);
    if (r.body.status?.phase === 'Running') break;
    await new Promise((res) => setTimeout(res, 100));
  }
  const client = new KubeClient(cluster(), { server: server(), caPem: ca }, tokens);
  console.log(`pod exec keystroke-to-echo, ${N} keystrokes (+${WARMUP} warm-up), loopback, kube-apiserver ${process.env.WHARF_TEST_KUBE_VERSION ?? ''} + kwok`);
  const raw = stats(await rawWs(ca));
  console.log(fmt('raw ws', raw));
  const plain = stats(await session(client, false));
  console.log(fmt('session', plain, raw));
  const tty = stats(await session(client, true));
  console.log(fmt('session tty', tty, raw));
  client.dispose();
  const over = plain.median - raw.median;
  console.log(`budget: overhead <= 5 ms median: ${over <= 5 ? 'met' : 'NOT met'} (${over.toFixed(3)} ms)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
