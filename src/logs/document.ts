// A log view's text, in plain Node: the kept lines (LineBuffer), the filter over them, and how a line is shown
// (timestamp, `pod/container` prefix). The VS Code view only asks it for text; the benchmark drives it directly.
import { LineBuffer, DEFAULT_LINE_LIMIT, type StoredLine } from './buffer';
import { compileFilter, type FilterSpec, type LineFilter } from './filter';
import type { LogLine } from './line';

export interface DisplayOptions {
  timestamps?: boolean;
}

export class LogDocument {
  readonly buffer: LineBuffer;
  private spec: FilterSpec = {};
  private test: LineFilter = () => true;
  private filtering = false;
  /** Bumped when the filter or display changes: cached per-line results of an older generation are stale. */
  private generation = 0;
  /** Per kept line, its text as shown and whether the filter passes it, computed on first render (bounded by the limit). */
  private readonly cache = new WeakMap<StoredLine, { gen: number; display: string; pass: boolean }>();
  /** Bumped on every change, so a view renders only when something changed. */
  version = 0;

  constructor(limit = DEFAULT_LINE_LIMIT, private display: DisplayOptions = {}) {
    this.buffer = new LineBuffer(limit);
  }

  append(line: LogLine): StoredLine {
    this.version++;
    return this.buffer.push(line);
  }

  get filter(): FilterSpec {
    return this.spec;
  }

  /** Sets the filter; a bad regular expression leaves the old one and says why. */
  setFilter(spec: FilterSpec): string | undefined {
    const c = compileFilter(spec);
    if (!c.ok) return c.error;
    this.spec = spec;
    this.test = c.test;
    this.filtering = c.active;
    this.generation++;
    this.version++;
    return undefined;
  }

  setDisplay(display: DisplayOptions): void {
    this.display = display;
    this.generation++;
    this.version++;
  }

  format(line: StoredLine): string {
    const stamp = this.display.timestamps && line.time !== undefined ? `${new Date(line.time).toISOString()} ` : '';
    const source = line.source ? `${line.source} | ` : '';
    return stamp + source + line.text;
  }

  /** The visible text: a marker when older lines were dropped, then every kept line the filter lets through. */
  render(): { text: string; shown: number; hidden: number } {
    const out: string[] = [];
    if (this.buffer.dropped) out.push(`… ${this.buffer.dropped.toLocaleString('en-US')} older lines dropped (keeping the last ${this.buffer.limit.toLocaleString('en-US')})`);
    let hidden = 0;
    for (const line of this.buffer) {
      let c = this.cache.get(line);
      if (!c || c.gen !== this.generation) {
        const display = this.format(line);
        c = { gen: this.generation, display, pass: !this.filtering || this.test(line, display) };
        this.cache.set(line, c);
      }
      if (c.pass) out.push(c.display);
      else hidden++;
    }
    return { text: out.join('\n'), shown: this.buffer.size - hidden, hidden };
  }

  clear(): void {
    this.buffer.clear();
    this.version++;
  }
}
