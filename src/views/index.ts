// The explorer entry (dist/explorer.js), loaded on first use by ctx.explorer(): the tree provider over nodes, the
// connections cache, the watch manager, and the explorer commands, wired together once. The activation bundle's
// shim (shim.ts) creates the TreeView and hands it over with attach().
import * as vscode from 'vscode';
import { listProfiles } from '../aws/profiles';
import { activateExplorerCommands, promptMfaCode, type ExplorerHost, type LoadedNode } from '../commands/explorer';
import { portForwardsOf } from '../commands/explorer/port-forwards';
import { WRITE_KUBECONFIG_COMMAND, writeKubeconfigCommand } from '../commands/kubeconfig';
import type { Ctx } from '../ctx';
import { liveBackend, liveStarter } from './backend-live';
import { CMD } from './command-ids';
import { Connections } from './connections';
import { TreeNode, type TreeContext } from './node';
import { LoadMoreNode } from './nodes/load-more';
import { PortForwardsNode } from './nodes/port-forward';
import { ExplorerProvider } from './provider';
import { findTarget } from './reveal';
import { ScanResultsNode } from './nodes/scan-results';
import { scanResultsOf } from '../commands/scan';
import { rootNodes, shownScopes } from './roots';
import { WatchManager } from './watch';

export interface ExplorerApi {
  readonly provider: ExplorerProvider;
  readonly connections: Connections;
  readonly host: ExplorerHost;
  /** Connects the TreeView the activation shim created (expand/collapse/visibility, reveal). */
  attach(view: vscode.TreeView<unknown>): vscode.Disposable;
  run(commandId: string, ...args: unknown[]): Promise<unknown>;
  dispose(): void;
}

/** Kinds that are places in the tree, not things to go to. */
const NOT_A_DESTINATION = /^(folder|message|loadMore|error)\b/;

/** True when nothing could give credentials: no setting, no profile in the files, no credentials in the environment. */
async function noCredentialsConfigured(profiles: string[]): Promise<boolean> {
  if (profiles.length) return false;
  const env = process.env;
  if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) return false;
  try {
    return (await listProfiles()).profiles.length === 0;
  } catch {
    return false;
  }
}

export function activateExplorer(ctx: Ctx): ExplorerApi {
  const subscriptions: vscode.Disposable[] = [];
  const connections = new Connections({ mfaCodeProvider: promptMfaCode, endpointOverrides: () => ctx.config.endpointOverrides });
  const treeCtx: TreeContext = { backend: liveBackend(connections), changed: (n) => provider.changed(n), today: () => new Date() };
  const watches = new WatchManager(liveStarter(connections), (key, e) => ctx.output.warn(`watch of ${key}: ${(e as Error)?.message ?? e}`));
  const makeRoots = async () => {
    const profiles = ctx.config.profiles;
    const none = await noCredentialsConfigured(profiles);
    void vscode.commands.executeCommand('setContext', 'wharf.explorer.noProfiles', none);
    return none ? [] : rootNodes(treeCtx, profiles, ctx.config.regions);
  };
  const provider: ExplorerProvider = new ExplorerProvider(makeRoots, treeCtx, watches, ctx.extension.extensionUri, (m) => ctx.output.info(m));
  provider.setInterval(ctx.config.explorerRefreshIntervalSeconds);
  let view: vscode.TreeView<unknown> | undefined;

  subscriptions.push(
    provider,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (ctx.config.affectsExplorerScope(e)) {
        connections.dropAll();
        provider.refresh();
      } else if (e.affectsConfiguration('wharf.eks.endpointOverrides')) {
        connections.dropAll();
        provider.refresh();
      }
      if (e.affectsConfiguration('wharf.explorer.refreshIntervalSeconds')) provider.setInterval(ctx.config.explorerRefreshIntervalSeconds);
    }),
    // Tree-only commands: the rows' own clicks, not in the palette or package.json.
    vscode.commands.registerCommand(CMD.loadMore, (n: unknown) => n instanceof LoadMoreNode && provider.loadMore(n)),
    vscode.commands.registerCommand(CMD.retry, (n: unknown) => n instanceof TreeNode && provider.retry(n)),
  );

  const host: ExplorerHost = {
    ctx,
    refresh: (element) => provider.refresh(element instanceof TreeNode ? element : undefined),
    session: (scope) => connections.session(scope),
    kube: (cluster, signal) => connections.kube(cluster, undefined, signal),
    loaded: () =>
      provider.loaded().flatMap((n): LoadedNode[] => {
        if (!n.target) return [];
        const v = n.treeItem();
        return NOT_A_DESTINATION.test(v.contextValue) ? [] : [{ target: n.target, label: v.label, description: v.description, element: n }];
      }),
    reveal: async (element) => {
      if (element instanceof TreeNode) await provider.reveal(element);
    },
    revealTarget: async (target) => {
      const node = await findTarget(await provider.getChildren(), target, (n) => provider.getChildren(n));
      if (node) await provider.reveal(node);
      return !!node;
    },
    scopes: () => shownScopes(treeCtx, ctx.config.profiles, ctx.config.regions),
    resetConnections: () => connections.dropAll(),
    get view() {
      return view;
    },
  };
  // The running port forwards: a "Port Forwards" group above the roots while there are any.
  const forwards = portForwardsOf(host);
  const forwardsNode = new PortForwardsNode(treeCtx, forwards);
  // The live scans' results, grouped by rule: a "Scan Results" group once a scan has run.
  const scans = scanResultsOf(host);
  const scansNode = new ScanResultsNode(treeCtx, { scans: () => scans.entries() });
  provider.setLeadingRoots(() => [...(forwards.entries().length ? [forwardsNode] : []), ...(scans.entries().length ? [scansNode] : [])]);
  subscriptions.push(forwards, forwards.onDidChange((e) => (e.list ? provider.rootsChanged() : provider.changed(forwardsNode))));
  subscriptions.push(scans.onDidChangeList(() => provider.rootsChanged()));
  const commands = activateExplorerCommands(host, {
    // Owned by the kubeconfig command (src/commands/kubeconfig.ts); the explorer supplies DescribeCluster for a
    // palette pick that carries only the cluster's name.
    [WRITE_KUBECONFIG_COMMAND]: {
      what: 'Writing the kubeconfig',
      run: (_host, arg) => writeKubeconfigCommand(ctx, arg, { describeCluster: (ref) => treeCtx.backend.eksCluster(ref, ref.clusterName, AbortSignal.timeout(30_000)) }),
    },
  });
  subscriptions.push(commands);

  return {
    provider,
    connections,
    host,
    attach(v) {
      view = v;
      return provider.attach(v);
    },
    async run(commandId, ...args) {
      if (commandId === CMD.loadMore) return args[0] instanceof LoadMoreNode ? provider.loadMore(args[0]) : undefined;
      if (commandId === CMD.retry) return args[0] instanceof TreeNode ? provider.retry(args[0]) : undefined;
      const r = commands.run(commandId, ...args);
      if (r === false) throw new Error(`${commandId} is not an explorer command`);
      return r;
    },
    dispose() {
      for (const d of subscriptions.splice(0)) d.dispose();
      connections.dispose();
    },
  };
}
