// The extension's context: it owns every disposable, the output channel and the services, which are created on
// first use so that activation stays cheap. The features live in their own bundles (dist/editor.js,
// dist/explorer.js), loaded through src/lazy.ts the first time something needs them: the imports of them below are
// type-only, so the activation bundle never contains the lint engine, `yaml`, the AWS SDK or the Kubernetes client.
import * as vscode from 'vscode';
import { Config } from './config';
import type { DiagnosticsController } from './editor/diagnostics';
import { loadEntry } from './lazy';

export type EditorEntry = typeof import('./editor/index');
export type ExplorerEntry = typeof import('./views/index');
export type ExplorerApi = ReturnType<ExplorerEntry['activateExplorer']>;

export class Ctx implements vscode.Disposable {
  readonly config = new Config();
  readonly output: vscode.LogOutputChannel;
  private editorEntry: EditorEntry | undefined;
  private diagnostics: DiagnosticsController | undefined;
  private explorerApi: ExplorerApi | undefined;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Wharf', { log: true });
    this.subscribe(this.output);
  }

  subscribe(...disposables: vscode.Disposable[]): void {
    this.extension.subscriptions.push(...disposables);
  }

  /** The linter in the editor (dist/editor.js): loaded, and its diagnostics, quick fixes and hovers registered, once. */
  editor(): EditorEntry {
    if (!this.editorEntry) {
      const t0 = performance.now();
      // Set before registering: registration reads `lint`, which comes back here.
      this.editorEntry = loadEntry<EditorEntry>('editor');
      this.editorEntry.registerEditorFeatures(this);
      this.output.debug(`editor features loaded in ${(performance.now() - t0).toFixed(1)} ms`);
    }
    return this.editorEntry;
  }

  /** The linter's diagnostics, created with the editor features on first use. */
  get lint(): DiagnosticsController {
    if (!this.diagnostics) {
      const entry = this.editorEntry ?? this.editor();
      // editor() may have made them already, through registerEditorFeatures.
      if (!this.diagnostics) {
        this.diagnostics = entry.createDiagnostics(this);
        this.subscribe(this.diagnostics);
      }
    }
    return this.diagnostics;
  }

  /** The explorer (dist/explorer.js): tree, nodes, connections and explorer commands, activated on first use. */
  explorer(): ExplorerApi {
    if (!this.explorerApi) {
      const t0 = performance.now();
      const api = loadEntry<ExplorerEntry>('explorer').activateExplorer(this);
      this.explorerApi = api;
      this.subscribe({ dispose: () => api.dispose() });
      this.output.debug(`explorer loaded in ${(performance.now() - t0).toFixed(1)} ms`);
    }
    return this.explorerApi;
  }

  dispose(): void {
    // Everything is in extension.subscriptions; VS Code disposes them on deactivation.
  }
}
