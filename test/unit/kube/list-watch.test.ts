// ListWatch's state machine against a scripted stand-in for KubeClient's list/watch (a stub: drops, 410s and error
// sequences on cue). The same class against a real kube-apiserver: test/integration/kube-client.test.ts.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KubeError } from '../../../src/kube/errors';
import { ListWatch, type ListWatchClient } from '../../../src/kube/list-watch';
import type { KubeFailure, KubeListPage, KubeObject, WatchEvent } from '../../../src/kube/model';
import { RESOURCES } from '../../../src/kube/resources';

const pod = (name: string, rv: string, phase = 'Running'): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop', resourceVersion: rv }, status: { phase } });

interface WatchSession {
  rv: string;
  emit(e: WatchEvent): void;
  end(): void;
  fail(f: KubeFailure): void;
  signal: AbortSignal;
}

/** Serves pages from an array snapshot, and hands each watch to the test as a session it drives. */
class Scripted implements ListWatchClient {
  lists: { continue?: string }[] = [];
  sessions: WatchSession[] = [];
  private waiters: ((s: WatchSession) => void)[] = [];
  snapshot: KubeObject[] = [];
  snapshotRv = '100';
  listFailure?: KubeFailure;
  expireContinue = false;

  async list(_k: unknown, opts: { limit?: number; continue?: string }): Promise<KubeListPage> {
    this.lists.push({ continue: opts.continue });
    if (this.listFailure) throw new KubeError(this.listFailure);
    if (opts.continue && this.expireContinue) {
      this.expireContinue = false;
      throw new KubeError({ kind: 'gone', status: 410, reason: 'Expired', message: 'continue expired' });
    }
    const start = opts.continue ? Number(opts.continue) : 0;
    const end = start + (opts.limit ?? 500);
    return { items: this.snapshot.slice(start, end), next: end < this.snapshot.length ? String(end) : undefined, resourceVersion: this.snapshotRv, remaining: Math.max(0, this.snapshot.length - end) || undefined };
  }

  watch(_k: unknown, opts: { resourceVersion: string }, onEvent: (e: WatchEvent) => void, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const s: WatchSession = { rv: opts.resourceVersion, emit: onEvent, end: resolve, fail: (f) => reject(new KubeError(f)), signal };
      signal.addEventListener('abort', () => reject(new KubeError({ kind: 'aborted', message: 'cancelled' })), { once: true });
      this.sessions.push(s);
      this.waiters.shift()?.(s);
    });
  }

  /** The next watch the ListWatch opens (or the one already open and not yet taken). */
  nextWatch(taken: number): Promise<WatchSession> {
    if (this.sessions.length > taken) return Promise.resolve(this.sessions[taken]);
    return new Promise((r) => this.waiters.push(r));
  }
}

const once = <T>(lw: ListWatch<T>, event: 'items' | 'changed' | 'error') =>
  new Promise<unknown[]>((resolve) => {
    const off = lw.on(event, ((...args: unknown[]) => {
      off();
      resolve(args);
    }) as never);
  });
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('ListWatch', () => {
  it('lists every page, watches from the list resourceVersion, and coalesces a burst into one change', async () => {
    const c = new Scripted();
    c.snapshot = Array.from({ length: 12 }, (_, i) => pod(`p${i}`, String(i + 1)));
    const lw = new ListWatch(c, RESOURCES.pods, { namespace: 'shop', pageSize: 5, pages: Infinity, coalesceMs: 50 });
    const changes: { added: string[]; modified: string[]; deleted: string[] }[] = [];
    lw.on('changed', (ch) => changes.push({ added: ch.added, modified: ch.modified, deleted: ch.deleted }));
    const firstPage = once(lw, 'items');
    lw.start();
    assert.equal(((await firstPage)[0] as { items: Map<string, unknown> }).items.size, 5, 'page one is shown before the rest arrive');
    const w = await c.nextWatch(0);
    assert.equal(w.rv, '100');
    assert.equal(lw.items.size, 12);
    assert.deepEqual(c.lists.map((l) => l.continue), [undefined, '5', '10']);
    for (let i = 0; i < 200; i++) w.emit({ type: 'MODIFIED', object: pod(`p${i % 12}`, String(200 + i), 'Pending') });
    w.emit({ type: 'ADDED', object: pod('new', '500') });
    w.emit({ type: 'DELETED', object: pod('p3', '501') });
    await tick(120);
    assert.equal(changes.length, 1, 'one tree refresh for 202 events');
    assert.deepEqual(changes[0].added, ['shop/new']);
    assert.deepEqual(changes[0].deleted, ['shop/p3']);
    assert.equal(changes[0].modified.length, 11);
    assert.equal(lw.resourceVersion, '501');
    lw.stop();
  });

  it('resumes from the last resourceVersion (a bookmark) when the server ends the watch, and relists on 410', async () => {
    const c = new Scripted();
    c.snapshot = [pod('a', '1')];
    const lw = new ListWatch(c, RESOURCES.pods, { pages: Infinity, coalesceMs: 10 });
    lw.start();
    const w1 = await c.nextWatch(0);
    w1.emit({ type: 'BOOKMARK', resourceVersion: '250' });
    await tick(1_050); // a watch that lived over a second ended normally: resume at once
    w1.end();
    const w2 = await c.nextWatch(1);
    assert.equal(w2.rv, '250');
    assert.equal(c.lists.length, 1, 'no relist for a normal end');
    c.snapshot = [pod('a', '1'), pod('b', '300')];
    c.snapshotRv = '300';
    const relisted = once(lw, 'items');
    w2.emit({ type: 'RELIST' });
    w2.end();
    await relisted;
    const w3 = await c.nextWatch(2);
    assert.equal(w3.rv, '300');
    assert.equal(c.lists.length, 2);
    assert.deepEqual([...lw.items.keys()], ['shop/a', 'shop/b']);
    lw.stop();
  });

  it('backs off on a network failure, reports it with the delay, then resumes; a 403 stops retrying', async () => {
    const c = new Scripted();
    c.snapshot = [pod('a', '1')];
    const lw = new ListWatch(c, RESOURCES.pods, { pages: Infinity, initialBackoffMs: 40, maxBackoffMs: 100 });
    const errors: [KubeFailure, number | undefined][] = [];
    lw.on('error', (f, info) => errors.push([f, info.retryInMs]));
    lw.start();
    const w1 = await c.nextWatch(0);
    w1.emit({ type: 'MODIFIED', object: pod('a', '7') });
    w1.fail({ kind: 'unreachable', message: 'connection reset' });
    await tick(5);
    assert.equal(lw.state, 'backoff');
    const w2 = await c.nextWatch(1);
    assert.equal(w2.rv, '7');
    assert.equal(errors[0][0].kind, 'unreachable');
    assert.ok(errors[0][1]! >= 20 && errors[0][1]! <= 40, `retry in ${errors[0][1]}`);
    w2.fail({ kind: 'forbidden', status: 403, message: 'cannot watch pods' });
    await tick(20);
    assert.equal(lw.state, 'failed');
    assert.equal(errors[1][0].kind, 'forbidden');
    assert.equal(errors[1][1], undefined, 'no retry for a refusal');
    assert.equal(c.sessions.length, 2);
    lw.stop();
  });

  it('caps the backoff', async () => {
    const c = new Scripted();
    c.listFailure = { kind: 'server', status: 503, message: 'etcd leader changed' };
    const lw = new ListWatch(c, RESOURCES.pods, { initialBackoffMs: 10, maxBackoffMs: 40 });
    const delays: number[] = [];
    lw.on('error', (_f, info) => delays.push(info.retryInMs!));
    lw.start();
    await tick(400);
    lw.stop();
    assert.ok(delays.length >= 5, `attempts: ${delays.length}`);
    assert.ok(Math.max(...delays) <= 40);
    assert.equal(lw.state, 'stopped');
  });

  it('Load more: a later page cannot bring back what the watch changed or deleted meanwhile', async () => {
    const c = new Scripted();
    c.snapshot = Array.from({ length: 6 }, (_, i) => pod(`p${i}`, String(i + 1)));
    const lw = new ListWatch(c, RESOURCES.pods, { pageSize: 3, pages: 1, coalesceMs: 10 });
    lw.start();
    const w = await c.nextWatch(0);
    assert.deepEqual([...lw.items.keys()], ['shop/p0', 'shop/p1', 'shop/p2']);
    assert.equal(lw.more, true);
    w.emit({ type: 'MODIFIED', object: pod('p4', '50', 'Failed') }); // on page two, not loaded
    w.emit({ type: 'DELETED', object: pod('p5', '51') }); // on page two, not loaded
    w.emit({ type: 'ADDED', object: pod('fresh', '52') }); // created after the snapshot
    assert.equal(lw.items.has('shop/p4'), false, 'not shown before its page');
    assert.equal(lw.items.has('shop/fresh'), true);
    await lw.loadMore();
    assert.equal(lw.more, false);
    assert.deepEqual([...lw.items.keys()].sort(), ['shop/fresh', 'shop/p0', 'shop/p1', 'shop/p2', 'shop/p3', 'shop/p4']);
    assert.equal((lw.items.get('shop/p4')!.status as { phase: string }).phase, 'Failed');
    lw.stop();
  });

  it('Load more with an expired continue token lists again, as many pages as asked for', async () => {
    const c = new Scripted();
    c.snapshot = Array.from({ length: 7 }, (_, i) => pod(`p${i}`, String(i + 1)));
    const lw = new ListWatch(c, RESOURCES.pods, { pageSize: 3, pages: 1 });
    lw.start();
    await c.nextWatch(0);
    c.expireContinue = true;
    const relisted = once(lw, 'items');
    await lw.loadMore();
    await relisted;
    await c.nextWatch(1);
    assert.deepEqual(c.lists.map((l) => l.continue), [undefined, '3', undefined, '3']);
    assert.equal(lw.items.size, 6);
    assert.equal(lw.more, true);
    lw.stop();
  });

  it('keeps a mapped value per object (summaries, not whole objects)', async () => {
    const c = new Scripted();
    c.snapshot = [pod('a', '1')];
    const lw = new ListWatch(c, RESOURCES.pods, { pages: Infinity, map: (o) => (o.status as { phase: string }).phase });
    lw.start();
    await c.nextWatch(0);
    assert.deepEqual([...lw.items.entries()], [['shop/a', 'Running']]);
    lw.stop();
  });

  it('stop() aborts the watch at once and nothing is emitted afterwards', async () => {
    const c = new Scripted();
    c.snapshot = [pod('a', '1')];
    const lw = new ListWatch(c, RESOURCES.pods, { pages: Infinity, coalesceMs: 10 });
    let after = 0;
    lw.start();
    const w = await c.nextWatch(0);
    w.emit({ type: 'MODIFIED', object: pod('a', '2') });
    lw.on('changed', () => after++);
    lw.stop();
    assert.equal(w.signal.aborted, true);
    await tick(40);
    assert.equal(after, 0);
    assert.equal(lw.state, 'stopped');
  });
});
