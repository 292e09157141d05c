// Shows an explained failure (failure-text.ts) as a notification whose buttons take the next step.
import * as vscode from 'vscode';
import { ACTION_TITLES, explainFailure, type FailureAction } from './failure-text';
import type { ExplorerHost } from './host';

export interface FailureContext {
  /** The tree element the command ran on: the diagnosis and sign-in buttons act on it. */
  element?: unknown;
  retry?: () => unknown;
}

export async function showFailure(host: ExplorerHost, what: string, e: unknown, fc: FailureContext = {}): Promise<void> {
  const x = explainFailure(what, e);
  host.ctx.output.error(`${what}: ${(e as Error)?.stack ?? e}`);
  if (x.silent) return;
  const actions = x.actions.filter((a) => a !== 'retry' || fc.retry);
  const picked = await vscode.window.showErrorMessage(`Wharf: ${x.message}`, ...actions.map((a) => ACTION_TITLES[a]));
  const action = (Object.keys(ACTION_TITLES) as FailureAction[]).find((a) => ACTION_TITLES[a] === picked);
  switch (action) {
    case 'signIn':
      return void vscode.commands.executeCommand('wharf.aws.signIn', (e as { ssoSession?: string }).ssoSession ?? fc.element);
    case 'chooseProfile':
      return void vscode.commands.executeCommand('wharf.aws.chooseProfile');
    case 'enterMfa':
      return void vscode.commands.executeCommand('wharf.aws.enterMfa', fc.element);
    case 'diagnose':
      return void vscode.commands.executeCommand('wharf.eks.showAuthDiagnosis', fc.element, (e as { failure?: unknown }).failure);
    case 'openSettings':
      return void vscode.commands.executeCommand('workbench.action.openSettings', 'wharf.eks.endpointOverrides');
    case 'showOutput':
      return host.ctx.output.show(true);
    case 'retry':
      await fc.retry?.();
      return;
  }
}
