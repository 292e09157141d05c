// A Kubernetes list under a node (a namespace's Deployments, a workload's Pods, the cluster's Nodes): the first page
// (500) on expand with "Load more" for the next; while expanded and visible, watch.ts keeps it current and hands the
// whole current list to `live().apply`, after which "Load more" reveals the next 500 of what is already here.
import type { KubeObject, ResourceKind } from '../../kube/model';
import type { KubeListOptions } from '../backend';
import { TreeNode, type ItemView, type LiveSpec, type TreeContext } from '../node';
import { ICON, contextValue } from '../present';
import type { EksClusterRef } from '../target';
import { LoadMoreNode, type Pageable } from './load-more';
import { MessageNode } from './message';

export const KUBE_PAGE = 500;

export interface KubeListSpec {
  key: string;
  label: string;
  kind: string;
  icon?: ItemView['icon'];
  cluster: EksClusterRef;
  resource: ResourceKind;
  namespace?: string;
  labelSelector?: string;
  /** Client-side filter (bare pods: no controller owner). */
  filter?: (o: KubeObject) => boolean;
  sort?: (a: KubeObject, b: KubeObject) => number;
  row: (parent: TreeNode, o: KubeObject, existing: TreeNode | undefined) => TreeNode;
  empty: string;
  /** Description of the folder from its items (else the count). */
  describe?: (items: KubeObject[]) => string | undefined;
}

export function objectKey(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

/** The list itself, shown as the children of `owner` (a folder, or a workload whose children are its pods). */
export class KubeList {
  private items: KubeObject[] | undefined;
  /** The server has more pages. */
  private more = false;
  /** The continue token of our own paging (before a watch runs). */
  private next: string | undefined;
  private pagesLoaded = 0;
  /** The running watch, while the owner is expanded and the view visible: "Load more" goes through it. */
  private handle: { loadMore(signal: AbortSignal): Promise<void> } | undefined;
  private readonly rows = new Map<string, TreeNode>();
  private moreNode: LoadMoreNode | undefined;

  constructor(private readonly owner: TreeNode & Pageable, private readonly ctx: TreeContext, readonly spec: KubeListSpec) {}

  get loaded(): boolean {
    return this.items !== undefined;
  }

  /** The filtered, sorted items, or undefined before the first page. */
  visible(): KubeObject[] | undefined {
    if (!this.items) return undefined;
    let list = this.items;
    if (this.spec.filter) list = list.filter(this.spec.filter);
    if (this.spec.sort) list = [...list].sort(this.spec.sort);
    return list;
  }

  /** "12", "500+" (more on the server), or the spec's own summary. */
  countText(): string | undefined {
    const list = this.visible();
    if (!list) return undefined;
    return this.spec.describe?.(list) ?? `${list.length}${this.more ? '+' : ''}`;
  }

  private options(next?: string): KubeListOptions {
    return { namespace: this.spec.namespace, labelSelector: this.spec.labelSelector, limit: KUBE_PAGE, continue: next };
  }

  async children(signal: AbortSignal): Promise<TreeNode[]> {
    if (!this.items) {
      const page = await this.ctx.backend.kubeList(this.spec.cluster, this.spec.resource, this.options(), signal);
      this.items = page.items;
      this.next = page.next;
      this.more = !!page.next;
      this.pagesLoaded = Math.max(1, this.pagesLoaded);
    }
    const list = this.visible()!;
    const out = list.map((o) => {
      const key = objectKey(o);
      const node = this.spec.row(this.owner, o, this.rows.get(key));
      this.rows.set(key, node);
      return node;
    });
    if (this.more) {
      this.moreNode ??= new LoadMoreNode(this.owner, this.ctx);
      this.moreNode.loading = false;
      out.push(this.moreNode);
    } else if (!out.length) {
      out.push(new MessageNode(this.owner, this.ctx, this.spec.empty));
    }
    return out;
  }

  async loadMore(signal: AbortSignal): Promise<void> {
    if (!this.items || !this.more) return;
    this.pagesLoaded++;
    if (this.handle) return this.handle.loadMore(signal);
    const page = await this.ctx.backend.kubeList(this.spec.cluster, this.spec.resource, this.options(this.next), signal);
    this.items = [...this.items, ...page.items];
    this.next = page.next;
    this.more = !!page.next;
  }

  live(): LiveSpec {
    return {
      key: this.owner.id,
      cluster: this.spec.cluster,
      resource: this.spec.resource,
      namespace: this.spec.namespace,
      labelSelector: this.spec.labelSelector,
      pages: () => Math.max(1, this.pagesLoaded),
      apply: (items, more) => {
        this.items = items;
        this.more = more;
        this.next = undefined;
        const keep = new Set(items.map(objectKey));
        for (const k of this.rows.keys()) if (!keep.has(k)) this.rows.delete(k);
        this.ctx.changed(this.owner);
      },
      bind: (handle) => {
        this.handle = handle;
        // The list goes stale without its watch, and our own continue token belongs to an older snapshot: list
        // afresh next time, as many pages as were shown.
        if (!handle && this.items) {
          const pages = this.pagesLoaded;
          this.reset();
          this.pagesLoaded = pages;
        }
      },
    };
  }

  reset(): void {
    this.items = undefined;
    this.next = undefined;
    this.more = false;
    this.pagesLoaded = 0;
    this.rows.clear();
  }
}

/** A folder over one Kubernetes list. */
export class KubeListNode extends TreeNode implements Pageable {
  readonly list: KubeList;

  constructor(parent: TreeNode, ctx: TreeContext, readonly spec: KubeListSpec) {
    super(parent, spec.key, ctx);
    this.target = parent.target;
    this.list = new KubeList(this, ctx, spec);
  }

  treeItem(): ItemView {
    return { label: this.spec.label, description: this.list.countText(), contextValue: contextValue('folder', { [this.spec.kind]: true }), icon: this.spec.icon ?? ICON.folder, collapsible: 'collapsed' };
  }

  override children(signal: AbortSignal): Promise<TreeNode[]> {
    return this.list.children(signal);
  }
  loadMore(signal: AbortSignal): Promise<void> {
    return this.list.loadMore(signal);
  }
  override live(): LiveSpec {
    return this.list.live();
  }
  override reset(): void {
    this.list.reset();
  }
}
