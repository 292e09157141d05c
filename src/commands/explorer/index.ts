// The explorer commands, bundled into the explorer entry (dist/explorer.js). The activation command table
// (src/commands/index.ts) forwards each id here through ExplorerApi.run; the explorer entry calls
// activateExplorerCommands(host) once and routes run() to it. Each handler gets what the menu or palette passed:
// a tree element (with its `target`), or nothing.
import type * as vscode from 'vscode';
import { describeEksCluster } from '../../aws/eks';
import { writeKubeconfigCommand } from '../kubeconfig';
import { ScopeStatusBar } from '../../views/status-bar';
import { WharfDocuments } from '../../views/documents';
import { chooseProfile } from './choose-profile';
import { chooseRegions } from './choose-regions';
import { copyArn, copyName, openInConsole } from './copy-open';
import { showAuthDiagnosis } from './diagnosis';
import { showFailure } from './errors';
import { goTo } from './go-to';
import type { ExplorerHost } from './host';
import { enterMfa } from './mfa';
import { logTabAction, openLogs } from './logs';
import { openShell } from './shell';
import { signIn } from './sign-in';
import { browseSsoAccounts } from './sso-accounts';
import { targetOf } from './targets';
import { describe, viewTaskDefinition, viewYaml } from './view-document';

export type { ExplorerHost, LoadedNode } from './host';
export { promptMfaCode } from './mfa';
export { parseProfileEntry, formatProfileEntry, scopesOf } from './profile-entry';

interface Services {
  host: ExplorerHost;
  docs: WharfDocuments;
}

type Handler = (s: Services, ...args: unknown[]) => unknown;

/** What each command does; "what" names it in error messages. */
export const EXPLORER_COMMANDS: Record<string, { what: string; run: Handler }> = {
  'wharf.explorer.refresh': { what: 'Refreshing the Wharf view', run: ({ host }, element) => host.refresh(element && typeof element === 'object' ? element : undefined) },
  'wharf.aws.chooseProfile': { what: 'Choosing the AWS profile', run: ({ host }) => chooseProfile(host) },
  'wharf.aws.chooseRegions': { what: 'Choosing the AWS Regions', run: ({ host }) => chooseRegions(host) },
  'wharf.explorer.goTo': { what: 'Go to', run: ({ host, docs }) => goTo(host, docs) },
  'wharf.explorer.copyName': { what: 'Copying the name', run: (_s, el) => copyName(withNodegroup(el)) },
  'wharf.explorer.copyArn': { what: 'Copying the ARN', run: ({ host }, el) => copyArn(host, withNodegroup(el)) },
  'wharf.explorer.openInConsole': { what: 'Opening the AWS console', run: (_s, el) => openInConsole(withNodegroup(el)) },
  'wharf.explorer.viewYaml': { what: 'Opening the YAML', run: ({ docs }, el) => viewYaml(docs, targetOf(el)) },
  'wharf.explorer.describe': { what: 'Describing the object', run: ({ docs }, el) => describe(docs, targetOf(el)) },
  'wharf.explorer.viewTaskDefinition': { what: 'Opening the task definition', run: ({ docs }, el) => viewTaskDefinition(docs, targetOf(el)) },
  'wharf.aws.signIn': { what: 'Signing in', run: ({ host }, arg) => signIn(host, arg) },
  'wharf.aws.browseSsoAccounts': { what: 'Browsing IAM Identity Center accounts', run: ({ host }, arg) => browseSsoAccounts(host, arg) },
  'wharf.aws.enterMfa': { what: 'Entering an MFA code', run: ({ host }) => enterMfa(host) },
  'wharf.explorer.openLogs': { what: 'Opening the logs', run: ({ host }, el) => openLogs(host, el) },
  'wharf.logs.stop': { what: 'Stopping the log stream', run: (_s, uri) => logTabAction('stop', uri) },
  'wharf.logs.resume': { what: 'Resuming the log stream', run: (_s, uri) => logTabAction('resume', uri) },
  'wharf.logs.filter': { what: 'Filtering the log', run: (_s, uri) => logTabAction('filter', uri) },
  'wharf.explorer.openShell': { what: 'Opening a shell', run: ({ host }, el) => openShell(host, el) },
  'wharf.eks.showAuthDiagnosis': { what: 'Diagnosing cluster access', run: ({ host, docs }, el, extra) => showAuthDiagnosis(host, docs, el, extra) },
  // src/commands/kubeconfig.ts (the kubeconfig writer); DescribeCluster for a cluster row not yet described.
  'wharf.eks.writeKubeconfig': {
    what: 'Writing the kubeconfig',
    run: ({ host }, el) => writeKubeconfigCommand(host.ctx, el, { describeCluster: (ref) => describeEksCluster(host.session(ref).eks(ref.region), ref.region, ref.clusterName) }),
  },
};

/** A node group row points at its cluster; add the node group so name, ARN and console link are the node group's. */
function withNodegroup(el: unknown) {
  const t = targetOf(el);
  const ng = (el as { nodegroup?: { name?: string; arn?: string } } | undefined)?.nodegroup;
  return t && ng && t.type === 'eksCluster' ? ({ ...t, nodegroup: ng } as typeof t) : t;
}

export interface ExplorerCommands extends vscode.Disposable {
  /** Runs a command id of EXPLORER_COMMANDS; false when the id is not one of them. */
  run(id: string, ...args: unknown[]): Promise<unknown> | false;
  readonly documents: WharfDocuments;
}

export function activateExplorerCommands(host: ExplorerHost, extra: Record<string, { what: string; run: (host: ExplorerHost, ...args: unknown[]) => unknown }> = {}): ExplorerCommands {
  const docs = new WharfDocuments(host);
  const status = new ScopeStatusBar(host.ctx, async () => (await host.scopes()).map((s) => s.region));
  const services: Services = { host, docs };
  return {
    documents: docs,
    run(id, ...args) {
      const c = EXPLORER_COMMANDS[id];
      const x = extra[id];
      if (!c && !x) return false;
      const what = (c ?? x).what;
      return (async () => {
        try {
          return await (c ? c.run(services, ...args) : x.run(host, ...args));
        } catch (e) {
          await showFailure(host, what, e, { element: args[0] });
          return undefined;
        }
      })();
    },
    dispose() {
      status.dispose();
      docs.dispose();
    },
  };
}
