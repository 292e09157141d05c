// A row that only says something: an empty list ("No EKS clusters in eu-west-1") or a note. Never a blank level.
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON } from '../present';

export class MessageNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, private readonly text: string, private readonly detail?: string) {
    super(parent, '~message', ctx);
  }

  treeItem(): ItemView {
    return { label: this.text, tooltip: this.detail, contextValue: 'message', icon: ICON.info, collapsible: 'none' };
  }
}
