// The explorer's presence in the activation bundle: the TreeView, with a provider that loads the explorer entry
// (dist/explorer.js, through ctx.explorer()) the first time VS Code asks it for anything, then delegates. Only
// `vscode` and types are imported here, so activation parses no tree, AWS SDK or Kubernetes code.
import * as vscode from 'vscode';
import type { Ctx, ExplorerApi } from '../ctx';

export const VIEW_ID = 'wharf.explorer';

export function registerExplorerView(ctx: Ctx): void {
  const changes = new vscode.EventEmitter<unknown>();
  let api: ExplorerApi | undefined;
  const load = (): ExplorerApi['provider'] => {
    if (!api) {
      const a = ctx.explorer();
      api = a;
      ctx.subscribe(a.provider.onDidChangeTreeData((e) => changes.fire(e)));
      ctx.subscribe(a.attach(view));
    }
    return api.provider;
  };
  type Node = Parameters<ExplorerApi['provider']['getTreeItem']>[0];
  const shim: vscode.TreeDataProvider<unknown> = {
    onDidChangeTreeData: changes.event,
    getChildren: (element) => load().getChildren(element as Node | undefined),
    getTreeItem: (element) => load().getTreeItem(element as Node),
    getParent: (element) => load().getParent(element as Node),
    resolveTreeItem: (item) => item,
  };
  // VS Code asks for children only after this returns, so `load` always sees the view.
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: shim, showCollapseAll: true });
  ctx.subscribe(view, changes);
}
