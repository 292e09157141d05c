// The command table: every command Wharf contributes, by id. package.json declares the same ids; a unit test keeps
// the two in step.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { fixAll } from '../editor/fix-all';

export type CommandHandler = (ctx: Ctx, ...args: unknown[]) => unknown;

export const COMMANDS: Record<string, CommandHandler> = {
  'wharf.lint.fixAll': (ctx, uri) => fixAll(ctx, uri),
  'wharf.lint.showOutput': (ctx) => ctx.output.show(true),
  'wharf.lint.relint': (ctx) => ctx.lint.relintAll(),
  'wharf.lint.openRuleDocs': (_ctx, url) => typeof url === 'string' && vscode.env.openExternal(vscode.Uri.parse(url)),
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    ctx.subscribe(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(ctx, ...args);
        } catch (e) {
          ctx.output.error(`${id} failed: ${(e as Error).stack ?? e}`);
          void vscode.window.showErrorMessage(`Wharf: ${id} failed: ${(e as Error).message}`, 'Show Output').then((b) => b && ctx.output.show());
          return undefined;
        }
      }),
    );
  }
}
