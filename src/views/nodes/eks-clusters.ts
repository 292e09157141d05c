// The "EKS" folder of a Region: cluster names a page (100) at a time, then DescribeCluster for the shown names with
// bounded concurrency, each row updating as its details arrive. Names appear before any describe returns.
import { mapLimit } from '../../aws/concurrency';
import type { Page } from '../../page';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { contextValue } from '../present';
import type { AwsScope } from '../target';
import { isAbort } from './error';
import { EksClusterNode } from './eks-cluster';
import { PagedNode } from './paged';

/** DescribeCluster calls in flight per folder: enough to fill a screen quickly, few enough not to be throttled. */
export const DESCRIBE_CONCURRENCY = 6;

export class EksClustersNode extends PagedNode<string> {
  override readonly periodic = true;

  constructor(parent: TreeNode | undefined, ctx: TreeContext, readonly scope: AwsScope) {
    super(parent, 'eks', ctx);
    this.target = { type: 'region', ...scope };
  }

  treeItem(): ItemView {
    const n = this.items?.length;
    return {
      label: 'EKS',
      description: n === undefined ? undefined : `${n}${this.next ? '+' : ''} ${n === 1 ? 'cluster' : 'clusters'}`,
      tooltip: `Amazon EKS clusters in ${this.scope.region}`,
      contextValue: contextValue('folder', { eksClusters: true }),
      icon: { media: 'eks' },
      collapsible: 'collapsed',
    };
  }

  protected fetch(next: string | undefined, signal: AbortSignal): Promise<Page<string>> {
    return this.ctx.backend.eksClusterNames(this.scope, next, signal);
  }
  protected keyOf(name: string): string {
    return name;
  }
  protected row(name: string, existing: TreeNode | undefined): TreeNode {
    return existing ?? new EksClusterNode(this, this.ctx, this.scope, name);
  }
  protected emptyText(): string {
    return `No EKS clusters in ${this.scope.region}`;
  }

  protected override afterRender(rows: TreeNode[], signal: AbortSignal): void {
    const todo = (rows as EksClusterNode[]).filter((r) => r.needsDetails());
    if (!todo.length) return;
    for (const r of todo) r.describing = true;
    void mapLimit(
      todo,
      DESCRIBE_CONCURRENCY,
      async (r) => {
        try {
          r.setDetails(await this.ctx.backend.eksCluster(this.scope, r.name, signal));
        } catch (e) {
          if (isAbort(e) || signal.aborted) return r.setAborted();
          r.setError(e);
        }
        this.ctx.changed(r);
      },
      signal,
    ).catch(() => {
      // Aborted (collapse or refresh): rows not yet described describe on the next expansion.
      for (const r of todo) if (r.describing) r.setAborted();
    });
  }
}
