// Quick fixes for Wharf's diagnostics: the rule's safe fix (preferred), its suggestions, and suppressions; plus a
// source action that applies every safe fix in the file.
import * as vscode from 'vscode';
import type { Finding, TextEdit } from '../lint/types';
import type { LintService } from './lint-service';
import { findingFor, ruleIdOf } from './diagnostics';
import { disableForDocument, disableForLine } from './suppress-edits';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('wharf');

function workspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
  return we;
}

export class WharfCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly lint: LintService) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.lint.findingsFor(doc.uri);
    const actions: vscode.CodeAction[] = [];
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
    if (wantsQuickFix) {
      for (const d of context.diagnostics) {
        const f = findingFor(findings, d);
        if (!f) continue;
        actions.push(...this.forFinding(doc, d, f));
      }
    }
    const wantsFixAll = !context.only || context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only);
    if (wantsFixAll && findings.some((f) => f.fix)) {
      const all = new vscode.CodeAction('Fix all safe Wharf problems', FIX_ALL_KIND);
      all.command = { command: 'wharf.lint.fixAll', title: 'Fix all safe Wharf problems' };
      actions.push(all);
    }
    return actions;
  }

  private forFinding(doc: vscode.TextDocument, d: vscode.Diagnostic, f: Finding): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    if (f.fix) {
      const a = new vscode.CodeAction(f.fix.title, vscode.CodeActionKind.QuickFix);
      a.edit = workspaceEdit(doc, f.fix.edits);
      a.diagnostics = [d];
      a.isPreferred = true;
      out.push(a);
    }
    for (const s of f.suggestions ?? []) {
      const a = new vscode.CodeAction(`${s.title} (changes behaviour)`, vscode.CodeActionKind.QuickFix);
      a.edit = workspaceEdit(doc, s.edits);
      a.diagnostics = [d];
      out.push(a);
    }
    const id = ruleIdOf(d)!;
    const text = doc.getText();
    const line = new vscode.CodeAction(`Disable ${id} for this line`, vscode.CodeActionKind.QuickFix);
    line.edit = workspaceEdit(doc, [disableForLine(text, f.span.start, id)]);
    line.diagnostics = [d];
    out.push(line);
    const docStart = docStartOf(text, f.span.start);
    const whole = new vscode.CodeAction(`Disable ${id} for this document`, vscode.CodeActionKind.QuickFix);
    whole.edit = workspaceEdit(doc, [disableForDocument(text, docStart, id)]);
    whole.diagnostics = [d];
    out.push(whole);
    return out;
  }
}

/** Start of the YAML document holding `offset`: after the last `---` line before it, or the file start. */
export function docStartOf(text: string, offset: number): number {
  const re = /^---[^\S\n]*(?:#.*)?$/gm;
  let start = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! >= offset) break;
    start = m.index!;
  }
  return start;
}
