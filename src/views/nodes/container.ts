// A container of a pod: image, state with its reason, restarts, and the last termination (OOMKilled, Error...).
import type { ContainerSummary, PodSummary } from '../../kube/model';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, contextValue, join, tooltip } from '../present';
import type { EksClusterRef } from '../target';

/** "nginx:1.27" out of "public.ecr.aws/nginx/nginx:1.27": the part a person recognises. */
export function shortImage(image: string): string {
  return image.split('/').pop() ?? image;
}

export class ContainerNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, ref: EksClusterRef, pod: PodSummary, readonly container: ContainerSummary) {
    super(parent, `${container.kind}:${container.name}`, ctx);
    this.target = { type: 'kubeContainer', ...ref, namespace: pod.namespace, pod: pod.name, container: container.name, containerKind: container.kind };
  }

  treeItem(): ItemView {
    const c = this.container;
    const lt = c.lastTermination;
    const state = c.reason ?? c.state;
    const bad = c.reason === 'CrashLoopBackOff' || c.reason === 'ImagePullBackOff' || c.reason === 'ErrImagePull' || c.reason === 'OOMKilled' || c.reason === 'Error';
    const icon =
      bad ? ICON.error
      : c.state === 'running' ? (c.ready ? ICON.running : ICON.pending)
      : c.state === 'waiting' ? ICON.pending
      : c.state === 'terminated' ? (c.reason === 'Completed' ? ICON.done : ICON.error)
      : ICON.unknown;
    return {
      label: c.name,
      description: join(c.kind !== 'container' && c.kind, state, c.restarts > 0 && `${c.restarts} restarts`, lt?.reason && `last: ${lt.reason}${lt.exitCode !== undefined ? ` (${lt.exitCode})` : ''}`, shortImage(c.image)),
      tooltip: tooltip(`Container ${c.name}`, [
        ['Image', c.image],
        ['Kind', c.kind],
        ['State', join(c.state, c.reason)],
        ['Ready', c.ready ? 'yes' : 'no'],
        ['Restarts', c.restarts],
        ['Last termination', lt && join(lt.reason, lt.exitCode !== undefined && `exit ${lt.exitCode}`, lt.finishedAt)],
        ['Ports', c.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ')],
      ]),
      contextValue: contextValue('container', { [c.state]: true, [c.kind]: c.kind !== 'container' }),
      icon,
      collapsible: 'none',
    };
  }
}
