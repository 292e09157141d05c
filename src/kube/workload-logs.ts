// A workload's logs: every container of every pod the workload's selector picks, as one stream whose lines are
// interleaved in time order (TimeMerger, ~1 s reorder window) and prefixed `pod/container`. At most `maxStreams`
// container streams run at once (a setting; each is one API-server connection); pods that start while it follows
// are picked up from their first line, and a pod that goes ends its streams with a notice, making room for others.
// One watch over the selector replaces the per-pod watches of single-pod streams.
import { TimeMerger } from '../logs/merger';
import { LogEmitter } from '../logs/stream';
import type { KubeClient } from './client';
import { KubeError } from './errors';
import { PodLogStream } from './logs';
import type { KubeObject, ResourceKind } from './model';
import { RESOURCES } from './resources';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'ReplicaSet';

const KINDS: Record<WorkloadKind, ResourceKind> = {
  Deployment: RESOURCES.deployments,
  StatefulSet: RESOURCES.statefulsets,
  DaemonSet: RESOURCES.daemonsets,
  Job: RESOURCES.jobs,
  ReplicaSet: RESOURCES.replicasets,
};

export const DEFAULT_MAX_STREAMS = 20;

export interface WorkloadLogOptions {
  namespace: string;
  kind: WorkloadKind;
  name: string;
  follow?: boolean;
  /** Per container, for the pods there at the start. */
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  /** Container streams at once (default 20). */
  maxStreams?: number;
  /** Reorder window of the merge (default 1000 ms). */
  windowMs?: number;
}

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A LabelSelector as the `labelSelector` query parameter. */
export function labelSelectorString(sel: Selector): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const vals = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

interface PodShape {
  spec?: { containers?: { name: string }[] };
  status?: { phase?: string; containerStatuses?: { name: string; state?: { running?: unknown; terminated?: unknown } }[] };
}

/** Containers that have started (a waiting container has no log yet). */
function startedContainers(pod: KubeObject): string[] {
  const p = pod as PodShape;
  const started = new Set((p.status?.containerStatuses ?? []).filter((c) => c.state?.running || c.state?.terminated).map((c) => c.name));
  return (p.spec?.containers ?? []).map((c) => c.name).filter((n) => started.has(n));
}

export class WorkloadLogStream extends LogEmitter {
  private readonly merger: TimeMerger;
  private readonly streams = new Map<string, PodLogStream>();
  /** `pod/container` keys waiting for a free slot, in order. */
  private readonly waiting: string[] = [];
  private readonly pods = new Map<string, KubeObject>();
  private readonly seenAtStart = new Set<string>();
  private capSaid = false;
  private readonly max: number;

  constructor(private readonly client: KubeClient, readonly opts: WorkloadLogOptions) {
    super();
    this.max = Math.max(1, opts.maxStreams ?? DEFAULT_MAX_STREAMS);
    this.merger = new TimeMerger((l) => this.line(l), { windowMs: opts.windowMs });
    this.lifetime.signal.addEventListener('abort', () => {
      for (const s of this.streams.values()) s.stop();
      this.merger.dispose();
    });
    void this.run().catch((e) => this.fail(e));
  }

  /** Container streams running now. */
  get active(): string[] {
    return [...this.streams.keys()];
  }

  private async run(): Promise<void> {
    const signal = this.lifetime.signal;
    const o = this.opts;
    const workload = await this.client.get(KINDS[o.kind], o.name, o.namespace, signal);
    const selector = labelSelectorString(((workload.spec ?? {}) as { selector?: Selector }).selector ?? {});
    if (!selector) throw new Error(`${o.kind} ${o.namespace}/${o.name} has no selector`);
    const page = await this.client.list(RESOURCES.pods, { namespace: o.namespace, labelSelector: selector }, signal);
    for (const p of [...page.items].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
      this.seenAtStart.add(p.metadata.name);
      this.upsert(p);
    }
    if (!o.follow) {
      if (!this.streams.size && !this.waiting.length) this.done();
      return;
    }
    this.notice(`following ${o.kind} ${o.namespace}/${o.name}: ${page.items.length} pods (${selector})`);
    await this.watch(selector, page.resourceVersion);
  }

  private async watch(selector: string, resourceVersion: string): Promise<void> {
    const signal = this.lifetime.signal;
    let rv = resourceVersion;
    while (!this.ended) {
      let relist = false;
      try {
        await this.client.watch(RESOURCES.pods, { namespace: this.opts.namespace, resourceVersion: rv, labelSelector: selector }, (ev) => {
          if (ev.type === 'RELIST') relist = true;
          else if (ev.type === 'BOOKMARK') rv = ev.resourceVersion || rv;
          else {
            rv = ev.object.metadata.resourceVersion ?? rv;
            if (ev.type === 'DELETED') this.removePod(ev.object.metadata.name);
            else this.upsert(ev.object);
          }
        }, signal);
      } catch (e) {
        if (this.ended) return;
        if (e instanceof KubeError && ['forbidden', 'unauthorized'].includes(e.failure.kind)) throw e;
        relist = true;
        await new Promise((r) => setTimeout(r, 1000).unref?.());
      }
      if (this.ended) return;
      if (relist) {
        const page = await this.client.list(RESOURCES.pods, { namespace: this.opts.namespace, labelSelector: selector }, signal);
        const now = new Set(page.items.map((p) => p.metadata.name));
        for (const name of [...this.pods.keys()]) if (!now.has(name)) this.removePod(name);
        for (const p of page.items) this.upsert(p);
        rv = page.resourceVersion;
      }
    }
  }

  private upsert(pod: KubeObject): void {
    const name = pod.metadata.name;
    this.pods.set(name, pod);
    if (pod.metadata.deletionTimestamp) return;
    for (const c of startedContainers(pod)) {
      const key = `${name}/${c}`;
      if (this.streams.has(key) || this.waiting.includes(key) || this.finished.has(key)) continue;
      this.waiting.push(key);
    }
    this.fill();
  }

  private readonly finished = new Set<string>();

  private removePod(name: string): void {
    this.pods.delete(name);
    for (let i = this.waiting.length - 1; i >= 0; i--) if (this.waiting[i].startsWith(`${name}/`)) this.waiting.splice(i, 1);
    for (const [key, s] of this.streams) if (key.startsWith(`${name}/`)) s.podDeleted();
  }

  /** Starts waiting streams while there is room. */
  private fill(): void {
    while (this.waiting.length && this.streams.size < this.max) {
      const key = this.waiting.shift()!;
      const [pod, container] = key.split('/');
      this.start(key, pod, container);
    }
    if (this.waiting.length && !this.capSaid) {
      this.capSaid = true;
      this.notice(`showing ${this.max} container streams at once (wharf.logs.maxStreams); ${this.waiting.length} more wait for a free slot`);
    }
  }

  private start(key: string, pod: string, container: string): void {
    const o = this.opts;
    const fromStart = this.seenAtStart.has(pod);
    const s = new PodLogStream(this.client, {
      namespace: o.namespace, pod, container, follow: o.follow, timestamps: o.timestamps, source: key, watchPod: false,
      // A pod that started after the view opened is read from its first line; the tail/since apply to the others.
      ...(fromStart ? { tailLines: o.tailLines, sinceSeconds: o.sinceSeconds, sinceTime: o.sinceTime } : {}),
    });
    this.streams.set(key, s);
    s.on('line', (l) => this.merger.push(l));
    s.on('notice', (n) => this.notice(`${key}: ${n}`));
    s.on('end', (end) => {
      this.streams.delete(key);
      this.finished.add(key);
      if (this.ended) return;
      if (o.follow || end.kind === 'failed') this.notice(`${key}: ${end.reason}`);
      this.fill();
      if (!o.follow && !this.streams.size && !this.waiting.length) this.done();
    });
  }

  private done(): void {
    this.merger.flush();
    this.finish({ kind: 'complete', reason: 'end of the logs' });
  }

  private fail(e: unknown): void {
    if (this.ended) return;
    if (e instanceof KubeError && e.failure.kind === 'aborted') return this.finish({ kind: 'stopped', reason: 'stopped' });
    const err = e instanceof Error ? e : new Error(String(e));
    this.finish({ kind: 'failed', reason: err.message }, err);
  }
}

export function workloadLogs(client: KubeClient, opts: WorkloadLogOptions): WorkloadLogStream {
  return new WorkloadLogStream(client, opts);
}
