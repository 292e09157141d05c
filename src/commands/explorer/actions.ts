// Kubernetes actions from the tree and the palette: Scale (Deployment, StatefulSet), Restart (rollout restart of a
// Deployment, StatefulSet or DaemonSet) and Delete Pod. Each reads the object first (the count to prefill, the
// owner to name, the uid to delete exactly that pod), asks a modal confirmation that names the namespace, cluster,
// Region and identity, then calls src/kube/actions.ts. The tree needs no refresh: the lists it shows are watched
// (src/views/watch.ts), so the new replica count, the new pods and the deleted pod arrive as watch events.
import * as vscode from 'vscode';
import { deletePod, readAutoscaler, readScale, restartWorkload, scaleWorkload, validateCount } from '../../kube/actions';
import { KubeError } from '../../kube/errors';
import { RESOURCES } from '../../kube/resources';
import type { NodeTarget } from '../../views/target';
import { deletePodConfirmation, kubeWhere, restartConfirmation, scaleConfirmation, scaleConflictText, scalePrompt } from './actions-text';
import { actionFailed, askCount, confirm, done, withProgress } from './actions-ui';
import type { ExplorerHost } from './host';
import { targetOrPick } from './pick';

type KubeObjectTarget = Extract<NodeTarget, { type: 'kubeObject' }>;

const isObject = (t: NodeTarget | undefined): t is KubeObjectTarget => t?.type === 'kubeObject' && !!t.namespace;

export async function scaleCommand(host: ExplorerHost, el: unknown): Promise<void> {
  let t: NodeTarget | undefined;
  try {
    t = await targetOrPick(host, el, 'scalable', { title: 'Wharf: Scale' });
    if (!isObject(t)) return;
    const { resource, name } = t;
    const ns = t.namespace!;
    const client = await host.kube(t);
    const [scale, auto] = await Promise.all([readScale(client, resource.kind, ns, name), readAutoscaler(client, resource.kind, ns, name)]);
    const where = kubeWhere(t, ns);
    const to = await askCount({
      title: `Scale ${resource.kind} ${name}`,
      prompt: scalePrompt(where, scale.desired, scale.current, auto),
      current: scale.desired,
      validate: validateCount,
    });
    if (to === undefined) return;
    if (to === scale.desired) {
      done(`${name} already has ${to} desired replica${to === 1 ? '' : 's'}`);
      return;
    }
    if (!(await confirm(scaleConfirmation(resource.kind, name, where, scale.desired, to, auto)))) return;
    try {
      // Conditional on the version read: a count someone changed meanwhile is not silently undone.
      await withProgress(`Scaling ${name} to ${to}…`, (signal) => scaleWorkload(client, resource.kind, ns, name, to, { signal, resourceVersion: scale.resourceVersion }));
    } catch (e) {
      if (!(e instanceof KubeError && e.failure.kind === 'conflict')) throw e;
      const now = await readScale(client, resource.kind, ns, name);
      void vscode.window.showWarningMessage(`Wharf: ${scaleConflictText(resource.kind, name, now.desired)}`);
      return;
    }
    done(`scaled ${resource.kind} ${name} to ${to}`);
  } catch (e) {
    await actionFailed(host, 'Scaling', e, el, t);
  }
}

export async function restartCommand(host: ExplorerHost, el: unknown): Promise<void> {
  let t: NodeTarget | undefined;
  try {
    t = await targetOrPick(host, el, 'workload', { title: 'Wharf: Restart' });
    if (!isObject(t)) return;
    const { resource, name } = t;
    const ns = t.namespace!;
    if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(resource.kind)) {
      void vscode.window.showInformationMessage(`Wharf: a ${resource.kind} has no rollout to restart; restart is for Deployments, StatefulSets and DaemonSets.`);
      return;
    }
    const client = await host.kube(t);
    if (!(await confirm(restartConfirmation(resource.kind, name, kubeWhere(t, ns))))) return;
    await withProgress(`Restarting ${name}…`, (signal) => restartWorkload(client, resource.kind, ns, name, { signal }));
    done(`restarted the rollout of ${resource.kind} ${name}`);
  } catch (e) {
    await actionFailed(host, 'Restarting the rollout', e, el, t);
  }
}

export async function deletePodCommand(host: ExplorerHost, el: unknown): Promise<void> {
  let t: NodeTarget | undefined;
  try {
    t = await targetOrPick(host, el, 'pod', { title: 'Wharf: Delete Pod' });
    if (!isObject(t)) return;
    const { name } = t;
    const ns = t.namespace!;
    const client = await host.kube(t);
    const pod = await client.get(RESOURCES.pods, name, ns);
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller) ?? pod.metadata.ownerReferences?.[0];
    const terminatingSince = (pod.metadata as { deletionTimestamp?: string }).deletionTimestamp;
    const picked = await confirm(deletePodConfirmation(name, kubeWhere(t, ns), { owner: owner && `${owner.kind} ${owner.name}`, terminatingSince }));
    if (!picked) return;
    const now = picked === 'Delete Now';
    await withProgress(`Deleting pod ${name}…`, (signal) => deletePod(client, ns, name, { uid: pod.metadata.uid, gracePeriodSeconds: now ? 0 : undefined, signal }));
    done(`deleted pod ${name}${now ? ' (grace period 0)' : ''}`);
  } catch (e) {
    await actionFailed(host, 'Deleting the pod', e, el, t);
  }
}
