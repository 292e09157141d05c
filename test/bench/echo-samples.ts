// Keystroke-to-echo timing shared by the exec benchmarks: write one character, wait until the session's output
// contains it, N times after a warm-up; works for any exec session (pod exec, ECS Exec) with write and `data` events.
import { performance } from 'node:perf_hooks';

export interface EchoSession {
  write(data: string): void;
  on(event: 'data', fn: (d: Buffer) => void): unknown;
  off(event: 'data', fn: (d: Buffer) => void): unknown;
}

export async function echoSamples(session: EchoSession, n: number, warmup: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n + warmup; i++) {
    const ch = String.fromCharCode(0x61 + (i % 26));
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      const on = (d: Buffer) => {
        if (!d.includes(ch)) return;
        session.off('data', on);
        resolve();
      };
      session.on('data', on);
      session.write(ch);
    });
    if (i >= warmup) samples.push(performance.now() - t0);
  }
  return samples;
}
