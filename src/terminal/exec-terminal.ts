// Opens a VS Code terminal over an exec session (pod exec or ECS Exec). The command that calls it (wired by the lead)
// supplies `startSession`; everything else is in exec-pty.ts, which has no runtime `vscode` import.
import * as vscode from 'vscode';
import { ExecPseudoterminal, type SessionStarter } from './exec-pty';

export type { ExecSessionLike, SessionStarter } from './exec-pty';
export { ExecPseudoterminal } from './exec-pty';

/**
 * Creates and shows a terminal named `name`; `startSession` runs when the terminal opens, with its size. Closing
 * the terminal ends the remote process.
 */
export function openExecTerminal(name: string, startSession: SessionStarter, opts: { iconPath?: vscode.ThemeIcon } = {}): vscode.Terminal {
  const pty = new ExecPseudoterminal(startSession, name);
  const terminal = vscode.window.createTerminal({ name, pty, iconPath: opts.iconPath ?? new vscode.ThemeIcon('terminal') });
  terminal.show();
  return terminal;
}
