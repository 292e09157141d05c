// One container's log as a plain Node stream (src/logs/stream.ts): `GET .../pods/<pod>/log` with follow, tail
// (0 included: client-node's Log drops it, we send it), since, previous, and always timestamps=true, so that:
// - a dropped follow reconnects from the last line's timestamp (sinceTime). The API server keeps only whole seconds
//   of sinceTime, so the lines it sends again are dropped here by timestamp (to the nanosecond) and content;
// - a quiet follow is never taken for a dropped one: there is no idle timeout, only the TCP keep-alive;
// - a deleted pod ends the stream with that reason. A followed stream does not end by itself when its pod goes
//   (kubelets and kwok keep it open), so the pod is watched alongside.
import type { IncomingMessage } from 'node:http';
import { LineSplitter, splitStamp, wholeSecond, type LogLine, type Stamp } from '../logs/line';
import { LogEmitter } from '../logs/stream';
import type { KubeClient } from './client';
import { KubeError } from './errors';
import { streamOpener, type StreamOpener } from './log-transport';
import type { KubeObject } from './model';
import { RESOURCES } from './resources';
import { sleep } from '../sleep';

export interface PodLogOptions {
  namespace: string;
  pod: string;
  /** Needed when the pod has more than one container. */
  container?: string;
  follow?: boolean;
  /** The last N lines; 0 is sent (only new lines when following). */
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339. */
  sinceTime?: string;
  /** The previous (crashed) run of the container. */
  previous?: boolean;
  /** Keep the server's timestamp in front of each line's text. Lines carry `time` either way. */
  timestamps?: boolean;
  /** `pod/container` for workload logs: set as each line's source. */
  source?: string;
  /** First wait before a reconnect; it doubles up to 30 s while reconnects bring nothing. */
  reconnectDelayMs?: number;
  /** Consecutive failed reconnects before giving up. */
  maxReconnects?: number;
  /** Watch the pod to end on its deletion (default). Workload logs watch all their pods in one watch instead. */
  watchPod?: boolean;
}

interface ContainerStatus {
  name: string;
  state?: { terminated?: { exitCode?: number; reason?: string }; running?: unknown; waiting?: { reason?: string } };
}
interface PodStatus {
  phase?: string;
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  ephemeralContainerStatuses?: ContainerStatus[];
}

const MAX_DELAY_MS = 30_000;

export class PodLogStream extends LogEmitter {
  /** Connections made (1 + reconnects): tests and the view's status read it. */
  connections = 0;
  private last?: Stamp;
  /** Texts of the lines shown at exactly `last` (a multiset): what a reconnect may send again. */
  private atLast = new Map<string, number>();
  /** During a reconnect's replay: the lines at `last` not yet seen again. */
  private skip = new Map<string, number>();
  private replaying = false;
  private uid?: string;
  private readonly path: string;

  constructor(private readonly client: KubeClient, readonly opts: PodLogOptions, private readonly open: StreamOpener = streamOpener(client)) {
    super();
    this.path = `/api/v1/namespaces/${encodeURIComponent(opts.namespace)}/pods/${encodeURIComponent(opts.pod)}/log`;
    void this.run();
  }

  private get describePod(): string {
    return `${this.opts.namespace}/${this.opts.pod}`;
  }

  private async run(): Promise<void> {
    const signal = this.lifetime.signal;
    const follow = !!this.opts.follow && !this.opts.previous;
    let pod: KubeObject;
    try {
      pod = await this.client.get(RESOURCES.pods, this.opts.pod, this.opts.namespace, signal);
    } catch (e) {
      return this.fail(e, true);
    }
    this.uid = pod.metadata.uid;
    if (follow && this.opts.watchPod !== false) void this.watchPod(pod.metadata.resourceVersion ?? '');
    let failures = 0;
    let delay = this.opts.reconnectDelayMs ?? 1000;
    for (;;) {
      const before = this.last?.key;
      let failure: unknown;
      try {
        await this.readOnce(this.connections === 0);
      } catch (e) {
        failure = e;
      }
      if (this.ended) return;
      if (!follow) return failure ? this.fail(failure) : this.finish({ kind: 'complete', reason: 'end of the log' });
      // A followed stream ended or failed: why? The pod went, the container stopped, or the connection dropped.
      const gone = await this.podEnded();
      if (this.ended) return;
      if (gone) return this.finish(gone);
      if (failure instanceof KubeError && ['unauthorized', 'forbidden', 'invalid', 'not-found'].includes(failure.failure.kind)) return this.fail(failure);
      const progressed = this.last?.key !== before;
      failures = progressed ? 0 : failures + 1;
      if (progressed) delay = this.opts.reconnectDelayMs ?? 1000;
      if (failures > (this.opts.maxReconnects ?? 10)) return this.fail(failure ?? new Error('the log stream kept closing'));
      this.notice(`log stream ${failure ? `dropped (${(failure as Error).message})` : 'closed'}; reconnecting${this.last ? ` from ${this.last.raw}` : ''}`);
      await sleep(delay, signal);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
      if (this.ended) return;
    }
  }

  private query(first: boolean): Record<string, string | undefined> {
    const o = this.opts;
    const follow = !!o.follow && !o.previous;
    const q: Record<string, string | undefined> = { container: o.container, timestamps: 'true', follow: follow ? 'true' : undefined, previous: o.previous ? 'true' : undefined };
    if (!first && this.last) {
      q.sinceTime = wholeSecond(this.last);
      return q;
    }
    if (!first && o.tailLines !== undefined && o.tailLines >= 0) {
      // Reconnecting before any line arrived: only what is new (not the tail again).
      q.sinceTime = new Date(Date.now() - 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      return q;
    }
    if (o.tailLines !== undefined && o.tailLines >= 0) q.tailLines = String(Math.floor(o.tailLines));
    if (o.sinceTime) q.sinceTime = o.sinceTime;
    else if (o.sinceSeconds !== undefined) q.sinceSeconds = String(Math.max(1, Math.floor(o.sinceSeconds)));
    return q;
  }

  private async readOnce(first: boolean): Promise<void> {
    this.connections++;
    this.replaying = !first && !!this.last;
    this.skip = new Map(this.atLast);
    const res: IncomingMessage = await this.open(this.path, this.query(first), this.lifetime.signal);
    await new Promise<void>((resolve, reject) => {
      const splitter = new LineSplitter();
      const onLine = (l: string) => this.take(l);
      let settled = false;
      const settle = (e?: unknown) => {
        if (settled) return;
        settled = true;
        if (e) reject(e);
        else resolve();
      };
      res.on('data', (chunk: Buffer) => splitter.write(chunk, onLine));
      res.on('end', () => {
        splitter.end(onLine);
        settle();
      });
      res.on('error', (e) => settle(e));
      res.on('close', () => settle(res.readableEnded ? undefined : new KubeError({ kind: 'unreachable', message: 'the connection closed' })));
    });
  }

  private take(raw: string): void {
    if (this.ended) return;
    const { stamp, text } = splitStamp(raw);
    if (stamp) {
      if (this.replaying && this.last) {
        if (stamp.key < this.last.key) return;
        if (stamp.key === this.last.key) {
          const n = this.skip.get(text) ?? 0;
          if (n > 0) {
            this.skip.set(text, n - 1);
            return;
          }
        } else this.replaying = false;
      }
      if (stamp.key !== this.last?.key) {
        this.atLast = new Map();
        this.last = stamp;
      }
      this.atLast.set(text, (this.atLast.get(text) ?? 0) + 1);
    }
    const line: LogLine = { text: this.opts.timestamps && stamp ? `${stamp.raw} ${text}` : text, time: stamp?.ms, source: this.opts.source };
    this.line(line);
  }

  /** Why the pod's log cannot go on (deleted, replaced, finished, the container exited), or undefined if it can. */
  private async podEnded(): Promise<{ kind: 'deleted' | 'exited'; reason: string } | undefined> {
    let pod: KubeObject;
    try {
      pod = await this.client.get(RESOURCES.pods, this.opts.pod, this.opts.namespace, this.lifetime.signal);
    } catch (e) {
      if (e instanceof KubeError && e.failure.kind === 'not-found') return this.deleted();
      return undefined;
    }
    if (this.uid && pod.metadata.uid !== this.uid) return { kind: 'deleted', reason: `the pod ${this.describePod} was deleted (a new pod of the same name replaced it)` };
    const status = (pod.status ?? {}) as PodStatus;
    if (status.phase === 'Succeeded' || status.phase === 'Failed') return { kind: 'exited', reason: `the pod ${this.describePod} finished (${status.phase})` };
    const all = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? []), ...(status.ephemeralContainerStatuses ?? [])];
    const c = this.opts.container ? all.find((s) => s.name === this.opts.container) : status.containerStatuses?.[0];
    const t = c?.state?.terminated;
    if (t) return { kind: 'exited', reason: `the container ${c!.name} exited${t.exitCode !== undefined ? ` with code ${t.exitCode}` : ''}${t.reason ? ` (${t.reason})` : ''}` };
    return undefined;
  }

  /** The pod was deleted (its owner's watch saw it): end now, whatever the connection is doing. */
  podDeleted(): void {
    this.finish(this.deleted());
  }

  private deleted(): { kind: 'deleted'; reason: string } {
    return { kind: 'deleted', reason: `the pod ${this.describePod} was deleted` };
  }

  /** Ends the stream when the pod is deleted; a watch that ends or fails is resumed from a fresh get. */
  private async watchPod(resourceVersion: string): Promise<void> {
    const signal = this.lifetime.signal;
    let rv = resourceVersion;
    while (!this.ended) {
      let relist = false;
      try {
        await this.client.watch(RESOURCES.pods, { namespace: this.opts.namespace, resourceVersion: rv, fieldSelector: `metadata.name=${this.opts.pod}` }, (ev) => {
          if (ev.type === 'RELIST') relist = true;
          else if (ev.type === 'BOOKMARK') rv = ev.resourceVersion || rv;
          else {
            rv = ev.object.metadata.resourceVersion ?? rv;
            if (ev.type === 'DELETED' && (!this.uid || ev.object.metadata.uid === this.uid)) this.finish(this.deleted());
            else if (ev.type === 'MODIFIED' && ev.object.metadata.deletionTimestamp && !this.terminatingSaid) {
              this.terminatingSaid = true;
              this.notice(`the pod ${this.describePod} is terminating`);
            }
          }
        }, signal);
      } catch {
        if (this.ended) return;
        relist = true;
        await sleep(1000, signal);
      }
      if (this.ended) return;
      if (relist) {
        try {
          const pod = await this.client.get(RESOURCES.pods, this.opts.pod, this.opts.namespace, signal);
          if (this.uid && pod.metadata.uid !== this.uid) return this.finish({ kind: 'deleted', reason: `the pod ${this.describePod} was deleted (a new pod of the same name replaced it)` });
          rv = pod.metadata.resourceVersion ?? rv;
        } catch (e) {
          if (e instanceof KubeError && e.failure.kind === 'not-found') return this.finish(this.deleted());
        }
      }
    }
  }

  private terminatingSaid = false;

  private fail(e: unknown, fromGet = false): void {
    if (this.ended) return;
    if (e instanceof KubeError && e.failure.kind === 'aborted') return this.finish({ kind: 'stopped', reason: 'stopped' });
    if (fromGet && e instanceof KubeError && e.failure.kind === 'not-found') return this.finish({ kind: 'failed', reason: `the pod ${this.describePod} does not exist` }, e);
    const err = e instanceof Error ? e : new Error(String(e));
    this.finish({ kind: 'failed', reason: err.message }, err);
  }
}

/** Opens a container's log. The stream starts at once; listen for 'line', 'notice' and 'end'. */
export function podLogs(client: KubeClient, opts: PodLogOptions): PodLogStream {
  return new PodLogStream(client, opts);
}
