// The report as the content of a `wharf:` document: gather (gather.ts), assemble and render (src/upgrade), with the
// workspace's YAML files read through VS Code (open editors' unsaved text wins over the disk).
import * as vscode from 'vscode';
import { assembleReport } from '../../upgrade/report';
import { reportMarkdown } from '../../upgrade/markdown';
import type { EksClusterRef } from '../../views/target';
import type { ExplorerHost } from '../explorer/host';
import { refOf } from '../explorer/doc-uri';
import { gatherUpgradeFacts } from './gather';
import { editorLinks } from './links';

/** Files read at most, and the size above which a file is skipped: the report is a glance, not a full lint run. */
const MAX_FILES = 2000;
const MAX_BYTES = 1024 * 1024;

export async function workspaceYaml(signal: AbortSignal): Promise<{ path: string; uri: string; text: string }[] | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) return undefined;
  const cts = new vscode.CancellationTokenSource();
  signal.addEventListener('abort', () => cts.cancel(), { once: true });
  try {
    const uris = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/{node_modules,.git}/**', MAX_FILES, cts.token);
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const out: { path: string; uri: string; text: string }[] = [];
    for (const uri of uris.sort((a, b) => a.path.localeCompare(b.path))) {
      if (signal.aborted) break;
      const doc = open.get(uri.toString());
      let text: string;
      if (doc) text = doc.getText();
      else {
        const stat = await vscode.workspace.fs.stat(uri).then((s) => s, () => undefined);
        if (!stat || stat.size > MAX_BYTES) continue;
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      }
      // Only Kubernetes-looking YAML: CI configs, Helm values and the like have no apiVersion and kind.
      if (!/^\s*apiVersion:/m.test(text) || !/^\s*kind:/m.test(text)) continue;
      out.push({ path: vscode.workspace.asRelativePath(uri, false), uri: uri.toString(), text });
    }
    return out;
  } finally {
    cts.dispose();
  }
}

export async function upgradeReportMarkdown(host: ExplorerHost, target: EksClusterRef, signal: AbortSignal): Promise<string> {
  const ref = refOf(target);
  const facts = await gatherUpgradeFacts(target, {
    session: host.session(ref),
    kube: (s) => host.kube(ref, s),
    workspaceFiles: workspaceYaml,
    // The engine is in the editor entry, loaded already wherever YAML is open.
    lintDeprecated: (file, text, version) => host.ctx.editor().lintDeprecatedApis(file, text, version),
  }, signal);
  const report = assembleReport(facts);
  const links = editorLinks(ref);
  const clusterLink = `**${links.format({ kind: 'cluster', label: ref.clusterName })}**`;
  return reportMarkdown(report, links.format, { clusterLink }) + links.definitions();
}
