// "Fix all safe problems in this file": like ESLint, apply every non-overlapping safe fix, re-lint, repeat.
import * as vscode from 'vscode';
import { selectNonOverlapping } from '../lint/edit';
import type { Ctx } from '../ctx';

const MAX_PASSES = 10;

export async function fixAllInEditor(ctx: Ctx, editor: vscode.TextEditor | undefined): Promise<number> {
  if (!editor || !ctx.lint.isCandidate(editor.document)) {
    void vscode.window.showInformationMessage('Wharf: open a Kubernetes YAML file to fix its problems.');
    return 0;
  }
  const doc = editor.document;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = ctx.lint.lintDocument(doc).flatMap((f) => (f.fix ? [f.fix] : []));
    const { taken, edits } = selectNonOverlapping(fixes);
    if (edits.length === 0) break;
    const we = new vscode.WorkspaceEdit();
    for (const e of edits) we.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
    if (!(await vscode.workspace.applyEdit(we))) break;
    applied += taken.length;
  }
  ctx.lint.lintDocument(doc);
  return applied;
}
