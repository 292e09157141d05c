// Keeps one Kubernetes list current, as an expanded tree node needs it: list in pages (server-side limit/continue),
// then watch from the list's resourceVersion with bookmarks. A watch the server ends (its timeout) or the network drops
// resumes from the last resourceVersion seen; a 410 (resourceVersion compacted away, or an expired continue token)
// lists again; other errors back off exponentially up to a cap. Bursts of events are coalesced so the tree refreshes
// at most every `coalesceMs`. client-node's informer does none of the paging, and stops on errors other than 410.
//
// Progressive lists: with `pages: 1` only the first page is held and loadMore() fetches the next from the same
// snapshot. The watch covers the whole collection meanwhile, so an object changed or deleted after the snapshot but
// not loaded yet is remembered, and its later page cannot bring back the stale copy.
import { KubeError, isKubeError } from './errors';
import type { KubeFailure, KubeListPage, KubeObject, ResourceKind, WatchEvent } from './model';

/** The part of KubeClient a ListWatch uses (a test may pass a stand-in). */
export interface ListWatchClient {
  list(kind: ResourceKind, opts: { namespace?: string; limit?: number; continue?: string; labelSelector?: string; fieldSelector?: string }, signal?: AbortSignal): Promise<KubeListPage>;
  watch(kind: ResourceKind, opts: { namespace?: string; resourceVersion: string; labelSelector?: string; fieldSelector?: string; timeoutSeconds?: number }, onEvent: (e: WatchEvent) => void, signal: AbortSignal): Promise<void>;
}

export interface ListWatchOptions<T> {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Server-side page size. */
  pageSize?: number;
  /** Pages to hold before loadMore(): 1 for "Load more" lists, Infinity for everything. */
  pages?: number;
  /** What to keep per object (a summary is far smaller than the object: 50,000 pods). */
  map?: (o: KubeObject) => T;
  coalesceMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Passed to the watch; default: the client's (5-10 minutes). */
  watchTimeoutSeconds?: number;
}

export interface ListWatchSnapshot<T> {
  items: ReadonlyMap<string, T>;
  /** More pages are on the server (loadMore()). */
  more: boolean;
  /** Objects past the loaded pages, as the server estimates. */
  remaining?: number;
}

export interface ListWatchChange<T> extends ListWatchSnapshot<T> {
  added: string[];
  modified: string[];
  deleted: string[];
}

export interface ListWatchErrorInfo {
  /** The next attempt, in milliseconds; absent when the failure will not go away by retrying (403, 401, TLS). */
  retryInMs?: number;
  /** The original error (a KubeError, or a token-source failure such as an AwsError). */
  error: unknown;
}

interface Listeners<T> {
  /** A (re)list or a loadMore() completed. */
  items: (s: ListWatchSnapshot<T>) => void;
  /** Watch events, coalesced. */
  changed: (c: ListWatchChange<T>) => void;
  error: (f: KubeFailure, info: ListWatchErrorInfo) => void;
}

export type ListWatchState = 'idle' | 'listing' | 'watching' | 'backoff' | 'failed' | 'stopped';

const FATAL = new Set<KubeFailure['kind']>(['unauthorized', 'forbidden', 'not-found', 'tls', 'invalid']);
/** A watch that ends sooner than this after it started counts as a failure for the backoff (no tight loops). */
const MIN_HEALTHY_WATCH_MS = 1_000;

export const objectKey = (o: KubeObject): string => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name);

export class ListWatch<T = KubeObject> {
  readonly items = new Map<string, T>();
  state: ListWatchState = 'idle';
  resourceVersion = '';
  private continueToken?: string;
  private remaining?: number;
  private pagesWanted: number;
  /** Watch news about objects on pages not loaded yet: the new value, or null when deleted. */
  private readonly unloaded = new Map<string, T | null>();
  private readonly listeners: { [K in keyof Listeners<T>]: Set<Listeners<T>[K]> } = { items: new Set(), changed: new Set(), error: new Set() };
  private readonly life = new AbortController();
  private cycle?: AbortController;
  private needList = true;
  private running = false;
  private pending = { added: new Set<string>(), modified: new Set<string>(), deleted: new Set<string>() };
  private flushTimer?: NodeJS.Timeout;
  private readonly map: (o: KubeObject) => T;

  constructor(
    private readonly client: ListWatchClient,
    readonly kind: ResourceKind,
    private readonly opts: ListWatchOptions<T> = {},
  ) {
    this.pagesWanted = opts.pages ?? 1;
    this.map = opts.map ?? ((o) => o as unknown as T);
  }

  on<K extends keyof Listeners<T>>(event: K, fn: Listeners<T>[K]): () => void {
    this.listeners[event].add(fn);
    return () => this.listeners[event].delete(fn);
  }

  get more(): boolean {
    return this.continueToken !== undefined;
  }

  /** Starts listing and watching; idempotent. After a fatal failure, start() tries again (a Refresh). */
  start(): void {
    if (this.life.signal.aborted || this.running) return;
    this.running = true;
    void this.run().finally(() => (this.running = false));
  }

  /** Ends everything at once: the request in flight is aborted and no event is emitted afterwards. */
  stop(): void {
    this.state = 'stopped';
    this.life.abort();
    clearTimeout(this.flushTimer);
  }

  /** Fetches the next page of the current snapshot; an expired continue token lists everything again instead. */
  async loadMore(signal?: AbortSignal): Promise<void> {
    if (!this.continueToken || this.life.signal.aborted) return;
    this.pagesWanted++;
    const sig = signal ? AbortSignal.any([signal, this.life.signal]) : this.life.signal;
    let page: KubeListPage;
    try {
      page = await this.client.list(this.kind, this.listOpts(this.continueToken), sig);
    } catch (e) {
      if (isKubeError(e) && e.failure.kind === 'gone') return this.relist();
      throw e;
    }
    if (this.life.signal.aborted) return;
    const mapped = new Map<string, T>();
    await this.mapInSlices(page.items, (o, v) => mapped.set(objectKey(o), v), sig);
    for (const [key, v] of mapped) {
      const news = this.unloaded.get(key);
      if (news === undefined) this.items.set(key, v);
      else if (news !== null) this.items.set(key, news);
    }
    this.continueToken = page.next;
    this.remaining = page.remaining;
    if (!page.next) this.unloaded.clear();
    this.emit('items', this.snapshot());
  }

  /** Lists again from scratch (as many pages as are loaded) and watches from the new list. */
  relist(): void {
    this.needList = true;
    this.cycle?.abort();
    this.start();
  }

  private snapshot(): ListWatchSnapshot<T> {
    return { items: this.items, more: this.more, remaining: this.remaining };
  }

  private listOpts(cont?: string) {
    return { namespace: this.opts.namespace, labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector, limit: this.opts.pageSize ?? 500, continue: cont };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.life.signal.aborted) {
      this.cycle = new AbortController();
      const sig = AbortSignal.any([this.cycle.signal, this.life.signal]);
      try {
        if (this.needList) {
          this.state = 'listing';
          await this.list(sig);
          this.needList = false;
          failures = 0;
        }
        this.state = 'watching';
        const started = Date.now();
        let relist = false;
        await this.client.watch(
          this.kind,
          { namespace: this.opts.namespace, labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector, resourceVersion: this.resourceVersion, timeoutSeconds: this.opts.watchTimeoutSeconds },
          (e) => {
            if (e.type === 'RELIST') relist = true;
            else this.apply(e);
          },
          sig,
        );
        if (relist) this.needList = true;
        else if (Date.now() - started < MIN_HEALTHY_WATCH_MS) await this.backoff(failures++, undefined);
        else failures = 0;
      } catch (e) {
        if (this.life.signal.aborted) break;
        if (this.cycle.signal.aborted) continue; // relist() asked for a new cycle
        const failure: KubeFailure = isKubeError(e) ? e.failure : { kind: 'unknown', message: (e as Error)?.message ?? String(e) };
        if (failure.kind === 'gone') {
          // An expired continue token mid-list, or a watch answered 410 as an error: list again at once.
          this.needList = true;
          continue;
        }
        if (FATAL.has(failure.kind) || !isKubeError(e)) {
          // Retrying a refusal, a bad certificate or a credentials failure only repeats it: say so and wait for a Refresh.
          this.state = 'failed';
          this.emit('error', failure, { error: e });
          return;
        }
        await this.backoff(failures++, { failure, error: e });
      }
    }
    if (this.life.signal.aborted) this.state = 'stopped';
  }

  private async backoff(attempt: number, report: { failure: KubeFailure; error: unknown } | undefined): Promise<void> {
    const base = this.opts.initialBackoffMs ?? 1_000;
    const cap = this.opts.maxBackoffMs ?? 30_000;
    // Full jitter on the upper half: many watches of one cluster that dropped together do not return together.
    const ms = Math.min(cap, base * 2 ** attempt) * (0.5 + Math.random() / 2);
    this.state = 'backoff';
    if (report) this.emit('error', report.failure, { retryInMs: Math.round(ms), error: report.error });
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      const sig = this.life.signal;
      const cyc = this.cycle?.signal;
      function done() {
        clearTimeout(t);
        sig.removeEventListener('abort', done);
        cyc?.removeEventListener('abort', done);
        resolve();
      }
      sig.addEventListener('abort', done, { once: true });
      cyc?.addEventListener('abort', done, { once: true });
    });
  }

  private async list(signal: AbortSignal): Promise<void> {
    // The first list fills the map as pages arrive, so the tree shows page one at once; a relist swaps in a whole
    // new map at the end, so nothing seems to vanish meanwhile.
    const progressive = this.items.size === 0;
    const fresh = progressive ? this.items : new Map<string, T>();
    let cont: string | undefined;
    let rv = '';
    let pages = 0;
    let remaining: number | undefined;
    do {
      const page = await this.client.list(this.kind, this.listOpts(cont), signal);
      if (signal.aborted) throw new KubeError({ kind: 'aborted', message: 'cancelled' });
      await this.mapInSlices(page.items, (o, v) => fresh.set(objectKey(o), v), signal);
      if (!rv) rv = page.resourceVersion;
      cont = page.next;
      remaining = page.remaining;
      pages++;
      if (progressive && cont && pages < this.pagesWanted) this.emit('items', { items: fresh, more: true, remaining });
    } while (cont && pages < this.pagesWanted);
    if (!progressive) {
      this.items.clear();
      for (const [k, v] of fresh) this.items.set(k, v);
    }
    this.resourceVersion = rv;
    this.continueToken = cont;
    this.remaining = remaining;
    this.unloaded.clear();
    this.pending = { added: new Set(), modified: new Set(), deleted: new Set() };
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.emit('items', this.snapshot());
  }

  /** Maps a page a slice at a time, yielding between slices, so 500 summaries never hold the event loop at once. */
  private async mapInSlices(items: KubeObject[], put: (o: KubeObject, v: T) => void, signal: AbortSignal): Promise<void> {
    const SLICE = 100;
    for (let i = 0; i < items.length; i += SLICE) {
      if (i > 0) await new Promise<void>((r) => setImmediate(r));
      if (signal.aborted) throw new KubeError({ kind: 'aborted', message: 'cancelled' });
      for (const o of items.slice(i, i + SLICE)) put(o, this.map(o));
    }
  }

  private apply(e: WatchEvent): void {
    if (e.type === 'BOOKMARK') {
      if (e.resourceVersion) this.resourceVersion = e.resourceVersion;
      return;
    }
    if (e.type === 'RELIST') return;
    const obj = e.object;
    if (obj.metadata.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
    const key = objectKey(obj);
    const loaded = this.items.has(key);
    if (e.type === 'DELETED') {
      if (this.more) this.unloaded.set(key, null);
      if (!loaded) return;
      this.items.delete(key);
      this.pending.added.delete(key);
      this.pending.modified.delete(key);
      this.pending.deleted.add(key);
    } else if (loaded || e.type === 'ADDED' || !this.more) {
      // ADDED after the snapshot is new: show it even when later pages are not loaded.
      this.items.set(key, this.map(obj));
      if (this.more) this.unloaded.set(key, this.items.get(key)!);
      if (loaded) {
        if (!this.pending.added.has(key)) this.pending.modified.add(key);
      } else {
        this.pending.deleted.delete(key);
        this.pending.added.add(key);
      }
    } else {
      // A change to an object on a page not loaded yet: remember it for when that page comes.
      this.unloaded.set(key, this.map(obj));
      return;
    }
    this.flushTimer ??= setTimeout(() => this.flush(), this.opts.coalesceMs ?? 250);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const { added, modified, deleted } = this.pending;
    this.pending = { added: new Set(), modified: new Set(), deleted: new Set() };
    if (added.size + modified.size + deleted.size === 0) return;
    this.emit('changed', { ...this.snapshot(), added: [...added], modified: [...modified], deleted: [...deleted] });
  }

  private emit<K extends keyof Listeners<T>>(event: K, ...args: Parameters<Listeners<T>[K]>): void {
    if (this.life.signal.aborted) return;
    for (const fn of this.listeners[event]) {
      try {
        (fn as (...a: unknown[]) => void)(...args);
      } catch {
        // A listener's bug must not end the watch.
      }
    }
  }
}
