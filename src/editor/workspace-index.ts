// The workspace's YAML for cross-document rules (an HPA in one file scaling a Deployment in another). Built on
// first need, not at activation; capped and cancellable; kept current by a file watcher. Open documents are not
// read from disk: their in-memory text, which the diagnostics controller puts in the index, wins.
import * as vscode from 'vscode';
import { parseSource } from '../lint/source';
import { Workspace } from '../lint/workspace';

/** The engine is synchronous; beyond this a file would stall the extension host, so it is skipped. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_INDEXED_FILES = 5000;
export const YAML_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';

export class WorkspaceIndex implements vscode.Disposable {
  readonly ws = new Workspace();
  private building: Promise<void> | undefined;
  private readonly cancel = new vscode.CancellationTokenSource();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** A file of the workspace was added, changed or removed on disk (undefined: the first build finished). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.cancel, this.changed];

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly isOpen: (uri: vscode.Uri) => boolean,
  ) {}

  /** Starts the build on first call; later calls wait for the same build. */
  ensure(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  static pathOf(uri: vscode.Uri): string {
    return uri.scheme === 'file' ? uri.fsPath : uri.toString();
  }

  private async build(): Promise<void> {
    const t0 = Date.now();
    const token = this.cancel.token;
    const uris = await vscode.workspace.findFiles(YAML_GLOB, EXCLUDE_GLOB, MAX_INDEXED_FILES, token);
    let n = 0;
    for (const uri of uris) {
      if (token.isCancellationRequested) return;
      await this.read(uri);
      // Parsing is synchronous: give the extension host a turn now and then so typing stays responsive.
      if (++n % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    const watcher = vscode.workspace.createFileSystemWatcher(YAML_GLOB);
    const update = (uri: vscode.Uri) => void this.read(uri).then(() => this.changed.fire(uri));
    this.disposables.push(
      watcher,
      watcher.onDidCreate(update),
      watcher.onDidChange(update),
      watcher.onDidDelete((uri) => {
        this.ws.delete(WorkspaceIndex.pathOf(uri));
        this.changed.fire(uri);
      }),
    );
    const capped = uris.length >= MAX_INDEXED_FILES ? ` (capped at ${MAX_INDEXED_FILES}: cross-document rules may miss objects)` : '';
    this.output.info(`indexed ${uris.length} YAML files in ${Date.now() - t0} ms${capped}`);
    this.changed.fire(undefined);
  }

  /** Reads a file from disk into the index, unless it is open (the editor's text wins) or too large. */
  async read(uri: vscode.Uri): Promise<void> {
    if (this.isOpen(uri)) return;
    const path = WorkspaceIndex.pathOf(uri);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES) {
        this.ws.delete(path);
        return;
      }
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      // Opened while it was being read: the editor's text is already in the index.
      if (!this.isOpen(uri)) this.ws.set(parseSource(path, text));
    } catch {
      this.ws.delete(path);
    }
  }

  dispose(): void {
    this.cancel.cancel();
    for (const d of this.disposables) d.dispose();
  }
}
