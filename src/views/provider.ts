// The explorer's TreeDataProvider: asks nodes for their children (each expansion with its own AbortController, so
// a collapse or a refresh cancels it and no expansion waits on another), turns failures into error nodes, renders
// ItemViews as TreeItems, coalesces re-renders, and feeds expand/collapse/visibility to the watch manager.
import * as vscode from 'vscode';
import type { Icon, TreeContext, TreeNode } from './node';
import { ErrorNode, isAbort } from './nodes/error';
import { LoadMoreNode } from './nodes/load-more';
import type { WatchManager } from './watch';

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

export class ExplorerProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: Promise<TreeNode[]> | undefined;
  /** In-flight and background work per node id (a load, its describes, a "Load more"). */
  private readonly controllers = new Map<string, AbortController>();
  /** Every node handed to VS Code, by id: "Go to…" and reveal read it. */
  private readonly nodes = new Map<string, TreeNode>();
  /** Nodes whose children VS Code asked for and that have not collapsed since. */
  private readonly expanded = new Map<string, TreeNode>();
  private pending = new Set<TreeNode>();
  private flush: ReturnType<typeof setTimeout> | undefined;
  private view: vscode.TreeView<unknown> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Rows shown above the AWS roots while they have something to say (the running port forwards). */
  private leading: () => TreeNode[] = () => [];

  constructor(
    private readonly makeRoots: () => Promise<TreeNode[]>,
    readonly ctx: TreeContext,
    private readonly watches: WatchManager,
    private readonly extensionUri: vscode.Uri,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Connects the TreeView (created by the activation shim) for expansion, collapse and visibility events. */
  attach(view: vscode.TreeView<unknown>): vscode.Disposable {
    this.view = view;
    this.watches.setVisible(view.visible);
    return vscode.Disposable.from(
      view.onDidCollapseElement((e) => this.collapsed(e.element as TreeNode)),
      view.onDidExpandElement((e) => this.expandedNode(e.element as TreeNode)),
      view.onDidChangeVisibility((e) => this.watches.setVisible(e.visible)),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const v = node.treeItem();
    const item = new vscode.TreeItem(v.label, COLLAPSIBLE[v.collapsible]);
    item.id = node.id;
    item.description = v.description;
    item.tooltip = v.tooltip ? new vscode.MarkdownString(v.tooltip) : undefined;
    item.contextValue = v.contextValue;
    item.iconPath = this.icon(v.icon);
    if (v.command) item.command = v.command;
    return item;
  }

  private icon(icon: Icon | undefined): vscode.TreeItem['iconPath'] {
    if (!icon) return undefined;
    if ('media' in icon) {
      const file = `${icon.media}.svg`;
      return { light: vscode.Uri.joinPath(this.extensionUri, 'media', 'light', file), dark: vscode.Uri.joinPath(this.extensionUri, 'media', 'dark', file) };
    }
    return new vscode.ThemeIcon(icon.codicon, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      this.roots ??= this.makeRoots();
      try {
        return this.register([...this.leading(), ...(await this.roots)]);
      } catch (e) {
        this.roots = undefined;
        this.log(`explorer roots: ${(e as Error).message}`);
        return [];
      }
    }
    if (!node.children) return [];
    this.expandedNode(node);
    const signal = this.controller(node).signal;
    try {
      return this.register(await node.children(signal));
    } catch (e) {
      if (signal.aborted || isAbort(e)) return [];
      this.log(`${node.id}: ${(e as Error)?.message ?? e}`);
      return this.register([new ErrorNode(node, this.ctx, e)]);
    }
  }

  private register(nodes: TreeNode[]): TreeNode[] {
    for (const n of nodes) this.nodes.set(n.id, n);
    return nodes;
  }

  private controller(node: TreeNode): AbortController {
    let c = this.controllers.get(node.id);
    if (!c || c.signal.aborted) this.controllers.set(node.id, (c = new AbortController()));
    return c;
  }

  /** Aborts the work of a node and of everything under it. */
  private abortUnder(id: string): void {
    for (const [key, c] of [...this.controllers]) {
      if (key === id || key.startsWith(`${id}/`)) {
        c.abort();
        this.controllers.delete(key);
      }
    }
  }

  private expandedNode(node: TreeNode): void {
    this.expanded.set(node.id, node);
    if (node.live) this.watches.expand(node.id, () => node.live?.());
  }

  private collapsed(node: TreeNode): void {
    const wasLoading = this.controllers.has(node.id);
    this.abortUnder(node.id);
    for (const key of [...this.expanded.keys()]) if (key === node.id || key.startsWith(`${node.id}/`)) this.expanded.delete(key);
    this.watches.collapse(node.id);
    // A live list is listed afresh on the next expansion (its watch is gone); work cut short restarts then too.
    if (node.live || wasLoading) {
      if (node.live) node.reset?.();
      this.changed(node);
    }
  }

  /** Reloads a node from the server (or the whole view): its requests are cancelled and its children refetched. */
  refresh(node?: TreeNode): void {
    if (!node) {
      for (const c of this.controllers.values()) c.abort();
      this.controllers.clear();
      this.nodes.clear();
      for (const key of this.expanded.keys()) this.watches.collapse(key);
      this.expanded.clear();
      this.roots = undefined;
      this.emitter.fire(undefined);
      return;
    }
    this.abortUnder(node.id);
    this.watches.collapse(node.id);
    // What was under it is rebuilt: VS Code asks again for the children of what it still shows expanded.
    for (const key of [...this.nodes.keys()]) if (key.startsWith(`${node.id}/`)) this.nodes.delete(key);
    for (const key of [...this.expanded.keys()]) if (key.startsWith(`${node.id}/`)) this.expanded.delete(key);
    node.reset?.();
    this.emitter.fire(node);
  }

  /** Rows to show above the roots (asked again on every rootsChanged()). */
  setLeadingRoots(rows: () => TreeNode[]): void {
    this.leading = rows;
  }

  /** The leading rows changed: the top level is asked again; the AWS roots and what they loaded are kept. */
  rootsChanged(): void {
    this.emitter.fire(undefined);
  }

  /** Re-renders a node without reloading it (details arrived, a watch delivered); coalesced. */
  changed(node: TreeNode): void {
    // Only what VS Code holds now: a node replaced by a refresh (its late describe, say) has nothing to show.
    if (this.nodes.get(node.id) !== node) return;
    this.pending.add(node);
    this.flush ??= setTimeout(() => {
      this.flush = undefined;
      const nodes = [...this.pending];
      this.pending = new Set();
      this.emitter.fire(nodes.length === 1 ? nodes[0] : nodes);
    }, 50);
  }

  /** The "Load more" row was clicked. */
  async loadMore(more: LoadMoreNode): Promise<void> {
    if (more.loading) return;
    more.loading = true;
    this.emitter.fire(more);
    try {
      await more.owner.loadMore(this.controller(more.owner).signal);
    } catch (e) {
      if (!isAbort(e)) void vscode.window.showErrorMessage(`Wharf: loading more failed: ${(e as Error).message}`, 'Retry').then((b) => b && this.loadMore(more));
    } finally {
      more.loading = false;
      this.emitter.fire(more.owner);
    }
  }

  /** An error row's "Retry": reload the node that failed. */
  retry(node: TreeNode): void {
    this.refresh(node instanceof ErrorNode && node.parent ? node.parent : node);
  }

  /** Every node the tree has shown so far ("Go to…" quick pick). */
  loaded(): TreeNode[] {
    return [...this.nodes.values()];
  }

  findById(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  async reveal(node: TreeNode, options: { select?: boolean; focus?: boolean; expand?: boolean | number } = { select: true, focus: true }): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      // A refresh or a watch event may have replaced the node with a new one of the same id: reveal that one.
      const current = this.nodes.get(node.id) ?? node;
      try {
        await this.view?.reveal(current, options);
        return;
      } catch (e) {
        // While the parent's rows are being redrawn, VS Code does not find the node yet ("Data tree node not
        // found"): expand the way down and try again, a few times, before reporting it.
        if (attempt === 3 || !/not found/i.test((e as Error)?.message ?? '')) throw e;
        if (current.parent) await this.view?.reveal(current.parent, { select: false, focus: false, expand: true }).then(undefined, () => undefined);
        await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
      }
    }
  }

  /** Reload the expanded AWS nodes (topmost only: reloading a folder reloads what is under it) every `seconds`. */
  setInterval(seconds: number): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!(seconds > 0)) return;
    this.timer = setInterval(() => {
      if (!this.view?.visible) return;
      const periodic = [...this.expanded.values()].filter((n) => n.periodic);
      const ids = new Set(periodic.map((n) => n.id));
      for (const n of periodic) {
        let p = n.parent;
        while (p && !ids.has(p.id)) p = p.parent;
        if (!p) this.refresh(n);
      }
    }, seconds * 1000);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.flush) clearTimeout(this.flush);
    for (const c of this.controllers.values()) c.abort();
    this.watches.dispose();
    this.emitter.dispose();
  }
}
