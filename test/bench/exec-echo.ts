// Keystroke-to-echo overhead of exec sessions over the raw websocket transport, on loopback. Budget: at most 5 ms
// median overhead (issue 7). One keystroke at a time: send one byte, wait until it comes back, repeat.
//
// ECS half: the baseline is a bare websocket echo server (one byte in, the same byte out); the measured path is an
// EcsExecSession (src/ecs-exec) against the test agent (test/env/ssm-agent.ts) in echo mode, so both sides do all
// the protocol work per keystroke (framing, SHA-256 digests, sequence numbers, acknowledgements both ways, and with
// KMS AES-256-GCM both ways) and nothing else. A third row runs the agent's real shell on a pty (`cat`), for scale:
// that adds the pty and the process, which the raw baseline does not have.
// Client and agent share this process (and its event loop), as do the baseline's client and server.
//   npx tsx test/bench/exec-echo.ts [keystrokes=1000]
//   with KMS (moto's KMS for the data key):
//   npx tsx test/env/with-stack.ts aws -- npx tsx test/bench/exec-echo.ts
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import { openDataChannel, toKmsDataKeys, type EcsExecSession } from '../../src/ecs-exec';
import { createSession, stopAgent } from '../env/ssm-agent';
import { echoSamples } from './echo-samples';

const N = Number(process.argv[2] ?? 1000);
const WARMUP = 50;

interface Stats { median: number; p90: number; p99: number }

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p90: q(0.9), p99: q(0.99) };
}

async function rawWebsocket(): Promise<number[]> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (ws) => ws.on('message', (d, bin) => ws.send(d, { binary: bin })));
  const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, { perMessageDeflate: false });
  await new Promise((r) => ws.once('open', r));
  const samples: number[] = [];
  for (let i = 0; i < N + WARMUP; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      ws.once('message', () => resolve());
      ws.send(Buffer.from([0x61 + (i % 26)]));
    });
    if (i >= WARMUP) samples.push(performance.now() - t0);
  }
  ws.close();
  await new Promise((r) => wss.close(r));
  return samples;
}

async function ecsSession(opts: { kmsKeyId?: string; kms?: unknown; command?: string; echo: boolean }): Promise<number[]> {
  const target = { cluster: 'bench', taskId: 'task', containerRuntimeId: 'runtime' };
  const created = await createSession({ ...target, kmsKeyId: opts.kmsKeyId, command: opts.command, knobs: { echoInput: opts.echo } });
  const session: EcsExecSession = await openDataChannel({
    ...created, targetId: `ecs:${target.cluster}_${target.taskId}_${target.containerRuntimeId}`,
    kms: toKmsDataKeys(opts.kms as never),
  });
  session.on('error', (e) => console.error(`session error: ${e.message}`));
  const samples = await echoSamples(session, N, WARMUP);
  session.close();
  await new Promise<void>((r) => session.once('close', () => r()));
  return samples;
}

function row(name: string, s: Stats, base?: Stats): string {
  const over = base ? `  overhead median ${(s.median - base.median).toFixed(3)} ms (x${(s.median / base.median).toFixed(2)})` : '';
  return `${name.padEnd(34)} median ${s.median.toFixed(3)} ms  p90 ${s.p90.toFixed(3)}  p99 ${s.p99.toFixed(3)}${over}`;
}

export async function ecsHalf(): Promise<boolean> {
  const raw = stats(await rawWebsocket());
  console.log(row('raw websocket echo', raw));
  const plain = stats(await ecsSession({ echo: true }));
  console.log(row('ECS Exec data channel', plain, raw));
  let worst = plain.median - raw.median;
  if (process.env.AWS_ENDPOINT_URL) {
    const { KMSClient, CreateKeyCommand } = await import('@aws-sdk/client-kms');
    const kms = new KMSClient({});
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const enc = stats(await ecsSession({ echo: true, kmsKeyId: key, kms }));
    console.log(row('ECS Exec data channel + KMS', enc, raw));
    worst = Math.max(worst, enc.median - raw.median);
    kms.destroy();
  } else {
    console.log('(KMS row skipped: run under test/env/with-stack.ts aws for moto\'s KMS)');
  }
  const shell = stats(await ecsSession({ echo: false, command: 'stty raw -echo; cat' }));
  console.log(row('ECS Exec + pty shell (cat), scale', shell, raw));
  await stopAgent();
  const ok = worst <= 5;
  console.log(`ECS Exec keystroke-to-echo overhead: ${worst.toFixed(3)} ms median (budget 5 ms): ${ok ? 'OK' : 'OVER BUDGET'}`);
  return ok;
}

if (require.main === module) {
  console.log(`keystroke-to-echo, ${N} keystrokes after ${WARMUP} warm-up, loopback, node ${process.version}`);
  void ecsHalf().then((ok) => process.exit(ok ? 0 : 1), (e: Error) => {
    console.error(e);
    process.exit(2);
  });
}
