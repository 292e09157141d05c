// "Copy Name", "Copy ARN" and "Open in AWS Console" for a node.
import * as vscode from 'vscode';
import type { NodeTarget } from '../../views/target';
import { consoleUrlOf } from './console-urls';
import { showFailure } from './errors';
import type { ExplorerHost } from './host';
import { arnNeedsAccount, arnOf, nameOf } from './target-info';

export async function copyName(t: NodeTarget | undefined): Promise<void> {
  const name = t && nameOf(t);
  if (!name) return void vscode.window.showInformationMessage('Wharf: Copy Name needs a node: right-click one in the Wharf view.');
  await vscode.env.clipboard.writeText(name);
  vscode.window.setStatusBarMessage(`$(check) Copied ${name}`, 3000);
}

export async function copyArn(host: ExplorerHost, t: NodeTarget | undefined): Promise<void> {
  if (!t) return void vscode.window.showInformationMessage('Wharf: Copy ARN needs a node: right-click one in the Wharf view.');
  let account: string | undefined;
  if (arnNeedsAccount(t) && 'region' in t) {
    try {
      account = (await host.session(t).identity()).account;
    } catch (e) {
      return showFailure(host, 'Finding the account for the ARN (STS GetCallerIdentity)', e);
    }
  }
  const arn = arnOf(t, account);
  if (!arn) return void vscode.window.showInformationMessage(`Wharf: ${nameOf(t) ?? 'this node'} has no ARN of its own.`);
  await vscode.env.clipboard.writeText(arn);
  vscode.window.setStatusBarMessage(`$(check) Copied ${arn}`, 3000);
}

export async function openInConsole(t: NodeTarget | undefined): Promise<void> {
  const url = t && consoleUrlOf(t);
  if (!url) return void vscode.window.showInformationMessage('Wharf: the AWS console has no page for this node; open its cluster or service instead.');
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}
