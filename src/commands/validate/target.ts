// Which cluster and namespace a file goes to: the remembered link, or the pickers (the explorer's cluster picker,
// then a namespace of that cluster, `default` first), remembered for the file and its folder. Run from the explorer's
// cluster row, the row's cluster is the target and only the namespace is asked.
import * as vscode from 'vscode';
import { describeEksCluster } from '../../aws/eks';
import type { KubeClient } from '../../kube/client';
import { RESOURCES } from '../../kube/resources';
import type { EksClusterRef } from '../../views/target';
import type { ExplorerHost } from '../explorer/host';
import { pickTarget } from '../explorer/pick';
import { targetOf } from '../explorer/targets';
import { linkFor, saveLink, type ClusterLink } from './links';

const refOf = (t: EksClusterRef): EksClusterRef => ({ profile: t.profile, sso: t.sso, region: t.region, clusterName: t.clusterName });

/** The element's EKS cluster, when the command ran on a cluster row (or anything inside one). */
export function clusterOfElement(el: unknown): EksClusterRef | undefined {
  const t = targetOf(el);
  return t && t.type === 'eksCluster' ? refOf(t) : undefined;
}

/**
 * The link to use for `uri`: the remembered one unless `choose` (the status bar, "Choose Cluster") or the command
 * came from a cluster row; otherwise asks. undefined: the person cancelled.
 */
export async function linkForRun(host: ExplorerHost, uri: vscode.Uri, opts: { el?: unknown; choose?: boolean } = {}): Promise<ClusterLink | undefined> {
  const state = host.ctx.extension.workspaceState;
  const current = linkFor(state, uri);
  const fromRow = clusterOfElement(opts.el);
  if (!opts.choose && current && (!fromRow || sameCluster(fromRow, current.cluster))) return current;
  const title = `Wharf: the cluster ${vscode.workspace.asRelativePath(uri)} is meant for`;
  const cluster = fromRow ?? (await pickCluster(host, title));
  if (!cluster) return undefined;
  const client = await host.kube(cluster);
  const keep = current && sameCluster(cluster, current.cluster) ? current.namespace : undefined;
  const namespace = await pickNamespace(client, cluster, title, keep);
  if (!namespace) return undefined;
  const link: ClusterLink = { cluster, namespace, kubernetesVersion: await clusterVersion(host, cluster, client) };
  await saveLink(state, uri, link);
  return link;
}

function sameCluster(a: EksClusterRef, b: EksClusterRef): boolean {
  return a.clusterName === b.clusterName && a.region === b.region && (a.profile ?? '') === (b.profile ?? '') && JSON.stringify(a.sso ?? null) === JSON.stringify(b.sso ?? null);
}

async function pickCluster(host: ExplorerHost, title: string): Promise<EksClusterRef | undefined> {
  const t = await pickTarget(host, 'eksCluster', { title });
  return t && t.type === 'eksCluster' ? refOf(t) : undefined;
}

/** A namespace of the cluster; `default` (or the one used before) first. A person allowed no list types one. */
async function pickNamespace(client: KubeClient, cluster: EksClusterRef, title: string, previous?: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = (await client.list(RESOURCES.namespaces, { limit: 500 })).items.map((o) => o.metadata.name);
  } catch (e) {
    if ((e as { failure?: { kind?: string } }).failure?.kind !== 'forbidden') throw e;
    const typed = await vscode.window.showInputBox({ title, prompt: `Namespace in ${cluster.clusterName} for objects that set none (you may not list namespaces)`, value: previous ?? 'default' });
    return typed?.trim() || undefined;
  }
  const first = previous ?? 'default';
  const rank = (n: string) => (n === first ? 0 : n === 'default' ? 1 : n.startsWith('kube-') ? 3 : 2);
  const items = names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((n) => ({ label: n, description: n === previous ? 'used before' : undefined }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: `Namespace in ${cluster.clusterName} for objects that set none` });
  return picked?.label;
}

/** "1.31": EKS DescribeCluster's version; for a cluster EKS does not describe, the API server's /version. */
async function clusterVersion(host: ExplorerHost, cluster: EksClusterRef, client: KubeClient): Promise<string | undefined> {
  const signal = AbortSignal.timeout(15_000);
  try {
    const v = (await describeEksCluster(host.session(cluster).eks(cluster.region), cluster.region, cluster.clusterName, signal)).version;
    if (v) return v;
  } catch (e) {
    host.ctx.output.warn(`DescribeCluster ${cluster.clusterName} for its version: ${(e as Error).message}`);
  }
  try {
    const v = await client.version(signal);
    return `${v.major}.${v.minor.replace(/\D+$/, '')}`;
  } catch (e) {
    host.ctx.output.warn(`/version of ${cluster.clusterName}: ${(e as Error).message}`);
    return undefined;
  }
}
