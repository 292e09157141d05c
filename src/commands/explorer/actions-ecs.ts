// ECS actions from the tree and the palette: Force New Deployment and Set Desired Count on a service, Stop Task on a
// task. Each asks a modal confirmation naming the ECS cluster, Region and identity, calls src/aws/ecs-actions.ts,
// then waits (bounded, cancellable) until DescribeServices / DescribeTasks show the change, and refreshes the rows
// that show it: ECS lists are not watched, so without this the tree would keep the old count until a refresh.
import * as vscode from 'vscode';
import { MAX_DESIRED, forceDeploymentRefusal, forceNewDeployment, hasNewPrimary, setDesiredCount, stopReason, stopTask, stopping, waitForService, waitForTask } from '../../aws/ecs-actions';
import { validateCount } from '../../kube/actions';
import type { NodeTarget } from '../../views/target';
import { desiredCountConfirmation, ecsWhere, forceDeploymentConfirmation, stopTaskConfirmation } from './actions-text';
import { actionFailed, askCount, confirm, done, refreshRowsOf, withProgress } from './actions-ui';
import type { ExplorerHost } from './host';
import { targetOrPick } from './pick';

type ServiceTarget = Extract<NodeTarget, { type: 'ecsService' }>;
type TaskTarget = Extract<NodeTarget, { type: 'ecsTask' }>;

/** How long the tree waits for ECS to show a change: 10 describes, 1.5 s apart. */
const WAIT = { tries: 10, intervalMs: 1500 };

const sameService = (t: ServiceTarget) => (x: NodeTarget) => x.type === 'ecsService' && x.service.arn === t.service.arn;
const sameTask = (t: TaskTarget) => (x: NodeTarget) => x.type === 'ecsTask' && x.task.arn === t.task.arn;

export async function forceDeploymentCommand(host: ExplorerHost, el: unknown): Promise<void> {
  let t: NodeTarget | undefined;
  try {
    t = await targetOrPick(host, el, 'ecsService', { title: 'Wharf: Force New Deployment' });
    if (t?.type !== 'ecsService') return;
    const s = t.service;
    const refusal = forceDeploymentRefusal(s);
    if (refusal) {
      void vscode.window.showInformationMessage(`Wharf: ${refusal}`);
      return;
    }
    if (!(await confirm(forceDeploymentConfirmation(s.name, ecsWhere(t, t.clusterArn), s.taskDefinition)))) return;
    const ecs = host.session(t).ecs(t.region);
    const target = t;
    const shown = await withProgress(`Forcing a new deployment of ${s.name}…`, async (signal, report) => {
      const after = await forceNewDeployment(ecs, target.clusterArn, s.arn || s.name, signal);
      // UpdateService answers with the new deployment already listed; on AWS it is; wait only when it is not.
      if (hasNewPrimary(s)(after)) return true;
      report('waiting for the new deployment to show');
      return (await waitForService(ecs, target.clusterArn, s.arn || s.name, hasNewPrimary(s), { ...WAIT, signal })).converged;
    });
    refreshRowsOf(host, sameService(target));
    done(shown ? `started a new deployment of ${s.name}` : `asked ECS for a new deployment of ${s.name}; it does not show yet`);
  } catch (e) {
    await actionFailed(host, 'Forcing a new deployment', e, el, t);
  }
}

export async function setDesiredCountCommand(host: ExplorerHost, el: unknown): Promise<void> {
  let t: NodeTarget | undefined;
  try {
    t = await targetOrPick(host, el, 'ecsService', { title: 'Wharf: Set Desired Count' });
    if (t?.type !== 'ecsService') return;
    const s = t.service;
    const where = ecsWhere(t, t.clusterArn);
    const to = await askCount({
      title: `Desired count of ${s.name}`,
      prompt: `Tasks for service ${s.name} in ${where}. Now ${s.desired} desired, ${s.running} running, ${s.pending} pending.`,
      current: s.desired,
      validate: (text) => validateCount(text, MAX_DESIRED),
    });
    if (to === undefined) return;
    if (to === s.desired) {
      done(`${s.name} already wants ${to} task${to === 1 ? '' : 's'}`);
      return;
    }
    if (!(await confirm(desiredCountConfirmation(s.name, where, s.desired, to)))) return;
    const ecs = host.session(t).ecs(t.region);
    const target = t;
    await withProgress(`Setting the desired count of ${s.name} to ${to}…`, async (signal) => {
      const after = await setDesiredCount(ecs, target.clusterArn, s.arn || s.name, to, signal);
      if (after.desired !== to) await waitForService(ecs, target.clusterArn, s.arn || s.name, (x) => x.desired === to, { ...WAIT, signal });
    });
    refreshRowsOf(host, sameService(target));
    done(`${s.name} now wants ${to} task${to === 1 ? '' : 's'}`);
  } catch (e) {
    await actionFailed(host, 'Setting the desired count', e, el, t);
  }
}

export async function stopTaskCommand(host: ExplorerHost, el: unknown): Promise<void> {
  let t: NodeTarget | undefined;
  try {
    t = await targetOrPick(host, el, 'ecsTask', { title: 'Wharf: Stop Task' });
    if (t?.type !== 'ecsTask') return;
    const task = t.task;
    const where = ecsWhere(t, t.clusterArn);
    const typed = await vscode.window.showInputBox({
      title: `Stop task ${task.id}`,
      prompt: `Why (ECS records it as the task's stopped reason, at most 255 characters). In ${where}.`,
      value: 'Stopped from Wharf',
      validateInput: (x) => (stopReason(x) ? undefined : 'Say why: it shows in the task\'s stopped reason'),
      ignoreFocusOut: true,
    });
    if (typed === undefined) return;
    const reason = stopReason(typed);
    if (!(await confirm(stopTaskConfirmation(task.id, where, task.serviceName, reason)))) return;
    const ecs = host.session(t).ecs(t.region);
    const target = t;
    await withProgress(`Stopping task ${task.id.slice(0, 8)}…`, async (signal) => {
      const after = await stopTask(ecs, target.clusterArn, task.arn, reason, signal);
      if (!stopping(after)) await waitForTask(ecs, target.clusterArn, task.arn, stopping, { ...WAIT, signal });
    });
    refreshRowsOf(host, sameTask(target));
    done(`stopping task ${task.id.slice(0, 8)}`);
  } catch (e) {
    await actionFailed(host, 'Stopping the task', e, el, t);
  }
}
