// Activation: build the Ctx, register the command table (and the explorer's thin shim), and arrange for the linter to
// load when there is YAML to lint. Everything heavy is a separate bundle loaded on first use (see src/ctx.ts).
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { registerExplorerView } from './views/shim';

export interface WharfApi {
  /** How long activate() took, in milliseconds (read by the activation benchmark and the e2e suite). */
  activationMs: number;
}

export function activate(extension: vscode.ExtensionContext): WharfApi {
  const t0 = performance.now();
  const ctx = new Ctx(extension);
  registerCommands(ctx);
  registerExplorerView(ctx);
  startEditorWhenNeeded(ctx);
  const activationMs = performance.now() - t0;
  ctx.output.debug(`activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

export function deactivate(): void {
  // Disposables are owned by the context's subscriptions.
}

const isYaml = (d: vscode.TextDocument) =>
  (d.uri.scheme === 'file' || d.uri.scheme === 'untitled') && (d.languageId === 'yaml' || /\.ya?ml$/i.test(d.uri.path));

/**
 * The linter (dist/editor.js) loads right after activate() returns when a YAML document is already open or the whole
 * workspace is linted, so its diagnostics appear at once without counting against activation; otherwise (activation by
 * the explorer, say) it loads with the first YAML document opened, and a person who only browses never pays for it.
 */
function startEditorWhenNeeded(ctx: Ctx): void {
  const start = () => {
    try {
      ctx.editor();
    } catch (e) {
      ctx.output.error(`the linter did not load: ${(e as Error).stack ?? e}`);
    }
  };
  if (vscode.workspace.textDocuments.some(isYaml) || ctx.config.lintScope === 'workspace') {
    setImmediate(start);
    return;
  }
  const waiting = vscode.workspace.onDidOpenTextDocument((d) => {
    if (!isYaml(d)) return;
    waiting.dispose();
    start();
  });
  ctx.subscribe(waiting);
}
