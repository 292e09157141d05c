// "Enable ECS Exec" on a service (its row's menu, or offered when a shell cannot open because the task was started
// without exec): after a confirmation that says the tasks are replaced, UpdateService with enableExecuteCommand and
// a forced new deployment. The service's row is refreshed so its exec flag and the new deployment show.
import * as vscode from 'vscode';
import { enableEcsExec } from '../../aws/ecs-exec-config';
import type { AwsScope } from '../../views/target';
import type { ExplorerHost } from './host';
import { targetOrPick } from './pick';

export interface EnableExecTarget extends AwsScope {
  clusterArn: string;
  serviceName: string;
  running?: number;
}

export async function enableExecCommand(host: ExplorerHost, el: unknown): Promise<void> {
  const t = await targetOrPick(host, el, 'ecsService', { title: 'Wharf: Enable ECS Exec' });
  if (t?.type !== 'ecsService') return;
  if (t.service.execEnabled) {
    void vscode.window.showInformationMessage(`Wharf: ECS Exec is already enabled on ${t.service.name}. Tasks started before it was enabled still have no exec agent: open a shell in a newer task.`);
    return;
  }
  await enableExec(host, { profile: t.profile, sso: t.sso, region: t.region, clusterArn: t.clusterArn, serviceName: t.service.name, running: t.service.running }, el);
}

/** Asks, then enables; true when the service was updated. */
export async function enableExec(host: ExplorerHost, t: EnableExecTarget, element?: unknown): Promise<boolean> {
  const cluster = t.clusterArn.split('/').pop();
  const tasks = t.running === undefined ? 'its tasks' : `its ${t.running} running task${t.running === 1 ? '' : 's'}`;
  const ok = await vscode.window.showWarningMessage(
    `Enable ECS Exec on service ${t.serviceName} (cluster ${cluster}, ${t.region})?`,
    { modal: true, detail: `This updates the service with enableExecuteCommand and forces a new deployment, which replaces ${tasks}. Shells open in the new tasks once they are running. The task role also needs the ssmmessages permissions.` },
    'Enable and Redeploy',
  );
  if (ok !== 'Enable and Redeploy') return false;
  const svc = await enableEcsExec(host.session(t).ecs(t.region), t.clusterArn, t.serviceName);
  host.refresh(element);
  void vscode.window.showInformationMessage(`Wharf: ECS Exec enabled on ${svc.name}; a new deployment is replacing its tasks. Open a shell in one of the new tasks once it is RUNNING.`);
  return true;
}
