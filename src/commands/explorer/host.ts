// What the explorer entry (src/views/index.ts) gives the explorer commands. The commands hold no state of their own:
// they read a node's `target` (plain data, views/target.ts), ask the explorer's connections for a session or a
// Kubernetes client, and ask the tree to refresh or reveal. This interface is the whole contract between the two.
import type * as vscode from 'vscode';
import type { AwsSession } from '../../aws/session';
import type { Ctx } from '../../ctx';
import type { KubeClient } from '../../kube/client';
import type { KubeFailure } from '../../kube/model';
import type { AwsScope, EksClusterRef, NodeTarget } from '../../views/target';

/** A node the tree has loaded, for "Go to…": what to show in the quick pick and what to reveal. */
export interface LoadedNode {
  target: NodeTarget;
  label: string;
  description?: string;
  /** The tree element, passed back to reveal(). */
  element: unknown;
}

export interface ExplorerHost {
  readonly ctx: Ctx;
  /** Refreshes one tree element (its children are listed again), or the whole view when none is given. */
  refresh(element?: unknown): void;
  /** The cached session of a scope (profile or SSO account role); one per scope, dropped on a profile switch. */
  session(scope: Omit<AwsScope, 'region'>): AwsSession;
  /** The cached Kubernetes client of an EKS cluster (DescribeCluster endpoint + CA, or an endpoint override). */
  kube(cluster: EksClusterRef, signal?: AbortSignal): Promise<KubeClient>;
  /** Every node the tree has loaded so far (expanded at least once), Kubernetes objects included. */
  loaded(): LoadedNode[];
  /** Selects and focuses a loaded element in the tree. */
  reveal(element: unknown): Promise<void>;
  /**
   * Expands the tree down to what a target points at (a cluster, service or Kubernetes object found by a server-side
   * lookup) and selects it; false when the tree cannot reach it (its level is not shown).
   */
  revealTarget?(target: NodeTarget): Promise<boolean>;
  /** The (profile, Region) pairs the tree shows now: where "Go to…" looks things up by name. */
  scopes(): Promise<AwsScope[]>;
  /** Drops cached sessions and clients (after signing in or entering an MFA code) without changing the settings. */
  resetConnections(): void;
  /** The tree view, for its visibility and selection. */
  readonly view?: vscode.TreeView<unknown>;
}

/**
 * The error node the tree shows for a 401/403 from a cluster, as the commands read it: the failure and the cluster.
 * Menus pass the tree element; any element with these fields works.
 */
export interface AuthFailureElement {
  target: EksClusterRef & { type: string };
  failure: KubeFailure;
}
