// Quick fixes for Wharf's diagnostics: the rule's safe fix (preferred), its suggestions, and suppressions; plus a
// source action that applies every safe fix in the file. Uses the kept findings; never lints.
import * as vscode from 'vscode';
import { ENGINE_RULES } from '../lint/engine-rules';
import type { Finding, TextEdit } from '../lint/types';
import { findingFor, ruleIdOf, type DiagnosticsController } from './diagnostics';
import { disableForDocument, disableForLine } from './suppress-edits';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('wharf');

function workspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
  return we;
}

/** Whether a request for `only` (undefined: everything, as the lightbulb asks) wants actions of `kind`. */
function wants(only: vscode.CodeActionKind | undefined, kind: vscode.CodeActionKind): boolean {
  return !only || only.contains(kind) || kind.contains(only);
}

export class WharfCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly lint: DiagnosticsController) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.lint.findingsFor(doc.uri);
    const actions: vscode.CodeAction[] = [];
    if (wants(context.only, vscode.CodeActionKind.QuickFix)) {
      for (const d of context.diagnostics) {
        if (!ruleIdOf(d)) continue; // another extension's diagnostic
        const f = findingFor(doc, findings, d);
        if (f) actions.push(...this.forFinding(doc, d, f));
      }
    }
    if (wants(context.only, FIX_ALL_KIND) && findings.some((f) => f.fix)) {
      const all = new vscode.CodeAction('Fix all safe Wharf problems', FIX_ALL_KIND);
      all.command = { command: 'wharf.lint.fixAll', title: 'Fix all safe Wharf problems', arguments: [doc.uri] };
      actions.push(all);
    }
    return actions;
  }

  private forFinding(doc: vscode.TextDocument, d: vscode.Diagnostic, f: Finding): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const action = (title: string, edits: readonly TextEdit[], preferred = false) => {
      const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      a.edit = workspaceEdit(doc, edits);
      a.diagnostics = [d];
      a.isPreferred = preferred;
      out.push(a);
    };
    // Edits are made on first use; one that can't be made for this text has none and is not offered.
    if (f.fix && f.fix.edits.length) action(f.fix.title, f.fix.edits, true);
    for (const s of f.suggestions ?? []) if (s.edits.length) action(`${s.title} (changes behaviour)`, s.edits);
    const id = f.ruleId;
    // The engine's own findings (syntax errors, unknown ids, Helm) are not rules: comments don't suppress them.
    if (ENGINE_RULES.some((r) => r.id === id)) return out;
    const text = doc.getText();
    const line = disableForLine(text, f.span.start, id);
    if (line.text) action(`Disable ${id} for this line`, [line]);
    action(`Disable ${id} for this document`, [disableForDocument(text, f.span.start, id)]);
    return out;
  }
}
