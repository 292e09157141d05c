// The "Load more" child of a paged list: clicking it asks the owner for its next page (provider.loadMore).
import { CMD } from '../command-ids';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON } from '../present';

/** A node whose children come in pages. */
export interface Pageable {
  loadMore(signal: AbortSignal): Promise<void>;
}

export class LoadMoreNode extends TreeNode {
  loading = false;

  constructor(readonly owner: TreeNode & Pageable, ctx: TreeContext, private readonly hint?: string) {
    super(owner, '~more', ctx);
  }

  treeItem(): ItemView {
    return {
      label: this.loading ? 'Loading…' : 'Load more',
      description: this.hint,
      contextValue: 'loadMore',
      icon: this.loading ? { codicon: 'loading~spin' } : ICON.loadMore,
      collapsible: 'none',
      command: { command: CMD.loadMore, title: 'Load more', arguments: [this] },
    };
  }
}
