// The editor's side of "the cluster a manifest is meant for" (commands/validate/links.ts): a status-bar item on
// Kubernetes manifests (and files already linked) naming the linked cluster and namespace (click to change), validation on save when
// `wharf.validate.onSave` is on, and the linked cluster's Kubernetes version as the linter's lowest-precedence target
// version (an explicit `.wharf.yaml` or `wharf.lint.kubernetesVersion` wins). The validation itself runs in the
// explorer entry, which has the clusters' clients; this file only forwards to its commands.
import * as vscode from 'vscode';
import { linkFor, linkLabel, LINKS_CHANGED_COMMAND } from '../commands/validate/links';
import type { Ctx } from '../ctx';
import type { ConfigInput } from '../lint/config';
import { looksLikeKubernetes } from '../lint/engine';

const isYaml = (d: vscode.TextDocument) => (d.uri.scheme === 'file' || d.uri.scheme === 'untitled') && (d.languageId === 'yaml' || /\.ya?ml$/i.test(d.uri.path));

/** The link's version as a lint configuration layer, or nothing when the file is not linked. */
export function linkedVersionLayer(ctx: Ctx, uri: vscode.Uri): ConfigInput | undefined {
  const v = linkFor(ctx.extension.workspaceState, uri)?.kubernetesVersion;
  return v ? { kubernetesVersion: v } : undefined;
}

export function registerClusterLink(ctx: Ctx): void {
  const item = vscode.window.createStatusBarItem('wharf.validate.target', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Wharf: cluster for this manifest';
  item.command = 'wharf.validate.chooseTarget';
  let pending: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isYaml(doc)) return item.hide();
    const link = linkFor(ctx.extension.workspaceState, doc.uri);
    // Only on what the linter takes for Kubernetes manifests: a CI workflow or a compose file gets no cluster item.
    if (!link && !looksLikeKubernetes(doc.getText())) return item.hide();
    item.text = link ? `$(cloud) ${linkLabel(link)}` : '$(cloud) No cluster';
    const tip = new vscode.MarkdownString(
      [
        link
          ? `Validated against EKS cluster **${link.cluster.clusterName}** (${link.cluster.region}), namespace **${link.namespace}**${link.kubernetesVersion ? `, Kubernetes ${link.kubernetesVersion}` : ''}. Click to change.`
          : 'No cluster linked to this file. Click to choose the cluster and namespace it is meant for.',
        '[$(check) Validate](command:wharf.validate.run) · [$(diff) Diff with Live](command:wharf.validate.diff) · [$(cloud-upload) Apply](command:wharf.validate.apply)',
      ].join('\n\n'),
      true,
    );
    tip.isTrusted = { enabledCommands: ['wharf.validate.run', 'wharf.validate.diff', 'wharf.validate.apply'] };
    item.tooltip = tip;
    item.show();
  };
  ctx.subscribe(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    // A new file becomes a manifest as its apiVersion and kind are typed: check again after a pause in typing.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== vscode.window.activeTextEditor?.document) return;
      clearTimeout(pending);
      pending = setTimeout(update, 300);
    }),
    { dispose: () => clearTimeout(pending) },
    vscode.commands.registerCommand(LINKS_CHANGED_COMMAND, () => {
      update();
      // The lint configuration is keyed by the linked version (lint-config.ts): linting again picks the new one up.
      ctx.lint.relintAll();
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (!isYaml(doc) || !vscode.workspace.getConfiguration('wharf', doc.uri).get<boolean>('validate.onSave', false)) return;
      // Only a file already linked: saving never opens a picker.
      if (!linkFor(ctx.extension.workspaceState, doc.uri)) return;
      void vscode.commands.executeCommand('wharf.validate.run', doc.uri, { onSave: true });
    }),
  );
  update();
}
