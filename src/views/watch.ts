// Keeps expanded Kubernetes lists current, and only those: a list's watch runs while its node is expanded AND the
// view is visible; collapsing the node or hiding the view stops it, showing the view again restarts it (a fresh
// list, then a watch from its resourceVersion: list-watch.ts). Each change re-renders the node, coalesced, so a
// burst of pod events is one tree update. No `vscode` here: the provider feeds in expand/collapse/visibility.
import type { KubeObject } from '../kube/model';
import type { LiveSpec } from './node';

/** A running watch of one list; `stop()` ends it (and aborts its requests). */
export interface LiveHandle {
  stop(): void;
  /** The next page, into the same watched list. */
  loadMore(signal: AbortSignal): Promise<void>;
}

/** Starts a ListWatch for a spec; `onItems` receives the whole current list after each (coalesced) change. */
export type LiveStarter = (spec: LiveSpec, onItems: (items: KubeObject[], more: boolean) => void, onError: (e: unknown) => void) => LiveHandle;

export class WatchManager {
  private readonly expanded = new Map<string, () => LiveSpec | undefined>();
  private readonly running = new Map<string, { handle: LiveHandle; spec: LiveSpec }>();
  private visible = false;

  constructor(
    private readonly start: LiveStarter,
    private readonly onError: (key: string, e: unknown) => void = () => {},
  ) {}

  /** A node with a live list was expanded (or VS Code asked for its children: it is expanded). */
  expand(id: string, live: () => LiveSpec | undefined): void {
    this.expanded.set(id, live);
    this.sync();
  }

  /** A node collapsed, or was refreshed: stop its watch and those of everything under it. */
  collapse(id: string): void {
    for (const key of [...this.expanded.keys()]) if (key === id || key.startsWith(`${id}/`)) this.expanded.delete(key);
    this.sync();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.sync();
  }

  /** The ids of the lists being watched now (tests, the benchmark). */
  active(): string[] {
    return [...this.running.keys()];
  }

  private sync(): void {
    for (const [key, r] of [...this.running]) {
      if (!this.visible || !this.expanded.has(key)) {
        this.running.delete(key);
        r.handle.stop();
        r.spec.bind(undefined);
      }
    }
    if (!this.visible) return;
    for (const [key, live] of this.expanded) {
      if (this.running.has(key)) continue;
      const spec = live();
      if (!spec) continue;
      const entry = { spec, handle: { stop() {}, loadMore: async () => {} } as LiveHandle };
      this.running.set(key, entry);
      entry.handle = this.start(
        spec,
        (items, more) => this.running.get(key) === entry && spec.apply(items, more),
        (e) => this.onError(key, e),
      );
      spec.bind(entry.handle);
    }
  }

  dispose(): void {
    this.expanded.clear();
    this.visible = false;
    this.sync();
  }
}
