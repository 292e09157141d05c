// A namespace event: reason, the object it is about and the message; warnings first, newest first.
import type { KubeObject } from '../../kube/model';
import { RESOURCES } from '../../kube/resources';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, age, contextValue, join, md, tooltip } from '../present';
import type { EksClusterRef } from '../target';

interface EventFields {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string };
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
  series?: { count?: number; lastObservedTime?: string };
}

const when = (e: EventFields) => e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '';

export function eventOrder(a: KubeObject, b: KubeObject): number {
  const x = a as EventFields;
  const y = b as EventFields;
  const w = Number(y.type === 'Warning') - Number(x.type === 'Warning');
  return w || when(y).localeCompare(when(x));
}

export class EventNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, ref: EksClusterRef, private readonly obj: KubeObject) {
    super(parent, `ev:${obj.metadata.name}`, ctx);
    this.target = { type: 'kubeObject', ...ref, resource: RESOURCES.events, namespace: obj.metadata.namespace, name: obj.metadata.name };
  }

  treeItem(): ItemView {
    const e = this.obj as EventFields;
    const about = e.involvedObject && `${e.involvedObject.kind}/${e.involvedObject.name}`;
    const count = e.series?.count ?? e.count;
    const warning = e.type === 'Warning';
    return {
      label: e.reason ?? '(no reason)',
      description: join(about, count && count > 1 && `×${count}`, age(when(e) || undefined, this.ctx.today()), e.message),
      tooltip: tooltip(`${e.type ?? 'Event'}: ${e.reason ?? ''}`, [['Object', about], ['Count', count], ['Last seen', when(e)]], md(e.message)),
      contextValue: contextValue('event', { warning }),
      icon: warning ? ICON.warning : ICON.info,
      collapsible: 'none',
    };
  }
}
