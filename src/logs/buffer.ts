// The lines a log view keeps: a ring of at most `limit` lines (the oldest drop first, and the count of dropped
// lines is kept for the marker line), each with its level read once on arrival. Filters hide lines; they never
// remove them from here, so clearing a filter brings every kept line back.
import { detectLevel } from './level';
import type { LogLevel, LogLine } from './line';
import { sanitize } from './line';

export const DEFAULT_LINE_LIMIT = 10_000;

export interface StoredLine extends LogLine {
  /** Arrival order, from 0, never reused. */
  seq: number;
  /** Read from the line; a line without one (a stack trace's continuation) takes its source's previous level. */
  level?: LogLevel;
}

export class LineBuffer {
  private ring: (StoredLine | undefined)[];
  private head = 0;
  private count = 0;
  private nextSeq = 0;
  /** Lines that fell off the front since the last clear(). */
  dropped = 0;
  private readonly lastLevel = new Map<string, LogLevel | undefined>();

  constructor(readonly limit = DEFAULT_LINE_LIMIT) {
    if (!(limit >= 1)) throw new RangeError(`line limit must be at least 1 (got ${limit})`);
    this.ring = new Array(limit);
  }

  get size(): number {
    return this.count;
  }

  /** Sequence number of the oldest kept line (== seq of the next line when empty). */
  get firstSeq(): number {
    return this.nextSeq - this.count;
  }

  push(line: LogLine): StoredLine {
    const src = line.source ?? '';
    const text = sanitize(line.text);
    const level = detectLevel(text) ?? this.lastLevel.get(src);
    this.lastLevel.set(src, level);
    const stored: StoredLine = { text, time: line.time, source: line.source, seq: this.nextSeq++, level };
    const at = (this.head + this.count) % this.limit;
    this.ring[at] = stored;
    if (this.count < this.limit) this.count++;
    else {
      this.head = (this.head + 1) % this.limit;
      this.dropped++;
    }
    return stored;
  }

  /** The i-th kept line, oldest first. */
  at(i: number): StoredLine | undefined {
    return i < 0 || i >= this.count ? undefined : this.ring[(this.head + i) % this.limit];
  }

  *[Symbol.iterator](): IterableIterator<StoredLine> {
    for (let i = 0; i < this.count; i++) yield this.ring[(this.head + i) % this.limit]!;
  }

  clear(): void {
    this.ring = new Array(this.limit);
    this.head = 0;
    this.count = 0;
    this.dropped = 0;
    this.lastLevel.clear();
  }
}
