import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { registerEditorFeatures } from './editor';

export function activate(extension: vscode.ExtensionContext): void {
  const ctx = new Ctx(extension);
  registerCommands(ctx);
  registerEditorFeatures(ctx);
}

export function deactivate(): void {
  // Disposables are owned by the context's subscriptions.
}
