// The cluster's verdicts as diagnostics, in a collection of their own ('wharf-cluster'), so the linter's re-lint on
// every keystroke never clears them and they never pass for lint findings. They describe the text that was sent:
// editing a file clears its cluster diagnostics (they would point at moved text); validating again brings them back.
import * as vscode from 'vscode';
import type { ObjectOutcome } from '../../kube/dry-run';
import { toLocation, type SourceFile } from '../../lint/source';

export const CLUSTER_SOURCE = 'Wharf (cluster)';

export class ClusterDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('wharf-cluster');
  private readonly subscriptions: vscode.Disposable[] = [this.collection];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.collection.delete(e.document.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
  }

  /** Publishes what the cluster said about each object of `file` (the text that was sent). */
  set(uri: vscode.Uri, file: SourceFile, outcomes: readonly ObjectOutcome[], clusterLabel: string): vscode.Diagnostic[] {
    const diags = outcomes.flatMap((o) =>
      o.findings.map((f) => {
        const loc = toLocation(file, f.span);
        const d = new vscode.Diagnostic(
          new vscode.Range(loc.line - 1, loc.column - 1, loc.endLine - 1, loc.endColumn - 1),
          `${f.message} (${clusterLabel})`,
          f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        d.source = CLUSTER_SOURCE;
        d.code = f.code;
        return d;
      }),
    );
    this.collection.set(uri, diags);
    return diags;
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }
}
