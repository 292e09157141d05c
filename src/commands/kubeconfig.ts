// "Write kubeconfig for this cluster": the `aws eks update-kubeconfig` equivalent, only when a person asks for it. Wharf
// itself never needs a kubeconfig (it talks to clusters in memory); this is for kubectl and the rest of the toolbox.
// It asks which exec plugin to use, names the file and asks before writing, backs the file up, and says where the
// backup went. Bundled into the explorer entry (it uses `yaml`); the explorer wires it to the eksCluster menu.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EksCluster } from '../aws/model';
import type { Ctx } from '../ctx';
import { findOnPath, writeKubeconfigFile } from '../kube/kubeconfig-file';
import { execArgs, kubeconfigEntries, kubeconfigPath, KubeconfigError, type ExecPlugin, type KubeconfigRequest } from '../kube/kubeconfig';
import type { EksClusterRef, NodeTarget } from '../views/target';

export const WRITE_KUBECONFIG_COMMAND = 'wharf.eks.writeKubeconfig';

export interface WriteKubeconfigDeps {
  /** DescribeCluster for a target that carries only the cluster's name (a palette pick); the tree's nodes carry it. */
  describeCluster?: (ref: EksClusterRef) => Promise<EksCluster>;
}

/** The command's handler: `arg` is an eksCluster tree node (with `target`) or its NodeTarget. Returns the file written. */
export async function writeKubeconfigCommand(ctx: Ctx, arg: unknown, deps: WriteKubeconfigDeps = {}): Promise<string | undefined> {
  const target = ((arg as { target?: NodeTarget } | undefined)?.target ?? arg) as NodeTarget | undefined;
  if (!target || target.type !== 'eksCluster') {
    void vscode.window.showInformationMessage('Wharf: choose an EKS cluster in the Wharf explorer to write a kubeconfig for it.');
    return undefined;
  }
  if (target.sso && !target.profile) {
    void vscode.window.showWarningMessage(
      `Wharf: ${target.clusterName} is reached through the SSO account role ${target.sso.accountId}/${target.sso.roleName}, which has no profile. ` +
        'A kubeconfig names a profile for its credentials: add one for this role to ~/.aws/config (sso_session, sso_account_id, sso_role_name) and write the kubeconfig from it.',
    );
    return undefined;
  }
  const cluster = target.cluster?.endpoint ? target.cluster : await deps.describeCluster?.(target);
  if (!cluster?.endpoint) {
    void vscode.window.showWarningMessage(`Wharf: ${target.clusterName} has no API server endpoint yet${cluster ? ` (status ${cluster.status})` : ''}; try again when it is ACTIVE.`);
    return undefined;
  }

  const plugin = await choosePlugin(ctx);
  if (!plugin) return undefined;
  const req: KubeconfigRequest = { cluster: endpointOf(ctx, cluster), region: target.region, profile: target.profile, plugin };
  const file = kubeconfigPath(process.env, os.homedir());
  const exists = fs.existsSync(file);
  const { command, args } = execArgs(req);
  const write = 'Write';
  const writeAndSwitch = 'Write and Use This Context';
  const answer = await vscode.window.showWarningMessage(
    `Write a kubeconfig context for ${cluster.name} to ${file}?`,
    {
      modal: true,
      detail:
        (exists
          ? 'A timestamped backup of the file is made first. Other clusters, users and contexts stay as they are; an earlier Wharf entry for this cluster is replaced (comments inside it are lost), and the file is rewritten in a standard layout.'
          : 'The file does not exist yet and will be created (mode 0600).') +
        `\n\nContext: ${cluster.arn}\nCredentials: ${[command, ...args].join(' ')}`,
    },
    write,
    writeAndSwitch,
  );
  if (answer !== write && answer !== writeAndSwitch) return undefined;

  let result;
  try {
    result = writeKubeconfigFile(file, kubeconfigEntries(req), { setCurrentContext: answer === writeAndSwitch });
  } catch (e) {
    const why = e instanceof KubeconfigError ? e.message : (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    ctx.output.error(`write kubeconfig ${file}: ${(e as Error).message}`);
    void vscode.window.showErrorMessage(`Wharf did not change ${file}: ${why}. Fix or move the file, then try again.`);
    return undefined;
  }
  ctx.output.info(`kubeconfig: wrote ${cluster.arn} to ${result.file}${result.backup ? ` (backup ${result.backup})` : ''}`);
  const open = 'Open Kubeconfig';
  const openBackup = 'Open Backup';
  const done = await vscode.window.showInformationMessage(
    `Wharf wrote the context ${cluster.name} to ${result.file}${answer === writeAndSwitch ? ' and made it current' : ` (use it with kubectl --context ${cluster.arn})`}.` +
      (result.backup ? ` The previous file is backed up at ${result.backup}.` : ''),
    open,
    ...(result.backup ? [openBackup] : []),
  );
  if (done === open || done === openBackup) {
    await vscode.window.showTextDocument(vscode.Uri.file(done === open ? result.file : result.backup!), { preview: true });
  }
  return result.file;
}

/** `wharf.eks.endpointOverrides` (a tunnel, a bastion, the demo) wins over DescribeCluster's endpoint, as in the explorer. */
function endpointOf(ctx: Ctx, cluster: EksCluster): KubeconfigRequest['cluster'] {
  const o = ctx.config.endpointOverrides[cluster.name] ?? ctx.config.endpointOverrides[cluster.arn];
  const base = { name: cluster.name, arn: cluster.arn, endpoint: cluster.endpoint ?? '', caPem: cluster.caPem };
  if (!o) return base;
  // The override's CA is PEM text or a file path.
  const caPem = o.ca === undefined ? base.caPem : o.ca.includes('-----BEGIN') ? o.ca : fs.readFileSync(o.ca, 'utf8');
  return { ...base, endpoint: o.url, caPem, tlsServerName: o.tlsServerName };
}

interface PluginPick extends vscode.QuickPickItem {
  plugin: ExecPlugin;
}

/**
 * The exec plugin, from what this machine has: the CLI inside this extension run by a Node on PATH (no install
 * needed), a `wharf` on PATH, or the AWS CLI. Without a Node on PATH, VS Code's own runtime runs the CLI
 * (ELECTRON_RUN_AS_NODE), so it still works without installing anything.
 */
async function choosePlugin(ctx: Ctx): Promise<ExecPlugin | undefined> {
  const cli = path.join(ctx.extension.extensionPath, 'dist', 'cli.js');
  const node = findOnPath('node');
  const wharf = findOnPath('wharf');
  const aws = findOnPath('aws');
  const picks: PluginPick[] = [];
  if (node) {
    picks.push({ label: 'wharf token', description: `Node + the CLI in this extension`, detail: `${node} ${cli} token … (write it again after Wharf updates: the path has its version)`, plugin: { kind: 'wharf', command: node, prefixArgs: [cli] } });
  } else if (!process.versions.electron) {
    picks.push({ label: 'wharf token', description: 'this Node + the CLI in this extension', detail: `${process.execPath} ${cli} token …`, plugin: { kind: 'wharf', command: process.execPath, prefixArgs: [cli] } });
  } else {
    picks.push({
      label: 'wharf token',
      description: "VS Code's runtime + the CLI in this extension (no Node on PATH)",
      detail: `ELECTRON_RUN_AS_NODE=1 ${process.execPath} ${cli} token …`,
      plugin: { kind: 'wharf', command: process.execPath, prefixArgs: [cli], env: [{ name: 'ELECTRON_RUN_AS_NODE', value: '1' }] },
    });
  }
  if (wharf) picks.push({ label: 'wharf token', description: 'wharf on PATH', detail: `${wharf} token …`, plugin: { kind: 'wharf', command: 'wharf', prefixArgs: [] } });
  picks.push({ label: 'aws eks get-token', description: aws ? 'the AWS CLI' : 'the AWS CLI (not found on PATH: install it first)', detail: aws ? `${aws} eks get-token …` : undefined, plugin: { kind: 'aws' } });
  const pick = await vscode.window.showQuickPick(picks, { title: 'Write kubeconfig: how should kubectl get its EKS token?', ignoreFocusOut: true });
  return pick?.plugin;
}
