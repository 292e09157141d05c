// A node whose children are a server-side paged list: the first page on expand, then a "Load more" child that
// fetches `next`. Rows are kept by key and updated in place, so a re-render keeps the same node objects (and their
// own loaded children) and only the changed rows look different.
import type { Page } from '../../page';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, contextValue } from '../present';
import { LoadMoreNode, type Pageable } from './load-more';
import { MessageNode } from './message';

export abstract class PagedNode<T> extends TreeNode implements Pageable {
  protected items: T[] | undefined;
  protected next: string | undefined;
  private readonly rows = new Map<string, TreeNode>();
  private more: LoadMoreNode | undefined;

  protected abstract fetch(next: string | undefined, signal: AbortSignal): Promise<Page<T>>;
  protected abstract keyOf(item: T): string;
  /** A new row for `item`, or `existing` updated with it. */
  protected abstract row(item: T, existing: TreeNode | undefined): TreeNode;
  protected abstract emptyText(): string;
  /** Fixed children shown before the rows (a "Standalone tasks" folder...). */
  protected head(): TreeNode[] {
    return [];
  }
  /** Called after each render with the rows: start fetching their details here. */
  protected afterRender(_rows: TreeNode[], _signal: AbortSignal): void {}

  get loaded(): boolean {
    return this.items !== undefined;
  }

  override async children(signal: AbortSignal): Promise<TreeNode[]> {
    if (!this.items) {
      const page = await this.fetch(undefined, signal);
      this.items = page.items;
      this.next = page.next;
    }
    const rows = this.items.map((item) => {
      const key = this.keyOf(item);
      const node = this.row(item, this.rows.get(key));
      this.rows.set(key, node);
      return node;
    });
    this.afterRender(rows, signal);
    const out = [...this.head(), ...rows];
    if (this.next) out.push((this.more ??= new LoadMoreNode(this, this.ctx)));
    else if (!rows.length) out.push(new MessageNode(this, this.ctx, this.emptyText()));
    return out;
  }

  async loadMore(signal: AbortSignal): Promise<void> {
    if (!this.items || !this.next) return;
    const page = await this.fetch(this.next, signal);
    this.items = [...this.items, ...page.items];
    this.next = page.next;
  }

  override reset(): void {
    this.items = undefined;
    this.next = undefined;
    this.rows.clear();
  }
}

export interface ListFolderOptions<T> {
  key: string;
  label: string;
  kind: string;
  icon?: ItemView['icon'];
  description?: () => string | undefined;
  fetch: (signal: AbortSignal) => Promise<T[]>;
  keyOf: (item: T) => string;
  row: (parent: TreeNode, item: T, existing: TreeNode | undefined) => TreeNode;
  empty: string;
  target?: TreeNode['target'];
}

/** A folder over one unpaged list (node groups, add-ons, access entries...). */
export class ListFolderNode<T> extends PagedNode<T> {
  override readonly periodic = true;

  constructor(parent: TreeNode, ctx: TreeContext, private readonly o: ListFolderOptions<T>) {
    super(parent, o.key, ctx);
    this.target = o.target ?? parent.target;
  }

  treeItem(): ItemView {
    const count = this.items ? String(this.items.length) : undefined;
    return { label: this.o.label, description: this.o.description?.() ?? count, contextValue: contextValue('folder', { [this.o.kind]: true }), icon: this.o.icon ?? ICON.folder, collapsible: 'collapsed' };
  }

  protected async fetch(_next: string | undefined, signal: AbortSignal): Promise<Page<T>> {
    return { items: await this.o.fetch(signal) };
  }
  protected keyOf(item: T): string {
    return this.o.keyOf(item);
  }
  protected row(item: T, existing: TreeNode | undefined): TreeNode {
    return this.o.row(this, item, existing);
  }
  protected emptyText(): string {
    return this.o.empty;
  }
}
