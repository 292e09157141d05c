// Keeps the Problems panel current: lints YAML documents on open and while typing (debounced, incrementally),
// reports the whole workspace in "workspace" scope, and re-lints when .wharf.yaml, the settings or another file
// changes. Findings are kept per document so that quick fixes and hovers never lint again.
import * as vscode from 'vscode';
import { CONFIG_FILE } from '../lint/config';
import { lintFile } from '../lint/engine';
import { IncrementalLinter } from '../lint/incremental';
import { docsUrl } from '../lint/rules';
import type { Finding, Location } from '../lint/types';
import type { Ctx } from '../ctx';
import { linkedVersionLayer } from './cluster-link';
import { LintConfigs } from './lint-config';
import { MAX_FILE_BYTES, WorkspaceIndex } from './workspace-index';

export const SOURCE = 'wharf';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** LineCounter positions are 1-based with UTF-16 columns, VS Code's 0-based: a plain shift. For unopened files. */
export function toRange(loc: Location): vscode.Range {
  return new vscode.Range(loc.line - 1, loc.column - 1, loc.endLine - 1, loc.endColumn - 1);
}

/** A finding's range in an open document, from its UTF-16 offsets. */
export function rangeIn(doc: vscode.TextDocument, f: Finding): vscode.Range {
  return new vscode.Range(doc.positionAt(f.span.start), doc.positionAt(f.span.end));
}

export function toDiagnostic(f: Finding, range: vscode.Range = toRange(f.location)): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  d.source = SOURCE;
  d.code = { value: f.ruleId, target: vscode.Uri.parse(docsUrl(f.ruleId)) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(r.file), toRange(r.location)), r.message));
  }
  return d;
}

/** Paths in findings are fsPaths for files on disk and the URI itself for untitled documents. */
function uriOf(path: string): vscode.Uri {
  return /^[a-z][\w+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path) ? vscode.Uri.parse(path) : vscode.Uri.file(path);
}

export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
}

/** The finding a diagnostic was made from: same rule, same range, same message. */
export function findingFor(doc: vscode.TextDocument, findings: readonly Finding[], d: vscode.Diagnostic): Finding | undefined {
  const id = ruleIdOf(d);
  return findings.find((f) => f.ruleId === id && f.message === d.message && rangeIn(doc, f).isEqual(d.range));
}

const YAML_NAME = /\.ya?ml$/i;

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly findings = new Map<string, Finding[]>();
  private readonly linters = new Map<string, IncrementalLinter>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly warnedLarge = new Set<string>();
  private readonly configs: LintConfigs;
  private readonly index: WorkspaceIndex;
  private readonly linted = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's findings were published. */
  readonly onDidLint = this.linted.event;
  private readonly disposables: vscode.Disposable[] = [this.collection, this.linted];
  private workspaceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ctx: Ctx) {
    this.configs = new LintConfigs(() => ctx.config.lintLayer, (uri) => linkedVersionLayer(ctx, uri));
    this.index = new WorkspaceIndex(ctx.output, (uri) => this.openDocument(uri) !== undefined);
    this.disposables.push(this.index);
  }

  start(): void {
    const w = vscode.workspace;
    const configWatcher = w.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    this.disposables.push(
      w.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      w.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.schedule(e.document, this.ctx.config.debounceMs)),
      w.onDidCloseTextDocument((d) => void this.closed(d)),
      w.onDidChangeConfiguration((e) => {
        if (!this.ctx.config.affectsLint(e)) return;
        this.configs.invalidate();
        this.relintAll();
      }),
      w.onDidChangeWorkspaceFolders(() => void this.reloadConfigs()),
      configWatcher,
      configWatcher.onDidChange(() => void this.reloadConfigs()),
      configWatcher.onDidCreate(() => void this.reloadConfigs()),
      configWatcher.onDidDelete(() => void this.reloadConfigs()),
      this.index.onDidChange((uri) => this.indexChanged(uri)),
    );
    void this.reloadConfigs();
  }

  /** YAML in a file or an untitled editor; named *.yaml / *.yml counts too when another extension claims its language (Helm, compose, workflows): the engine ignores what isn't Kubernetes. */
  isCandidate(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return false;
    return doc.languageId === 'yaml' || YAML_NAME.test(doc.uri.path);
  }

  findingsFor(uri: vscode.Uri): readonly Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  /** Lints every open document again, and the whole workspace in "workspace" scope. */
  relintAll(): void {
    if (!this.ctx.config.lintEnabled) {
      this.collection.clear();
      this.findings.clear();
      this.linters.clear();
      return;
    }
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
    if (this.ctx.config.lintScope === 'workspace') this.scheduleWorkspace();
    else this.dropClosedFiles();
  }

  /** Lints the document's current text now and publishes the result. */
  lintDocument(doc: vscode.TextDocument): Finding[] {
    const key = doc.uri.toString();
    const text = doc.getText();
    if (text.length > MAX_FILE_BYTES) {
      if (!this.warnedLarge.has(key)) {
        this.warnedLarge.add(key);
        void vscode.window.showInformationMessage(`Wharf: ${vscode.workspace.asRelativePath(doc.uri)} is larger than 2 MB and is not linted in the editor (it would block it); run \`npx wharf lint\` on it instead.`);
      }
      return [];
    }
    let linter = this.linters.get(key);
    if (!linter) this.linters.set(key, (linter = new IncrementalLinter()));
    const t0 = performance.now();
    const { findings } = linter.lint(WorkspaceIndex.pathOf(doc.uri), text, { workspace: this.index.ws, config: this.configs.resolve(doc.uri) });
    const ms = performance.now() - t0;
    if (ms > 50) this.ctx.output.debug(`linted ${vscode.workspace.asRelativePath(doc.uri)} in ${ms.toFixed(0)} ms`);
    this.findings.set(key, findings);
    this.collection.set(doc.uri, findings.map((f) => toDiagnostic(f, rangeIn(doc, f))));
    this.linted.fire(doc.uri);
    // Cross-document rules need the rest of the workspace: the first lint starts the index (once).
    void this.index.ensure();
    return findings;
  }

  /** Lints `text` as if it were `uri`'s content, publishing nothing (fix-all's passes). */
  lintUnpublished(uri: vscode.Uri, text: string, linter: IncrementalLinter): Finding[] {
    return linter.lint(WorkspaceIndex.pathOf(uri), text, { workspace: this.index.ws, config: this.configs.resolve(uri) }).findings;
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!this.isCandidate(doc) || !this.ctx.config.lintEnabled) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.lintDocument(doc);
      }, delay),
    );
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key && this.isCandidate(d));
  }

  private async reloadConfigs(): Promise<void> {
    for (const entry of await this.configs.loadAll()) {
      if (entry.problems.length) this.collection.set(entry.uri, entry.problems.map((f) => toDiagnostic(f)));
      else this.collection.delete(entry.uri);
    }
    this.relintAll();
  }

  private indexChanged(uri: vscode.Uri | undefined): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
    if (uri && this.ctx.config.lintScope !== 'workspace' && !this.openDocument(uri) && !this.index.ws.get(WorkspaceIndex.pathOf(uri))) {
      this.collection.delete(uri);
    }
    if (this.ctx.config.lintScope === 'workspace') this.scheduleWorkspace();
  }

  private async closed(doc: vscode.TextDocument): Promise<void> {
    if (!this.isCandidate(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.linters.delete(key);
    if (this.ctx.config.lintScope === 'openFiles' || doc.uri.scheme === 'untitled') {
      this.collection.delete(doc.uri);
      this.findings.delete(key);
    }
    // What is on disk counts again for cross-document rules (an untitled document leaves the index).
    if (doc.uri.scheme === 'file') await this.index.read(doc.uri);
    else this.index.ws.delete(WorkspaceIndex.pathOf(doc.uri));
    this.relintAll();
  }

  /** Several files change at once (a branch switch): lint the workspace once they have settled. */
  private scheduleWorkspace(): void {
    clearTimeout(this.workspaceTimer);
    this.workspaceTimer = setTimeout(() => void this.lintWorkspace(), 300);
  }

  private async lintWorkspace(): Promise<void> {
    await this.index.ensure();
    if (this.ctx.config.lintScope !== 'workspace' || !this.ctx.config.lintEnabled) return;
    for (const file of [...this.index.ws.allFiles()]) {
      const uri = uriOf(file.path);
      if (this.openDocument(uri) || file.objects.length === 0) continue;
      const findings = lintFile(file, { workspace: this.index.ws, config: this.configs.resolve(uri) });
      this.findings.set(uri.toString(), findings);
      this.collection.set(uri, findings.map((f) => toDiagnostic(f)));
    }
  }

  /** In "openFiles" scope, nothing is reported for files that are not open (after a switch from "workspace"). */
  private dropClosedFiles(): void {
    this.collection.forEach((uri) => {
      if (uri.path.endsWith(`/${CONFIG_FILE}`) || this.openDocument(uri)) return;
      this.collection.delete(uri);
      this.findings.delete(uri.toString());
    });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    clearTimeout(this.workspaceTimer);
    for (const d of this.disposables) d.dispose();
  }
}
