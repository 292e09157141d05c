// "Open Logs": a pod's container, every pod of a workload (interleaved in time order, `pod/container` prefixes), or an
// ECS task's containers (awslogs in CloudWatch Logs, followed with Live Tail or polling), in a read-only editor tab
// that follows live (src/logs/view.ts); a tab shows the last segment of its title, so titles read `<pod>.<container>`.
// The streams are plain Node objects (src/kube/logs.ts, workload-logs.ts, src/aws/ecs-logs.ts); closing the tab stops
// them.
import * as vscode from 'vscode';
import { describeTaskDefinition } from '../../aws/ecs';
import { ecsServiceLogs, ecsTaskLogs } from '../../aws/ecs-logs';
import { podLogs } from '../../kube/logs';
import { RESOURCES } from '../../kube/resources';
import { podSummary } from '../../kube/summaries';
import { workloadLogs, type WorkloadKind } from '../../kube/workload-logs';
import { DeferredLogStream } from '../../logs/stream';
import { logViewFor, openLogView, type LogView } from '../../logs/view';
import type { EksClusterRef, NodeTarget } from '../../views/target';
import type { ExplorerHost } from './host';
import { targetOrPick, type PickWhat } from './pick';
import { targetOf } from './targets';

/** Lines fetched before following: enough context, not a re-download of everything (kubectl's habit). */
const TAIL = 500;
const WORKLOAD_KINDS = new Set<string>(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet']);

export async function openLogs(host: ExplorerHost, el: unknown): Promise<void> {
  const t = (await logTarget(host, el));
  if (t?.type === 'ecsTask' || t?.type === 'ecsContainer') return openTaskLogs(host, t);
  if (t?.type === 'ecsService') return openServiceLogs(host, t);
  if (t?.type === 'kubeContainer' || (t?.type === 'kubeObject' && t.resource.kind === 'Pod')) return openPodLogs(host, t);
  if (t?.type === 'kubeObject' && WORKLOAD_KINDS.has(t.resource.kind)) return openWorkloadLogs(host, t);
}

/** What the row is, when it has logs; else (the palette, a cluster or namespace row) what the person picks. */
async function logTarget(host: ExplorerHost, el: unknown): Promise<NodeTarget | undefined> {
  const t = targetOf(el);
  if (t && (['ecsTask', 'ecsContainer', 'ecsService', 'kubeContainer'].includes(t.type) || (t.type === 'kubeObject' && (t.resource.kind === 'Pod' || WORKLOAD_KINDS.has(t.resource.kind))))) return t;
  const inEks = t && 'clusterName' in t;
  const inEcs = t && (t.type === 'ecsCluster');
  const choices: { label: string; description: string; what: PickWhat }[] = [
    ...(inEcs ? [] : [
      { label: 'Pod', description: 'one container of a pod, or its previous run after a crash', what: 'pod' as const },
      { label: 'Workload', description: 'every pod of a Deployment, StatefulSet, DaemonSet or Job, interleaved', what: 'workload' as const },
    ]),
    ...(inEks ? [] : [
      { label: 'ECS task', description: 'the task\'s containers from CloudWatch Logs', what: 'ecsTask' as const },
      { label: 'ECS service', description: 'every task of the service, interleaved', what: 'ecsService' as const },
    ]),
  ];
  const choice = await vscode.window.showQuickPick(choices, { title: 'Wharf: Open Logs', placeHolder: 'Logs of what?' });
  return choice && targetOrPick(host, el, choice.what, { title: `Wharf: Open Logs (${choice.label.toLowerCase()})` });
}

const refOf = (t: EksClusterRef): EksClusterRef => ({ profile: t.profile, sso: t.sso, region: t.region, clusterName: t.clusterName });

async function openPodLogs(host: ExplorerHost, t: Extract<NodeTarget, { type: 'kubeContainer' | 'kubeObject' }>): Promise<void> {
  const namespace = t.namespace ?? 'default';
  const pod = t.type === 'kubeContainer' ? t.pod : t.name;
  const client = await host.kube(refOf(t));
  const summary = podSummary(await client.get(RESOURCES.pods, pod, namespace));
  let name = t.type === 'kubeContainer' ? t.container : undefined;
  if (!name) {
    if (summary.containers.length === 1) name = summary.containers[0].name;
    else {
      const picked = await vscode.window.showQuickPick(
        summary.containers.map((c) => ({ label: c.name, description: `${c.kind === 'container' ? '' : `${c.kind} · `}${c.state}${c.reason ? ` (${c.reason})` : ''}`, detail: c.image })),
        { title: `Logs of ${namespace}/${pod}`, placeHolder: 'Container' },
      );
      if (!picked) return;
      name = picked.label;
    }
  }
  const container = summary.containers.find((c) => c.name === name);
  let previous = false;
  // After a crash the previous run holds the reason: offer it first.
  if (container && container.restarts > 0 && container.lastTermination) {
    const last = container.lastTermination;
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Previous run', description: `ended: ${last.reason ?? 'exited'}${last.exitCode !== undefined ? ` (exit ${last.exitCode})` : ''}`, previous: true },
        { label: 'Current run', description: `${container.state}${container.reason ? ` (${container.reason})` : ''}, ${container.restarts} restarts`, previous: false },
      ],
      { title: `Logs of ${pod}/${name}` },
    );
    if (!picked) return;
    previous = picked.previous;
  }
  await openLogView({
    title: `${namespace}/${pod}.${name}${previous ? '.previous' : ''}`,
    limit: host.ctx.config.logsMaxLines,
    start: () => podLogs(client, { namespace, pod, container: name, follow: !previous, tailLines: TAIL, previous }),
  });
}

async function openWorkloadLogs(host: ExplorerHost, t: Extract<NodeTarget, { type: 'kubeObject' }>): Promise<void> {
  const client = await host.kube(refOf(t));
  const namespace = t.namespace ?? 'default';
  await openLogView({
    title: `${namespace}/${t.resource.kind.toLowerCase()}.${t.name}`,
    limit: host.ctx.config.logsMaxLines,
    start: () => workloadLogs(client, { namespace, kind: t.resource.kind as WorkloadKind, name: t.name, follow: true, tailLines: 100, maxStreams: host.ctx.config.logsMaxStreams }),
  });
}

async function openTaskLogs(host: ExplorerHost, t: Extract<NodeTarget, { type: 'ecsTask' | 'ecsContainer' }>): Promise<void> {
  const session = host.session({ profile: t.profile, sso: t.sso });
  if (!t.task.taskDefinitionArn) throw new Error(`task ${t.task.id} names no task definition`);
  const taskDefinition = await describeTaskDefinition(session.ecs(t.region), t.task.taskDefinitionArn);
  const container = t.type === 'ecsContainer' ? t.container.name : undefined;
  const open = () => ecsTaskLogs({ task: t.task, taskDefinition, region: t.region, logs: (r) => session.logs(r), container }, { follow: true, tail: TAIL });
  const first = open();
  let reused = false;
  await openLogView({
    title: `${t.task.id.slice(0, 8)}${container ? `.${container}` : ''}`,
    preface: first.elsewhere,
    limit: host.ctx.config.logsMaxLines,
    // The first stream was made to learn where the logs go; resume() makes a new one.
    start: () => (reused ? open().stream : ((reused = true), first.stream)),
  });
}

async function openServiceLogs(host: ExplorerHost, t: Extract<NodeTarget, { type: 'ecsService' }>): Promise<void> {
  const session = host.session({ profile: t.profile, sso: t.sso });
  const open = (signal?: AbortSignal) => ecsServiceLogs({ ecs: session.ecs(t.region), clusterArn: t.clusterArn, serviceName: t.service.name, region: t.region, logs: (r) => session.logs(r), signal }, { follow: true, tail: TAIL });
  let first: Awaited<ReturnType<typeof open>> | undefined = await open();
  if (first.tasks.length === 0) throw new Error(`service ${t.service.name} has no tasks now, so there are no task logs to follow; a stopped task's logs open from its row under Tasks`);
  await openLogView({
    title: `service.${t.service.name}`,
    preface: [`${first.tasks.length} task${first.tasks.length === 1 ? '' : 's'} of the service when the tab opened; lines are prefixed <task id>/<container> (the task id's first 8 characters).`, ...first.elsewhere],
    limit: host.ctx.config.logsMaxLines,
    // Resuming lists the tasks again: a deployment may have replaced them.
    start: () => {
      const ready = first;
      first = undefined;
      return ready ? ready.stream : new DeferredLogStream(async (signal) => (await open(signal)).stream);
    },
  });
}

/** The log tab a title-bar button was pressed on (its URI), else the active editor's. */
function activeLogView(uri: unknown): LogView | undefined {
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  return logViewFor(target);
}

/** Stop following, resume (from where it stopped: a fresh stream from now), or filter the active log tab. */
export function logTabAction(action: 'stop' | 'resume' | 'filter', uri: unknown): Promise<void> | void {
  const view = activeLogView(uri);
  if (!view) {
    void vscode.window.showInformationMessage('Wharf: open a Wharf log tab first (Open Logs in the Wharf view).');
    return;
  }
  if (action === 'stop') return view.stop();
  if (action === 'resume') return view.resume();
  return view.promptFilter();
}
