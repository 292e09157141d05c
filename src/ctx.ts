// The extension's context: it owns every disposable, the output channel and the services, which are created on
// first use so that activation stays cheap.
import * as vscode from 'vscode';
import { Config } from './config';
import { LintService } from './editor/lint-service';

export class Ctx implements vscode.Disposable {
  readonly config = new Config();
  readonly output: vscode.LogOutputChannel;
  private lintService: LintService | undefined;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Wharf', { log: true });
    this.subscribe(this.output);
  }

  subscribe(...disposables: vscode.Disposable[]): void {
    this.extension.subscriptions.push(...disposables);
  }

  get lint(): LintService {
    if (!this.lintService) {
      this.lintService = new LintService(this);
      this.subscribe(this.lintService);
    }
    return this.lintService;
  }

  dispose(): void {
    // Everything is in extension.subscriptions; VS Code disposes them on deactivation.
  }
}
