// "Upgrade Readiness Report" (EKS cluster rows and the palette), the report's links back to the tree, and "Export as
// Markdown". The report is a read-only Markdown document of the `wharf` scheme (views/documents.ts), so reopening
// its tab reads the cluster again.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EksCluster } from '../../aws/model';
import type { WharfDocuments } from '../../views/documents';
import type { EksClusterRef, NodeTarget } from '../../views/target';
import { decodeDocQuery, refOf, SCHEME } from '../explorer/doc-uri';
import type { ExplorerHost } from '../explorer/host';
import { targetOrPick } from '../explorer/pick';
import { exportableMarkdown, findLinkTargets, type RevealArg } from './links';
import { upgradeReportMarkdown } from './report-doc';

const REPORT_PATH = /\/upgrade-readiness\.md$/;

let links: vscode.Disposable | undefined;

/**
 * Command and file links in the report, clickable in the text editor (Ctrl/Cmd+click). The Markdown preview runs no
 * command links, so the report opens as text.
 */
function registerLinks(host: ExplorerHost): void {
  if (links) return;
  links = vscode.languages.registerDocumentLinkProvider({ scheme: SCHEME, pattern: '**/upgrade-readiness.md' }, {
    provideDocumentLinks(doc) {
      return findLinkTargets(doc.getText()).map((l) => new vscode.DocumentLink(new vscode.Range(doc.positionAt(l.start), doc.positionAt(l.end)), vscode.Uri.parse(l.target, true)));
    },
  });
  host.ctx.subscribe(links, { dispose: () => (links = undefined) });
}

export async function openUpgradeReport(host: ExplorerHost, docs: WharfDocuments, el?: unknown): Promise<void> {
  const t = await targetOrPick(host, el, 'eksCluster', { title: 'Upgrade readiness: pick an EKS cluster' });
  if (!t || t.type !== 'eksCluster') return;
  const target = t as EksClusterRef & { cluster?: EksCluster };
  const ref = refOf(target);
  registerLinks(host);
  const markdown = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking the upgrade readiness of ${ref.clusterName}…`, cancellable: true },
    (_p, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return upgradeReportMarkdown(host, target, ac.signal);
    },
  );
  const uri = docs.put({ doc: 'upgrade', ref }, markdown);
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { preview: false });
}

/** A report link: reveal the node in the tree; an object the tree does not show opens as YAML. */
export async function revealFromReport(host: ExplorerHost, docs: WharfDocuments, arg: unknown): Promise<void> {
  const a = arg as RevealArg | undefined;
  if (!a?.ref?.clusterName || !a.link) return;
  const ref = refOf(a.ref);
  const target: NodeTarget = a.link.kind === 'kubeObject'
    ? { type: 'kubeObject', ...ref, resource: a.link.resource, namespace: a.link.namespace, name: a.link.name }
    : { type: 'eksCluster', ...ref };
  // A row the tree has shown: reveal that very element. Otherwise walk down from the roots.
  // A row the tree drops on collapse (its data is reloaded when expanded again) cannot be revealed; the walk or the
  // object's YAML is the fallback, so a link always leads somewhere.
  const loaded = host.loaded().find((l) => sameNode(l.target, target));
  const revealed = loaded
    ? await host.reveal(loaded.element).then(() => true, () => false)
    : false;
  if (revealed) return;
  if (host.revealTarget && (await host.revealTarget(target).catch(() => false))) return;
  if (target.type === 'kubeObject') {
    await docs.open({ doc: 'yaml', ref, resource: target.resource, namespace: target.namespace, name: target.name });
    return;
  }
  void vscode.window.showInformationMessage(`Wharf: ${ref.clusterName} is not shown in the Wharf view (its profile or Region is not selected).`);
}

function sameNode(a: NodeTarget, b: NodeTarget): boolean {
  if (a.type !== b.type || !('clusterName' in a) || !('clusterName' in b)) return false;
  if (a.clusterName !== b.clusterName || a.region !== b.region || (a.profile ?? '') !== (b.profile ?? '') || JSON.stringify(a.sso ?? null) !== JSON.stringify(b.sso ?? null)) return false;
  if (a.type === 'kubeObject' && b.type === 'kubeObject') return a.resource.plural === b.resource.plural && a.resource.group === b.resource.group && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
  return a.type === 'eksCluster';
}

/** Saves the open report (or the one passed by the editor title) as a Markdown file the person picks. */
export async function exportUpgradeReport(arg?: unknown): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== SCHEME || !REPORT_PATH.test(uri.path)) {
    void vscode.window.showInformationMessage('Wharf: open an upgrade readiness report first (right-click an EKS cluster in the Wharf view).');
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  let cluster = 'cluster';
  try {
    const r = decodeDocQuery(uri.query);
    if (r.doc === 'upgrade') cluster = r.ref.clusterName;
  } catch {
    // A report without its query still exports; only the suggested name is generic.
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${cluster}-upgrade-readiness-${new Date().toISOString().slice(0, 10)}.md`;
  const target = await vscode.window.showSaveDialog({
    title: 'Export the upgrade readiness report as Markdown',
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(path.join(os.homedir(), name)),
    filters: { Markdown: ['md'] },
    saveLabel: 'Export',
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(exportableMarkdown(doc.getText())));
  const b = await vscode.window.showInformationMessage(`Wharf: the report was saved to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (b === 'Open') await vscode.window.showTextDocument(target);
}
