// The explorer commands, bundled into the explorer entry (dist/explorer.js). The activation command table
// (src/commands/index.ts) forwards each id here through ExplorerApi.run; the explorer entry calls
// activateExplorerCommands(host) once and routes run() to it. Each handler gets what the menu or palette passed:
// a tree element (with its `target`), or nothing.
import type * as vscode from 'vscode';
import { describeEksCluster } from '../../aws/eks';
import { writeKubeconfigCommand } from '../kubeconfig';
import { ScopeStatusBar } from '../../views/status-bar';
import { WharfDocuments } from '../../views/documents';
import { deletePodCommand, restartCommand, scaleCommand } from './actions';
import { forceDeploymentCommand, setDesiredCountCommand, stopTaskCommand } from './actions-ecs';
import { chooseProfile } from './choose-profile';
import { chooseRegions } from './choose-regions';
import { copyArn, copyName, openInConsole } from './copy-open';
import { showAuthDiagnosis } from './diagnosis';
import { showFailure } from './errors';
import { goTo } from './go-to';
import type { ExplorerHost } from './host';
import { enableExecCommand } from './ecs-exec-enable';
import { enterMfa } from './mfa';
import { logTabAction, openLogs } from './logs';
import { listPortForwardsCommand, openPortForwardCommand, startPortForwardCommand, stopPortForwardCommand } from './port-forward';
import { openShell } from './shell';
import { signIn } from './sign-in';
import { browseSsoAccounts } from './sso-accounts';
import { targetOf } from './targets';
import { exportScan, scanCluster, scanNamespace } from '../scan';
import { exportUpgradeReport, openUpgradeReport, revealFromReport } from '../upgrade';
import { describe, viewTaskDefinition, viewYaml } from './view-document';
import { applyCommand, chooseTargetCommand, diffCommand, validateCommand } from '../validate/run';

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
  'wharf.scan.cluster': { what: 'Scanning the cluster', run: ({ host }, el) => scanCluster(host, el) },
  'wharf.scan.namespace': { what: 'Scanning the namespace', run: ({ host }, el) => scanNamespace(host, el) },
  'wharf.scan.exportSarif': { what: 'Exporting the scan as SARIF', run: ({ host }, uri) => exportScan(host, 'sarif', uri) },
  'wharf.scan.exportMarkdown': { what: 'Exporting the scan as Markdown', run: ({ host }, uri) => exportScan(host, 'markdown', uri) },
  'wharf.explorer.openShell': { what: 'Opening a shell', run: ({ host }, el) => openShell(host, el) },
  'wharf.kube.portForward': { what: 'Starting the port forward', run: ({ host }, el) => startPortForwardCommand(host, el) },
  'wharf.kube.stopPortForward': { what: 'Stopping the port forward', run: ({ host }, el) => stopPortForwardCommand(host, el) },
  'wharf.kube.listPortForwards': { what: 'Listing the port forwards', run: ({ host }) => listPortForwardsCommand(host) },
  'wharf.kube.openPortForward': { what: 'Opening the port forward in the browser', run: ({ host }, el) => openPortForwardCommand(host, el) },
  'wharf.validate.run': { what: 'Validating against the cluster', run: ({ host }, arg, opts) => validateCommand(host, arg, opts ?? {}) },
  'wharf.validate.diff': { what: 'Diffing with the live objects', run: ({ host }, arg) => diffCommand(host, arg) },
  'wharf.validate.apply': { what: 'Applying to the cluster', run: ({ host }, arg) => applyCommand(host, arg) },
  'wharf.validate.chooseTarget': { what: 'Choosing the cluster for this file', run: ({ host }, arg) => chooseTargetCommand(host, arg) },
  'wharf.ecs.enableExec': { what: 'Enabling ECS Exec', run: ({ host }, el) => enableExecCommand(host, el) },
  'wharf.kube.scale': { what: 'Scaling', run: ({ host }, el) => scaleCommand(host, el) },
  'wharf.kube.restart': { what: 'Restarting the rollout', run: ({ host }, el) => restartCommand(host, el) },
  'wharf.kube.deletePod': { what: 'Deleting the pod', run: ({ host }, el) => deletePodCommand(host, el) },
  'wharf.ecs.forceNewDeployment': { what: 'Forcing a new deployment', run: ({ host }, el) => forceDeploymentCommand(host, el) },
  'wharf.ecs.setDesiredCount': { what: 'Setting the desired count', run: ({ host }, el) => setDesiredCountCommand(host, el) },
  'wharf.ecs.stopTask': { what: 'Stopping the task', run: ({ host }, el) => stopTaskCommand(host, el) },
  'wharf.eks.upgradeReadiness': { what: 'Checking upgrade readiness', run: ({ host, docs }, el) => openUpgradeReport(host, docs, el) },
  'wharf.upgrade.reveal': { what: 'Going to the node', run: ({ host, docs }, arg) => revealFromReport(host, docs, arg) },
  'wharf.upgrade.export': { what: 'Exporting the report', run: (_s, uri) => exportUpgradeReport(uri) },
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
