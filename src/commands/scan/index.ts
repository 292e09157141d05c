// "Wharf: Scan Cluster" and "Wharf: Scan Namespace" (the EKS cluster row, namespace rows, the palette), and the
// exports of a scan as SARIF or Markdown. The scan itself is src/scan (no vscode); this file adds the target, the
// progress notification with Cancel, and the results (results.ts): Problems panel, read-only documents, summary.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeEksCluster } from '../../aws/eks';
import type { EksCluster } from '../../aws/model';
import { RESOURCES } from '../../kube/resources';
import { CONFIG_FILE, parseConfig, resolveConfig, type ConfigInput } from '../../lint/config';
import { ENGINE_RULES } from '../../lint/engine-rules';
import { allRules } from '../../lint/rules';
import { gatherClusterFacts } from '../../scan/cluster-facts';
import { scanMarkdown, scanSarif } from '../../scan/report';
import { counts, runScan, type ScanResult } from '../../scan/run';
import type { EksClusterRef } from '../../views/target';
import { refOf } from '../explorer/doc-uri';
import type { ExplorerHost } from '../explorer/host';
import { targetOrPick } from '../explorer/pick';
import { targetOf } from '../explorer/targets';
import { ScanResults } from './results';

let store: ScanResults | undefined;

/** The window's scan results (one store per explorer): the commands put scans in it, the tree lists them. */
export function scanResultsOf(host: ExplorerHost): ScanResults {
  if (!store) {
    store = new ScanResults();
    host.ctx.subscribe(store);
  }
  return store;
}

export async function scanCluster(host: ExplorerHost, el: unknown): Promise<void> {
  const t = await targetOrPick(host, el, 'eksCluster', { title: 'Scan Cluster' });
  if (t?.type !== 'eksCluster') return;
  await scanAndShow(host, refOf(t), t.cluster, undefined);
}

export async function scanNamespace(host: ExplorerHost, el: unknown): Promise<void> {
  const t = targetOf(el);
  if (t?.type === 'kubeObject' && t.resource.kind === 'Namespace') return scanAndShow(host, refOf(t), undefined, t.name);
  const c = await targetOrPick(host, el, 'eksCluster', { title: 'Scan Namespace' });
  if (c?.type !== 'eksCluster') return;
  const ref = refOf(c);
  const client = await host.kube(ref);
  const names = (await client.list(RESOURCES.namespaces, { limit: 500 })).items.map((n) => n.metadata.name).sort();
  const ns = await vscode.window.showQuickPick(names, { title: `Scan Namespace: ${ref.clusterName}`, placeHolder: 'Namespace to scan' });
  if (ns) await scanAndShow(host, ref, c.cluster, ns);
}

async function scanAndShow(host: ExplorerHost, ref: EksClusterRef, known: EksCluster | undefined, namespace: string | undefined): Promise<void> {
  const where = namespace ? `${ref.clusterName}/${namespace}` : ref.clusterName;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Wharf: scanning ${where}`, cancellable: true },
    async (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      const session = host.session(ref);
      const eks = session.eks(ref.region);
      // The cluster's version is the rules' target (unless configured) and its description feeds the cluster checks.
      const cluster = known?.version ? known : await describeEksCluster(eks, ref.region, ref.clusterName, ac.signal).catch(() => undefined);
      const client = await host.kube(ref, ac.signal);
      progress.report({ message: 'listing objects…' });
      try {
        return await runScan({
          client,
          clusterName: ref.clusterName,
          region: ref.region,
          namespace,
          config: workspaceConfig(cluster?.version),
          signal: ac.signal,
          onProgress: (p) => progress.report({ message: `${p.kind}: ${p.listed} listed, ${p.linted} objects linted` }),
          facts: namespace
            ? undefined
            : async () => {
                const c = cluster ?? (await describeEksCluster(eks, ref.region, ref.clusterName, ac.signal));
                return gatherClusterFacts({ eks, region: ref.region, clusterName: ref.clusterName, cluster: c, kube: client, signal: ac.signal });
              },
        });
      } catch (e) {
        if (ac.signal.aborted) return undefined;
        throw e;
      }
    },
  );
  if (!result) {
    void vscode.window.showInformationMessage(`Wharf: the scan of ${where} was cancelled.`);
    return;
  }
  const summary = scanResultsOf(host).put(result);
  await vscode.commands.executeCommand('markdown.showPreview', summary);
  if (result.findings.length) void vscode.commands.executeCommand('workbench.actions.view.problems');
  const c = counts(result.findings);
  const msg = result.findings.length
    ? `Wharf: ${where}: ${result.findings.length} problems (${c.error} errors, ${c.warning} warnings, ${c.info} info) in ${result.stats.linted} objects.`
    : `Wharf: ${where}: no problems in ${result.stats.linted} objects.`;
  void vscode.window.showInformationMessage(msg, 'Export SARIF…', 'Export Markdown…').then((b) => {
    if (b === 'Export SARIF…') void exportScan(host, 'sarif');
    else if (b === 'Export Markdown…') void exportScan(host, 'markdown');
  });
}

/** .wharf.yaml of the first workspace folder (rule severities and options), targeting the cluster's version unless it names one. */
function workspaceConfig(clusterVersion: string | undefined) {
  let input: ConfigInput | undefined;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder?.uri.scheme === 'file') {
    const file = path.join(folder.uri.fsPath, CONFIG_FILE);
    try {
      input = parseConfig(file, fs.readFileSync(file, 'utf8'), [...allRules.map((r) => r.meta), ...ENGINE_RULES]).config;
    } catch {
      input = undefined; // no file: the defaults
    }
  }
  return resolveConfig(clusterVersion ? { kubernetesVersion: clusterVersion } : undefined, input);
}

export async function exportScan(host: ExplorerHost, format: 'sarif' | 'markdown', arg?: unknown): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  const r: ScanResult | undefined = store?.current(uri);
  if (!r) {
    void vscode.window.showInformationMessage('Wharf: no scan results yet: run "Wharf: Scan Cluster" or "Wharf: Scan Namespace" first.');
    return;
  }
  const base = `${r.clusterName}${r.namespace ? `-${r.namespace}` : ''}-scan.${format === 'sarif' ? 'sarif' : 'md'}`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Export the scan of ${r.clusterName} as ${format === 'sarif' ? 'SARIF' : 'Markdown'}`,
    defaultUri: folder ? vscode.Uri.joinPath(folder, base) : undefined,
    filters: format === 'sarif' ? { SARIF: ['sarif', 'json'] } : { Markdown: ['md'] },
  });
  if (!target) return;
  const version = (host.ctx.extension.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const text = format === 'sarif' ? scanSarif(r, version) : scanMarkdown(r, { version });
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  void vscode.window.showInformationMessage(`Wharf: wrote ${vscode.workspace.asRelativePath(target)}.`);
}
