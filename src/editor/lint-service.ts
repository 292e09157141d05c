// Keeps diagnostics current: lints YAML documents on open and while typing (debounced), maintains the workspace
// index that cross-document rules read, and reacts to .wharf.yaml and settings changes.
import * as vscode from 'vscode';
import { CONFIG_FILE } from '../lint/config';
import { lintFile } from '../lint/engine';
import { parseSource } from '../lint/source';
import type { Finding } from '../lint/types';
import { Workspace } from '../lint/workspace';
import type { Ctx } from '../ctx';
import { toDiagnostic } from './diagnostics';
import { LintConfigs } from './lint-config';

/** The engine is synchronous; beyond this a file would stall the extension host, so it is skipped with a note. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_INDEXED_FILES = 5000;
const YAML_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';

export class LintService implements vscode.Disposable {
  private readonly ws = new Workspace();
  private readonly collection = vscode.languages.createDiagnosticCollection('wharf');
  private readonly findings = new Map<string, Finding[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly configs: LintConfigs;
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private index: Promise<void> | undefined;
  private readonly warnedLarge = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's findings change (tests and views listen). */
  readonly onDidLint = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    this.configs = new LintConfigs(() => ctx.config.lintLayer);
    this.disposables.push(this.changed);
  }

  start(): void {
    const w = vscode.workspace;
    this.disposables.push(
      w.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      w.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document, this.ctx.config.debounceMs)),
      w.onDidCloseTextDocument((d) => void this.closed(d)),
      w.onDidChangeConfiguration((e) => this.ctx.config.affectsLint(e) && this.relintAll()),
      w.onDidChangeWorkspaceFolders(() => void this.reloadConfigs()),
    );
    const configWatcher = w.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    configWatcher.onDidChange(() => void this.reloadConfigs());
    configWatcher.onDidCreate(() => void this.reloadConfigs());
    configWatcher.onDidDelete(() => void this.reloadConfigs());
    this.disposables.push(configWatcher);
    void this.reloadConfigs();
  }

  private async reloadConfigs(): Promise<void> {
    for (const entry of await this.configs.loadAll()) {
      if (entry.problems.length) this.collection.set(entry.uri, entry.problems.map(toDiagnostic));
      else this.collection.delete(entry.uri);
    }
    this.relintAll();
  }

  /** Lints every open document again, and the whole workspace in workspace scope. */
  relintAll(): void {
    if (!this.ctx.config.lintEnabled) {
      this.collection.clear();
      this.findings.clear();
      return;
    }
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
    if (this.ctx.config.lintScope === 'workspace') void this.lintWorkspace();
  }

  findingsFor(uri: vscode.Uri): readonly Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  isCandidate(doc: vscode.TextDocument): boolean {
    return doc.languageId === 'yaml' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!this.isCandidate(doc) || !this.ctx.config.lintEnabled) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!doc.isClosed) this.lintDocument(doc);
    }, delay));
  }

  /** Lints the document's current text now and publishes the result. */
  lintDocument(doc: vscode.TextDocument): Finding[] {
    const text = doc.getText();
    const key = doc.uri.toString();
    if (text.length > MAX_FILE_BYTES) {
      if (!this.warnedLarge.has(key)) {
        this.warnedLarge.add(key);
        void vscode.window.showInformationMessage(`Wharf: ${vscode.workspace.asRelativePath(doc.uri)} is larger than 2 MB and is not linted in the editor; run \`npx wharf lint\` on it instead.`);
      }
      return [];
    }
    const file = parseSource(this.pathOf(doc.uri), text);
    this.ws.set(file);
    const findings = lintFile(file, { workspace: this.ws, config: this.configs.resolve(doc.uri) });
    this.publish(doc.uri, findings);
    // Cross-document rules need the rest of the workspace: index it once, then re-lint what is open.
    if (!this.index) this.index = this.buildIndex().then(() => this.relintAll());
    return findings;
  }

  private publish(uri: vscode.Uri, findings: Finding[]): void {
    this.findings.set(uri.toString(), findings);
    this.collection.set(uri, findings.map(toDiagnostic));
    this.changed.fire(uri);
  }

  private pathOf(uri: vscode.Uri): string {
    return uri.scheme === 'file' ? uri.fsPath : uri.toString();
  }

  private async closed(doc: vscode.TextDocument): Promise<void> {
    if (!this.isCandidate(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    if (this.ctx.config.lintScope === 'openFiles') {
      this.collection.delete(doc.uri);
      this.findings.delete(key);
    }
    // What is on disk counts again for cross-document rules.
    await this.indexFile(doc.uri);
  }

  private async indexFile(uri: vscode.Uri): Promise<void> {
    const path = this.pathOf(uri);
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed)) return; // the editor's text wins
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES) return;
      this.ws.set(parseSource(path, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))));
    } catch {
      this.ws.delete(path);
    }
  }

  private async buildIndex(): Promise<void> {
    const t0 = Date.now();
    const uris = await vscode.workspace.findFiles(YAML_GLOB, EXCLUDE_GLOB, MAX_INDEXED_FILES);
    for (const uri of uris) await this.indexFile(uri);
    const watcher = vscode.workspace.createFileSystemWatcher(YAML_GLOB);
    const update = (uri: vscode.Uri) => void this.indexFile(uri).then(() => this.relintAll());
    watcher.onDidCreate(update);
    watcher.onDidChange(update);
    watcher.onDidDelete((uri) => {
      this.ws.delete(this.pathOf(uri));
      this.collection.delete(uri);
      this.relintAll();
    });
    this.disposables.push(watcher);
    this.ctx.output.info(`indexed ${uris.length} YAML files in ${Date.now() - t0} ms${uris.length >= MAX_INDEXED_FILES ? ` (capped at ${MAX_INDEXED_FILES})` : ''}`);
  }

  private async lintWorkspace(): Promise<void> {
    if (!this.index) this.index = this.buildIndex();
    await this.index;
    const open = new Set(vscode.workspace.textDocuments.map((d) => this.pathOf(d.uri)));
    for (const file of [...this.ws.allFiles()]) {
      if (open.has(file.path) || file.objects.length === 0) continue;
      const uri = vscode.Uri.file(file.path);
      this.publish(uri, lintFile(file, { workspace: this.ws, config: this.configs.resolve(uri) }));
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
