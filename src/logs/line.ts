// One log line as every source (pod logs, ECS task logs) hands it over, and the byte-level chores shared by them:
// splitting a byte stream into lines without trusting it (invalid UTF-8, binary, megabyte lines), and reading the
// RFC 3339 timestamps the Kubernetes API server puts in front of each line.
import { StringDecoder } from 'node:string_decoder';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface LogLine {
  text: string;
  /** Epoch milliseconds, when the source knows when the line was written. */
  time?: number;
  /** `pod/container` (workload logs) or `task/container` (service logs); absent for a single stream. */
  source?: string;
}

/** Longer lines are cut here (with a marker) so one runaway line cannot take the buffer or the editor with it. */
export const MAX_LINE_CHARS = 16_384;

// C0 controls other than tab (and DEL), and ANSI CSI / OSC escape sequences, which a text document cannot show.
const UNPRINTABLE = /[\x00-\x08\x0b-\x1f\x7f]/;
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

/** Text a document can show: escape sequences dropped, other control bytes as U+FFFD, bounded length. */
export function sanitize(text: string): string {
  let t = text;
  if (UNPRINTABLE.test(t)) t = t.replace(ANSI, '').replace(CONTROLS, '\ufffd');
  if (t.length > MAX_LINE_CHARS) {
    // A copy, not a slice: V8's sliced strings keep their (maybe megabytes long) parent alive.
    const head = Buffer.from(t.slice(0, MAX_LINE_CHARS), 'utf16le').toString('utf16le');
    t = `${head} … [${t.length - MAX_LINE_CHARS} more characters cut]`;
  }
  return t;
}

/**
 * Bytes in, whole lines out. Invalid UTF-8 decodes to U+FFFD (StringDecoder); a line still unterminated after
 * `maxPending` characters is emitted in pieces, so a stream without newlines (binary output) cannot grow memory.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  constructor(private readonly maxPending = MAX_LINE_CHARS * 4) {}

  write(chunk: Buffer | string, onLine: (line: string) => void): void {
    let text = this.pending + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      onLine(text.slice(start, end));
      start = nl + 1;
    }
    text = text.slice(start);
    while (text.length > this.maxPending) {
      onLine(text.slice(0, this.maxPending));
      text = text.slice(this.maxPending);
    }
    this.pending = text;
  }

  /** The unterminated rest, if any. */
  end(onLine: (line: string) => void): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest) onLine(rest);
  }
}

/** A Kubernetes log timestamp: epoch ms for ordering, and a key that orders and compares to the nanosecond. */
export interface Stamp {
  ms: number;
  /** `<epoch seconds, 12 digits>.<nanoseconds, 9 digits>`: string order is time order (RFC3339Nano trims zeros, so its own strings are not). */
  key: string;
  /** The stamp as the server wrote it (for sinceTime). */
  raw: string;
}

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

/** Splits `2026-12-02T14:00:00.123456789Z message` (timestamps=true) into its stamp and the message. */
export function splitStamp(line: string): { stamp?: Stamp; text: string } {
  const m = STAMP.exec(line);
  if (!m) return { text: line };
  const secondsMs = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(secondsMs)) return { text: line };
  const frac = (m[2] ?? '').padEnd(9, '0');
  const seconds = Math.floor(secondsMs / 1000);
  return {
    stamp: { ms: seconds * 1000 + Math.floor(Number(frac) / 1e6), key: `${String(seconds).padStart(12, '0')}.${frac}`, raw: m[0].slice(0, -1) },
    text: line.slice(m[0].length),
  };
}

/** The whole second a stamp falls in, as RFC 3339: what the API server's sinceTime keeps of it. */
export function wholeSecond(stamp: Stamp): string {
  return new Date(Math.floor(stamp.ms / 1000) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}
