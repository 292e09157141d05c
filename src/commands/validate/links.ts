// Which cluster and namespace a manifest is meant for: picked once, remembered in the workspace state for the file
// and for its folder (a new file in the same folder starts with the folder's cluster; a file picked on its own keeps
// its own). Read by two bundles: the validate commands (explorer entry) write links, the editor entry shows them in
// the status bar and lints against the linked cluster's Kubernetes version. This module is small and vscode-only so
// both can carry it; the state itself lives in the Memento, so both see the same links.
import * as vscode from 'vscode';
import type { EksClusterRef } from '../../views/target';

export interface ClusterLink {
  cluster: EksClusterRef;
  namespace: string;
  /** "1.31": EKS DescribeCluster's version, else the API server's /version, when it could be read. */
  kubernetesVersion?: string;
}

const KEY = 'wharf.validate.links';
/** The editor entry's hidden command that refreshes the status bar and re-lints after a link changed. */
export const LINKS_CHANGED_COMMAND = 'wharf.validate.linksChanged';

type Links = Record<string, ClusterLink>;

const all = (state: vscode.Memento): Links => state.get<Links>(KEY) ?? {};

/** The parent folders of a URI, nearest first, up to the root. */
function ancestors(uri: vscode.Uri): vscode.Uri[] {
  const out: vscode.Uri[] = [];
  let u = uri;
  for (;;) {
    const parent = vscode.Uri.joinPath(u, '..');
    if (parent.path === u.path) return out;
    out.push(parent);
    u = parent;
  }
}

/** The link of a file: its own, else the nearest folder's. */
export function linkFor(state: vscode.Memento, uri: vscode.Uri): ClusterLink | undefined {
  const links = all(state);
  const own = links[uri.toString()];
  if (own) return own;
  if (uri.scheme !== 'file') return undefined;
  for (const folder of ancestors(uri)) {
    const l = links[folder.toString()];
    if (l) return l;
  }
  return undefined;
}

/** Remembers a link for the file and its folder, and tells the editor entry. */
export async function saveLink(state: vscode.Memento, uri: vscode.Uri, link: ClusterLink): Promise<void> {
  const links = { ...all(state), [uri.toString()]: link };
  if (uri.scheme === 'file') links[vscode.Uri.joinPath(uri, '..').toString()] = link;
  await state.update(KEY, links);
  await vscode.commands.executeCommand(LINKS_CHANGED_COMMAND).then(undefined, () => undefined);
}

export function linkLabel(link: ClusterLink): string {
  return `${link.cluster.clusterName}/${link.namespace}`;
}
