// "Fix all safe problems in this file": like ESLint, apply every non-overlapping safe fix, re-lint, repeat (at
// most 10 passes), all on the text in memory; then one WorkspaceEdit, so that a single undo reverts it.
import * as vscode from 'vscode';
import { fixPass, MAX_FIX_PASSES } from '../lint/edit';
import { IncrementalLinter } from '../lint/incremental';
import type { Ctx } from '../ctx';
import { commonEdit } from './text-diff';

/** Fixes the document `target` names (a URI from the source action), else the active editor's. */
export async function fixAll(ctx: Ctx, target?: unknown): Promise<number> {
  const doc = target instanceof vscode.Uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString()) : vscode.window.activeTextEditor?.document;
  if (!doc || !ctx.lint.isCandidate(doc)) {
    void vscode.window.showInformationMessage('Wharf: open a Kubernetes YAML file to fix its problems.');
    return 0;
  }
  const original = doc.getText();
  const version = doc.version;
  const linter = new IncrementalLinter();
  let text = original;
  let applied = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const next = fixPass(text, ctx.lint.lintUnpublished(doc.uri, text, linter));
    if (next.fixed.length === 0) break;
    text = next.text;
    applied += next.fixed.length;
  }
  const edit = commonEdit(original, text);
  // Typing meanwhile would make the offsets wrong: then do nothing rather than corrupt the file.
  if (edit && doc.version === version) {
    const we = new vscode.WorkspaceEdit();
    we.replace(doc.uri, new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end)), edit.text);
    await vscode.workspace.applyEdit(we);
  }
  ctx.lint.lintDocument(doc);
  if (applied === 0) vscode.window.setStatusBarMessage('Wharf: nothing to fix safely in this file', 3000);
  return applied;
}
