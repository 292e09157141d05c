// "Open Shell": a terminal into a pod's container (the API server's exec websocket) or an ECS task's container (ECS
// Exec's data channel, spoken natively: no session-manager-plugin). Both sessions are plain Node objects
// (src/kube/exec.ts, src/ecs-exec) behind one Pseudoterminal (src/terminal).
import { KMSClient } from '@aws-sdk/client-kms';
import * as vscode from 'vscode';
import { addAwsErrorMiddleware, clientDefaults } from '../../aws/client-config';
import { startEcsExec } from '../../ecs-exec';
import { startPodExec } from '../../kube/exec';
import type { KubeObject } from '../../kube/model';
import { RESOURCES } from '../../kube/resources';
import { podSummary } from '../../kube/summaries';
import { containerOs, shellCommand } from '../../terminal/container-shell';
import { openExecTerminal } from '../../terminal/exec-terminal';
import type { EksClusterRef, NodeTarget } from '../../views/target';
import type { ExplorerHost } from './host';
import { targetOf } from './targets';

/** ECS Exec runs one command string in the container; sh is in every Linux image that has a shell at all. */
const ECS_SHELL = '/bin/sh';

export async function openShell(host: ExplorerHost, el: unknown): Promise<void> {
  const t = targetOf(el);
  if (t?.type === 'ecsContainer') return openEcsShell(host, t);
  if (t?.type === 'kubeContainer' || (t?.type === 'kubeObject' && t.resource.kind === 'Pod')) return openPodShell(host, t);
  void vscode.window.showInformationMessage('Wharf: choose a running pod, a container, or an ECS task container in the Wharf view to open a shell.');
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
  const kms = new KMSClient({ ...clientDefaults(t.region), credentials: session.credentialProvider });
  addAwsErrorMiddleware(kms, 'kms', t.region);
  const name = `${t.task.id.slice(0, 8)}/${t.container.name}`;
  const terminal = openExecTerminal(name, async (_size, signal) => {
    try {
      return await startEcsExec({ ecs: session.ecs(t.region), kms, cluster: t.clusterArn, task: t.task.arn, container: t.container.name, command: ECS_SHELL, interactive: true, containerRuntimeId: t.container.runtimeId, signal });
    } catch (e) {
      // The terminal shows the error line; the notification says what to do next.
      const next = (e as { nextStep?: string }).nextStep;
      if (next) void vscode.window.showErrorMessage(`Wharf: ECS Exec into ${t.container.name} failed: ${(e as Error).message} ${next}`);
      throw e;
    }
  });
  const done = vscode.window.onDidCloseTerminal((closed) => {
    if (closed !== terminal) return;
    done.dispose();
    kms.destroy();
  });
}
