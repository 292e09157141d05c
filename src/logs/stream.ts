// The shape every log stream has (pod, workload, ECS task, ECS service), so one view adapts them all:
//   'line'   LogLine            a line, in order
//   'notice' string             something a person should see that is not a log line (reconnected, sampled, gone)
//   'end'    LogEnd             once; no event follows it
//   'error'  Error              a failure; 'end' follows with kind 'failed'
// stop() ends the stream ('end' with kind 'stopped') and is safe to call any number of times.
import { EventEmitter } from 'node:events';
import type { LogLine } from './line';

export interface LogEnd {
  kind: 'complete' | 'stopped' | 'deleted' | 'exited' | 'failed';
  /** One sentence for the view: "the pod shop/cart-1 was deleted". */
  reason: string;
}

export interface LogStream {
  on(event: 'line', fn: (line: LogLine) => void): this;
  on(event: 'notice', fn: (text: string) => void): this;
  on(event: 'end', fn: (end: LogEnd) => void): this;
  on(event: 'error', fn: (e: Error) => void): this;
  off(event: string, fn: (...args: never[]) => void): this;
  readonly ended: LogEnd | undefined;
  stop(): void;
}

/** EventEmitter plumbing shared by the streams: end exactly once, nothing after it. */
export class LogEmitter extends EventEmitter {
  ended: LogEnd | undefined;
  protected readonly lifetime = new AbortController();

  constructor() {
    super();
    // An 'error' with no listener must not crash the extension host; the 'end' after it carries the reason.
    this.on('error', () => undefined);
  }

  protected line(line: LogLine): void {
    if (!this.ended) this.emit('line', line);
  }

  protected notice(text: string): void {
    if (!this.ended) this.emit('notice', text);
  }

  protected finish(end: LogEnd, error?: Error): void {
    if (this.ended) return;
    if (error) this.emit('error', error);
    this.ended = end;
    this.lifetime.abort();
    this.emit('end', end);
  }

  stop(): void {
    this.finish({ kind: 'stopped', reason: 'stopped' });
  }
}

/**
 * A stream whose source takes a while to set up (an ECS service's tasks are listed first): it relays the source's
 * events once it is there, and a failure to set it up ends it as 'failed'. stop() before then cancels the source.
 */
export class DeferredLogStream extends LogEmitter {
  constructor(open: (signal: AbortSignal) => Promise<LogEmitter>) {
    super();
    open(this.lifetime.signal).then(
      (source) => {
        if (this.ended) return source.stop();
        source.on('line', (l: LogLine) => this.line(l));
        source.on('notice', (n: string) => this.notice(n));
        source.on('end', (end: LogEnd) => this.finish(end));
        this.lifetime.signal.addEventListener('abort', () => source.stop());
      },
      (e: Error) => this.finish({ kind: 'failed', reason: e.message }, e),
    );
  }
}
