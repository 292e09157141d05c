// The extension's context: it owns every disposable, the output channel and the services, which are created on
// first use so that activation stays cheap.
import * as vscode from 'vscode';
import { Config } from './config';
import { DiagnosticsController } from './editor/diagnostics';

export class Ctx implements vscode.Disposable {
  readonly config = new Config();
  readonly output: vscode.LogOutputChannel;
  private diagnostics: DiagnosticsController | undefined;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Wharf', { log: true });
    this.subscribe(this.output);
  }

  subscribe(...disposables: vscode.Disposable[]): void {
    this.extension.subscriptions.push(...disposables);
  }

  /** The linter's diagnostics, created on first use. */
  get lint(): DiagnosticsController {
    if (!this.diagnostics) {
      this.diagnostics = new DiagnosticsController(this);
      this.subscribe(this.diagnostics);
    }
    return this.diagnostics;
  }

  dispose(): void {
    // Everything is in extension.subscriptions; VS Code disposes them on deactivation.
  }
}
