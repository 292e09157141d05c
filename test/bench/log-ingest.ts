// Log ingest as the log view does it, in plain Node: bytes -> LineSplitter -> TimeMerger (4 sources, 1 s window) ->
// LogDocument (10,000-line limit, a regex filter on) with the view's re-render every 250 ms. Measured:
//  1. 50,000 lines/s for BENCH_SECONDS (5): lines delivered, event-loop delay (perf_hooks.monitorEventLoopDelay),
//     heap after, which must stay bounded by the line limit (not by what went through);
//  2. a million-line log read as fast as it comes; 3. 20 MB of random binary; 4. invalid UTF-8 and 8 MB lines.
//
//   node --expose-gc --import tsx test/bench/log-ingest.ts        env: BENCH_SECONDS, BENCH_RATE (50000)
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { LogDocument } from '../../src/logs/document';
import { LineSplitter, type LogLine } from '../../src/logs/line';
import { TimeMerger } from '../../src/logs/merger';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const RATE = Number(process.env.BENCH_RATE ?? 50_000);
const LIMIT = 10_000;
const TICK_MS = 10;
const RENDER_MS = 250;
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];
const lineText = (i: number) => `${LEVELS[i % LEVELS.length]} GET /v1/orders/${i % 9973} ${200 + (i % 7)} ${i % 300}ms request_id=${(0x5eed0000 + i * 7919).toString(16)} user=u${i % 1000}`;

function newPipeline() {
  const doc = new LogDocument(LIMIT);
  doc.setFilter({ text: 'ERROR|WARN .* 20[0-3]', regex: true });
  let merged = 0;
  const merger = new TimeMerger((l) => {
    merged++;
    doc.append(l);
  }, { windowMs: 1000 });
  const splitters = Array.from({ length: 4 }, () => new LineSplitter());
  return { doc, merger, splitters, merged: () => merged };
}

async function sustained(): Promise<void> {
  const base = heap();
  const p = newPipeline();
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let produced = 0;
  let renders = 0;
  let renderMs = 0;
  let lastVersion = -1;
  const t0 = performance.now();
  const perTick = Math.round((RATE * TICK_MS) / 1000);
  await new Promise<void>((resolve) => {
    const render = setInterval(() => {
      if (p.doc.version === lastVersion) return;
      lastVersion = p.doc.version;
      const r0 = performance.now();
      p.doc.render();
      renderMs = Math.max(renderMs, performance.now() - r0);
      renders++;
    }, RENDER_MS);
    const feed = setInterval(() => {
      // Catch up to the wall clock, so a slow tick does not lower the rate.
      const due = Math.floor(((performance.now() - t0) / 1000) * RATE);
      const n = Math.max(0, Math.min(due - produced, perTick * 5));
      const now = Date.now();
      const chunks: string[][] = [[], [], [], []];
      for (let i = 0; i < n; i++) chunks[(produced + i) % 4].push(lineText(produced + i));
      chunks.forEach((c, s) => p.splitters[s].write(Buffer.from(c.join('\n') + '\n'), (text) => p.merger.push({ text, time: now, source: `pod-${s}/app` } satisfies LogLine)));
      produced += n;
      if (performance.now() - t0 >= SECONDS * 1000) {
        clearInterval(feed);
        clearInterval(render);
        resolve();
      }
    }, TICK_MS);
  });
  const elapsed = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 1300)); // the merge window drains
  h.disable();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(`[sustained] ${produced.toLocaleString('en-US')} lines in ${elapsed.toFixed(2)} s = ${Math.round(produced / elapsed).toLocaleString('en-US')} lines/s offered; ${p.merged().toLocaleString('en-US')} delivered`);
  console.log(`[sustained] event-loop delay p50 ${ms(h.percentile(50))} ms, p99 ${ms(h.percentile(99))} ms, max ${ms(h.max)} ms; ${renders} renders of ${LIMIT.toLocaleString('en-US')} lines, slowest ${renderMs.toFixed(1)} ms`);
  console.log(`[sustained] heap held: ${mb(heap() - base)} for ${p.doc.buffer.size.toLocaleString('en-US')} kept lines (${p.doc.buffer.dropped.toLocaleString('en-US')} dropped)`);
  p.merger.dispose();
}

function oneShot(name: string, feed: (split: LineSplitter, onLine: (t: string) => void) => void): void {
  const base = heap();
  const doc = new LogDocument(LIMIT);
  const split = new LineSplitter();
  let lines = 0;
  let longest = 0;
  const onLine = (text: string) => {
    lines++;
    const s = doc.append({ text });
    longest = Math.max(longest, s.text.length);
  };
  const t0 = performance.now();
  feed(split, onLine);
  split.end(onLine);
  const r0 = performance.now();
  const { text } = doc.render();
  const t1 = performance.now();
  console.log(`[${name}] ${lines.toLocaleString('en-US')} lines in ${((r0 - t0) / 1000).toFixed(2)} s, render ${(t1 - r0).toFixed(0)} ms (${mb(text.length)} of text), longest kept line ${longest.toLocaleString('en-US')} chars, heap held ${mb(heap() - base)}`);
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${SECONDS} s at ${RATE.toLocaleString('en-US')} lines/s, line limit ${LIMIT.toLocaleString('en-US')}`);
  await sustained();
  oneShot('million', (split, on) => {
    for (let b = 0; b < 1000; b++) {
      const chunk: string[] = [];
      for (let i = 0; i < 1000; i++) chunk.push(lineText(b * 1000 + i));
      split.write(Buffer.from(chunk.join('\n') + '\n'), on);
    }
  });
  oneShot('binary', (split, on) => {
    for (let i = 0; i < 20; i++) split.write(randomBytes(1 << 20), on);
  });
  oneShot('invalid-utf8+long', (split, on) => {
    const bad = Buffer.alloc(8 << 20, 0xc3); // a lead byte with no continuation, 8 MB of it, no newline
    split.write(bad, on);
    split.write(Buffer.from('\n' + 'x'.repeat(8 << 20) + '\nINFO after the long lines\n'), on);
  });
}

void main();
