// The VS Code side every action shares: the modal confirmation, the count input box, a progress notification that
// can be cancelled, and failures through showFailure with the target as the element (so "Show Access Diagnosis"
// works for a palette run too, where no tree row was passed).
import * as vscode from 'vscode';
import { isAwsError } from '../../aws/errors';
import type { NodeTarget } from '../../views/target';
import type { Confirmation } from './actions-text';
import { showFailure } from './errors';
import type { ExplorerHost } from './host';

/** The button pressed, or undefined when the person cancelled. */
export async function confirm(c: Confirmation): Promise<string | undefined> {
  return vscode.window.showWarningMessage(c.message, { modal: true, detail: c.detail }, ...c.buttons);
}

export async function askCount(o: { title: string; prompt: string; current: number; validate: (text: string) => string | undefined }): Promise<number | undefined> {
  const t = await vscode.window.showInputBox({ title: o.title, prompt: o.prompt, value: String(o.current), valueSelection: [0, String(o.current).length], validateInput: o.validate, ignoreFocusOut: true });
  return t === undefined ? undefined : Number(t.trim());
}

/** Runs `work` under a cancellable notification; the signal ends its requests and waits. */
export function withProgress<T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    return work(ac.signal, (message) => progress.report({ message }));
  });
}

export function done(message: string): void {
  vscode.window.setStatusBarMessage(`$(check) Wharf: ${message}`, 6000);
}

/**
 * An action's failure as the explorer shows every failure: a 403 offers the access diagnosis (on the target, tree row
 * or picked), an IAM denial names the action and the principal (asked of STS when the error did not say).
 */
export async function actionFailed(host: ExplorerHost, what: string, e: unknown, el: unknown, target: NodeTarget | undefined): Promise<void> {
  let err = e;
  if (isAwsError(e) && e.kind === 'access-denied' && !e.principalArn && target && target.type !== 'profile') {
    err = await host.session(target).describeError(e).catch(() => e);
  }
  await showFailure(host, what, err, { element: el && typeof el === 'object' && 'target' in el ? el : target });
}

/** Refreshes the parents of the loaded rows that show `match` (their rows come from the parent's listing). */
export function refreshRowsOf(host: ExplorerHost, match: (t: NodeTarget) => boolean): number {
  const parents = new Set<unknown>();
  for (const n of host.loaded()) {
    if (!match(n.target)) continue;
    const p = (n.element as { parent?: unknown } | undefined)?.parent;
    parents.add(p ?? n.element);
  }
  for (const p of parents) host.refresh(p);
  return parents.size;
}
