// What every tree node is, as plain data. A node holds a `target` (what it points at) and says how it looks
// (`treeItem()`, a plain ItemView) and what is under it (`children(signal)`). Nodes never import `vscode` and never
// hold an SDK client: they reach AWS and Kubernetes through the Backend that the explorer hands them, so the same
// nodes run in plain Node under unit tests. provider.ts turns an ItemView into a vscode.TreeItem.
import type { KubeObject, ResourceKind } from '../kube/model';
import type { Backend } from './backend';
import type { EksClusterRef, NodeTarget } from './target';

/** A codicon (with an optional theme colour id) or one of our media/ icons (light and dark variants). */
export type Icon = { codicon: string; color?: string } | { media: string };

export interface ItemView {
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  contextValue: string;
  icon?: Icon;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: { command: string; title: string; arguments?: unknown[] };
}

/** A Kubernetes list that stays current while its node is expanded and the view is visible (watch.ts). */
export interface LiveSpec {
  /** Unique per list: the node id. */
  key: string;
  cluster: EksClusterRef;
  resource: ResourceKind;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** How many pages the node shows now: the watch holds as many (and "Load more" asks it for the next). */
  pages(): number;
  /** The whole current list after a change; `more`: the server has further pages. */
  apply(items: KubeObject[], more: boolean): void;
  /** The running watch (or undefined when it stops): "Load more" goes through it while it runs. */
  bind(handle: { loadMore(signal: AbortSignal): Promise<void> } | undefined): void;
}

/** What the explorer gives nodes: data access, and a way to say "show me again". */
export interface TreeContext {
  readonly backend: Backend;
  /** Re-render a node (its label, and its children if expanded); coalesced by the provider. */
  changed(node: TreeNode): void;
  /** Today's date (support phases); tests freeze it. */
  today(): Date;
}

export abstract class TreeNode {
  /** A path of the ancestors' keys: stable across refreshes, so VS Code keeps expansion state. */
  readonly id: string;
  target?: NodeTarget;

  constructor(
    readonly parent: TreeNode | undefined,
    key: string,
    protected readonly ctx: TreeContext,
  ) {
    this.id = parent ? `${parent.id}/${key}` : key;
  }

  abstract treeItem(): ItemView;

  /** Leaves leave this undefined. Errors thrown here become error nodes (provider.ts). */
  children?(signal: AbortSignal): Promise<TreeNode[]>;

  /** Forget loaded children so the next children() fetches again (refresh). */
  reset?(): void;

  /** Set on Kubernetes lists: the watch that keeps them current while expanded and visible. */
  live?(): LiveSpec | undefined;

  /** The AWS nodes the optional refresh interval reloads while expanded. */
  readonly periodic?: boolean;
}
