// Findings as VS Code diagnostics: source "wharf", the rule id as a code linking to its docs, related documents.
import * as vscode from 'vscode';
import { docsUrl } from '../lint/rules';
import type { Finding, Location } from '../lint/types';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export const SOURCE = 'wharf';

/** LineCounter positions are 1-based with UTF-16 columns, as VS Code's are 0-based: a plain shift. */
export function toRange(loc: Location): vscode.Range {
  return new vscode.Range(loc.line - 1, loc.column - 1, loc.endLine - 1, loc.endColumn - 1);
}

export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.location), f.message, SEVERITY[f.severity]);
  d.source = SOURCE;
  d.code = { value: f.ruleId, target: vscode.Uri.parse(docsUrl(f.ruleId)) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(r.file), toRange(r.location)), r.message));
  }
  return d;
}

export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
}

/** The finding a diagnostic was made from: same rule, same range. */
export function findingFor(findings: readonly Finding[], d: vscode.Diagnostic): Finding | undefined {
  const id = ruleIdOf(d);
  return findings.find((f) => f.ruleId === id && toRange(f.location).isEqual(d.range) && f.message === d.message);
}
