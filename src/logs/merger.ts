// Interleaves several streams (a workload's pods, a service's tasks) in time order. Streams deliver late and in
// bursts, so each line is held for a reorder window (about a second) after it arrives and lines leave in timestamp
// order: a line that arrives up to a window after a later-stamped one from another stream still comes out first.
// A line without a timestamp is stamped with its arrival. Held lines are bounded, so a flood cannot grow memory.
import type { LogLine } from './line';

export interface MergerOptions {
  windowMs?: number;
  /** How often held lines are checked. */
  tickMs?: number;
  /** Most lines held at once; past it the oldest-stamped leave early. */
  maxHeld?: number;
  now?: () => number;
}

interface Held {
  line: LogLine;
  time: number;
  arrival: number;
  seq: number;
}

const before = (a: Held, b: Held) => a.time < b.time || (a.time === b.time && a.seq < b.seq);

export class TimeMerger {
  private readonly heap: Held[] = [];
  private seq = 0;
  private timer?: NodeJS.Timeout;
  private readonly windowMs: number;
  private readonly tickMs: number;
  private readonly maxHeld: number;
  private readonly now: () => number;

  constructor(private readonly emit: (line: LogLine) => void, opts: MergerOptions = {}) {
    this.windowMs = opts.windowMs ?? 1000;
    this.tickMs = opts.tickMs ?? 100;
    this.maxHeld = opts.maxHeld ?? 200_000;
    this.now = opts.now ?? Date.now;
  }

  get held(): number {
    return this.heap.length;
  }

  push(line: LogLine): void {
    const arrival = this.now();
    this.insert({ line, time: line.time ?? arrival, arrival, seq: this.seq++ });
    while (this.heap.length > this.maxHeld) this.emit(this.pop().line);
    if (!this.timer) {
      this.timer = setInterval(() => this.release(), this.tickMs);
      this.timer.unref?.();
    }
  }

  /** Emits the lines whose window has passed. Called by the timer; public for tests with a fake clock. */
  release(): void {
    const cutoff = this.now() - this.windowMs;
    while (this.heap.length && this.heap[0].arrival <= cutoff) this.emit(this.pop().line);
    if (!this.heap.length) this.stopTimer();
  }

  /** Emits everything held, in order (the streams ended). */
  flush(): void {
    while (this.heap.length) this.emit(this.pop().line);
    this.stopTimer();
  }

  /** Drops what is held (the view was closed). */
  dispose(): void {
    this.heap.length = 0;
    this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private insert(h: Held): void {
    const a = this.heap;
    let i = a.push(h) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  private pop(): Held {
    const a = this.heap;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
