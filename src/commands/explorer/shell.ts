// "Open Shell": a terminal into a pod's container (the API server's exec websocket) or an ECS task's container (ECS
// Exec's data channel, spoken natively: no session-manager-plugin). Both sessions are plain Node objects
// (src/kube/exec.ts, src/ecs-exec) behind one Pseudoterminal (src/terminal).
import { KMSClient } from '@aws-sdk/client-kms';
import * as vscode from 'vscode';
import { addAwsErrorMiddleware, clientDefaults } from '../../aws/client-config';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { describeEcsTasks, describeTaskDefinition } from '../../aws/ecs';
import { EcsExecError, executeCommand, preflightEcsExec, sessionManagerPluginLaunch, startEcsExec, type PreflightProblem } from '../../ecs-exec';
import { startPodExec } from '../../kube/exec';
import type { KubeObject } from '../../kube/model';
import { RESOURCES } from '../../kube/resources';
import { podSummary } from '../../kube/summaries';
import { containerOs, shellCommand } from '../../terminal/container-shell';
import { openExecTerminal } from '../../terminal/exec-terminal';
import type { EksClusterRef, NodeTarget } from '../../views/target';
import { enableExec } from './ecs-exec-enable';
import type { ExplorerHost } from './host';
import { targetOrPick } from './pick';
import { targetOf } from './targets';

/** ECS Exec runs one command string in the container; sh is in every Linux image that has a shell at all. */
const ECS_SHELL = '/bin/sh';

export async function openShell(host: ExplorerHost, el: unknown): Promise<void> {
  const t = await shellTarget(host, el);
  if (t?.type === 'ecsContainer') return openEcsShell(host, t);
  if (t?.type === 'kubeContainer' || (t?.type === 'kubeObject' && t.resource.kind === 'Pod')) return openPodShell(host, t);
}

/** The row when a shell opens on it; else (the palette, a cluster, a task) what the person picks, inside the row's cluster. */
async function shellTarget(host: ExplorerHost, el: unknown): Promise<NodeTarget | undefined> {
  const t = targetOf(el);
  if (t?.type === 'ecsContainer' || t?.type === 'kubeContainer' || (t?.type === 'kubeObject' && t.resource.kind === 'Pod')) return t;
  let what: 'kubeContainer' | 'ecsContainer' | undefined = t && 'clusterName' in t ? 'kubeContainer' : t?.type.startsWith('ecs') ? 'ecsContainer' : undefined;
  if (t?.type === 'ecsTask' && t.task.containers.length === 1) return { ...t, type: 'ecsContainer', container: t.task.containers[0] };
  if (t?.type === 'ecsTask') {
    const picked = await vscode.window.showQuickPick(t.task.containers.map((c) => ({ label: c.name, description: c.execAgent?.status && `exec agent ${c.execAgent.status}`, c })), { title: 'Wharf: Open Shell', placeHolder: `Container of task ${t.task.id.slice(0, 8)}` });
    return picked && { ...t, type: 'ecsContainer', container: picked.c };
  }
  what ??= (
    await vscode.window.showQuickPick(
      [
        { label: 'Pod container', description: 'through the API server (EKS)', what: 'kubeContainer' as const },
        { label: 'ECS task container', description: 'through ECS Exec', what: 'ecsContainer' as const },
      ],
      { title: 'Wharf: Open Shell', placeHolder: 'A shell in what?' },
    )
  )?.what;
  return what && targetOrPick(host, el, what, { title: 'Wharf: Open Shell' });
}

async function openPodShell(host: ExplorerHost, t: Extract<NodeTarget, { type: 'kubeContainer' | 'kubeObject' }>): Promise<void> {
  const ref: EksClusterRef = { profile: t.profile, sso: t.sso, region: t.region, clusterName: t.clusterName };
  const namespace = t.namespace ?? 'default';
  const podName = t.type === 'kubeContainer' ? t.pod : t.name;
  const client = await host.kube(ref);
  const pod = await client.get(RESOURCES.pods, podName, namespace);
  let container = t.type === 'kubeContainer' ? t.container : undefined;
  if (!container) {
    // A container picker when there are several (init and ephemeral containers included), running ones first.
    const containers = podSummary(pod).containers;
    if (containers.length === 1) container = containers[0].name;
    else {
      const picked = await vscode.window.showQuickPick(
        [...containers].sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running')).map((c) => ({ label: c.name, description: `${c.kind === 'container' ? '' : `${c.kind} · `}${c.state}${c.reason ? ` (${c.reason})` : ''}`, detail: c.image })),
        { title: `Open a shell in ${namespace}/${podName}`, placeHolder: 'Container' },
      );
      if (!picked) return;
      container = picked.label;
    }
  }
  const command = shellCommand(containerOs(pod as KubeObject));
  openExecTerminal(`${podName}/${container}`, (_size, signal) => startPodExec({ client, namespace, pod: podName, container, command, tty: true, stdin: true, signal }));
}

async function openEcsShell(host: ExplorerHost, t: Extract<NodeTarget, { type: 'ecsContainer' }>): Promise<void> {
  const session = host.session({ profile: t.profile, sso: t.sso });
  // The row may be minutes old: check the task as it is now, and say which condition fails before ECS does.
  const [task] = await describeEcsTasks(session.ecs(t.region), t.clusterArn, [t.task.arn]);
  if (!task) throw new EcsExecError('not-found', `The task ${t.task.id.slice(0, 8)} is gone: ECS no longer lists it.`);
  const container = task.containers.find((c) => c.name === t.container.name) ?? t.container;
  const problem = preflightEcsExec(task, container);
  if (problem) return reportPreflight(host, t, problem);
  const plugin = host.ctx.config.ecsSessionManagerPlugin;
  if (plugin) return openPluginShell(session.ecs(t.region), t, container.runtimeId, plugin);
  const kms = new KMSClient({ ...clientDefaults(t.region), credentials: session.credentialProvider });
  addAwsErrorMiddleware(kms, 'kms', t.region);
  const name = `${t.task.id.slice(0, 8)}/${t.container.name}`;
  const terminal = openExecTerminal(name, async (_size, signal) => {
    try {
      return await startEcsExec({ ecs: session.ecs(t.region), kms, cluster: t.clusterArn, task: t.task.arn, container: t.container.name, command: ECS_SHELL, interactive: true, containerRuntimeId: container.runtimeId, signal });
    } catch (e) {
      // The terminal shows the error line; the notification says what to do next.
      const next = (e as { nextStep?: string }).nextStep;
      const role = (e as { kind?: string }).kind === 'target-not-connected' ? await taskRole(session.ecs(t.region), task.taskDefinitionArn) : undefined;
      if (next) void vscode.window.showErrorMessage(`Wharf: ECS Exec into ${t.container.name} failed: ${(e as Error).message} ${role ? `The task role is ${role}. ` : ''}${next}`);
      throw e;
    }
  });
  const done = vscode.window.onDidCloseTerminal((closed) => {
    if (closed !== terminal) return;
    done.dispose();
    kms.destroy();
  });
}

async function reportPreflight(host: ExplorerHost, t: Extract<NodeTarget, { type: 'ecsContainer' }>, problem: PreflightProblem): Promise<void> {
  const { error, enableOnService } = problem;
  if (!enableOnService) {
    void vscode.window.showErrorMessage(`Wharf: cannot open a shell in ${t.container.name}. ${error.message} ${error.nextStep}`);
    return;
  }
  const action = `Enable ECS Exec on ${enableOnService}…`;
  const picked = await vscode.window.showErrorMessage(`Wharf: cannot open a shell in ${t.container.name}. ${error.message}`, action);
  if (picked === action) await enableExec(host, { profile: t.profile, sso: t.sso, region: t.region, clusterArn: t.clusterArn, serviceName: enableOnService });
}

/** The task definition's task role, which needs the ssmmessages actions; undefined when it cannot be read. */
async function taskRole(ecs: ECSClient, taskDefinitionArn: string | undefined): Promise<string | undefined> {
  if (!taskDefinitionArn) return undefined;
  try {
    const def = await describeTaskDefinition(ecs, taskDefinitionArn);
    return typeof def.taskRoleArn === 'string' ? def.taskRoleArn : 'not set (the task definition has no taskRoleArn)';
  } catch {
    return undefined;
  }
}

/** The session-manager-plugin fallback: ExecuteCommand here, the plugin in a terminal with the session in its env. */
async function openPluginShell(ecs: ECSClient, t: Extract<NodeTarget, { type: 'ecsContainer' }>, runtimeId: string | undefined, plugin: string): Promise<void> {
  const grant = await executeCommand({ ecs, cluster: t.clusterArn, task: t.task.arn, container: t.container.name, command: ECS_SHELL, interactive: true, containerRuntimeId: runtimeId });
  const ssmEndpoint = process.env.AWS_ENDPOINT_URL_SSM ?? process.env.AWS_ENDPOINT_URL;
  const launch = sessionManagerPluginLaunch({ plugin, grant, region: t.region, profile: t.profile, ssmEndpoint });
  vscode.window.createTerminal({
    name: `${t.task.id.slice(0, 8)}/${t.container.name} (plugin)`,
    shellPath: launch.command,
    shellArgs: launch.args,
    env: launch.env,
    // A transient terminal is not revived after a reload, so its environment (the session token) is never persisted.
    isTransient: true,
  }).show();
}
