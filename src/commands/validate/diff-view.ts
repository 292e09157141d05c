// Read-only documents for "Diff with Live": the live side and the dry-run side of a file's objects, under the
// `wharf-diff` scheme, opened in VS Code's diff editor. Content lives in memory until its document closes.
import * as vscode from 'vscode';

export const DIFF_SCHEME = 'wharf-diff';

export class DiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly content = new Map<string, string>();
  /** The manifest each diff document was made from: Apply run from the diff editor applies that file. */
  private readonly sources = new Map<string, vscode.Uri>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private readonly subscriptions: vscode.Disposable[];
  private serial = 0;

  constructor() {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, this),
      this.changes,
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme !== DIFF_SCHEME) return;
        this.content.delete(d.uri.toString());
        this.sources.delete(d.uri.toString());
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.content.get(uri.toString()) ?? '# This diff is no longer available: run Wharf: Diff with Live again.\n';
  }

  sourceOf(uri: vscode.Uri): vscode.Uri | undefined {
    return this.sources.get(uri.toString());
  }

  /** Opens the diff editor on two texts of the manifest `source`; `where` is the cluster/namespace. */
  async show(source: vscode.Uri, where: string, left: string, right: string): Promise<void> {
    const name = source.path.slice(source.path.lastIndexOf('/') + 1);
    // A fresh pair of URIs per run: the diff editor would otherwise show the previous run's text from its cache.
    const n = ++this.serial;
    const base = name.replace(/\.ya?ml$/i, '');
    const l = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${base}.live.yaml`, query: `run=${n}` });
    const r = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${base}.dry-run.yaml`, query: `run=${n}` });
    this.content.set(l.toString(), left);
    this.content.set(r.toString(), right);
    this.sources.set(l.toString(), source);
    this.sources.set(r.toString(), source);
    await vscode.commands.executeCommand('vscode.diff', l, r, `${name}: live ↔ dry run (${where})`, { preview: true });
  }

  dispose(): void {
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }
}
