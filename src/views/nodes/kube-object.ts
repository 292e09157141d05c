// A Kubernetes object without children of its own (Service, Ingress, HPA, ConfigMap, Secret, Karpenter NodePool
// and NodeClaim): one line of what matters for its kind. Secrets show their type and key count, never values.
import type { KubeObject, ResourceKind } from '../../kube/model';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, age, contextValue, join, tooltip } from '../present';
import type { EksClusterRef } from '../target';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function readyCondition(o: Any): boolean | undefined {
  const c = (o.status?.conditions as Any[] | undefined)?.find((x) => x.type === 'Ready');
  return c ? c.status === 'True' : undefined;
}

/** The description of one object, by kind. */
export function objectDescription(kind: string, o: Any): string | undefined {
  const spec = o.spec ?? {};
  const status = o.status ?? {};
  switch (kind) {
    case 'Service': {
      const lb = (status.loadBalancer?.ingress as Any[] | undefined)?.map((i) => i.hostname ?? i.ip).join(', ');
      const ports = (spec.ports as Any[] | undefined)?.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
      return join(spec.type, spec.clusterIP !== 'None' ? spec.clusterIP : 'headless', ports, lb);
    }
    case 'Ingress': {
      const hosts = (spec.rules as Any[] | undefined)?.map((r) => r.host ?? '*').join(', ');
      const lb = (status.loadBalancer?.ingress as Any[] | undefined)?.map((i) => i.hostname ?? i.ip).join(', ');
      return join(spec.ingressClassName, hosts, lb);
    }
    case 'HorizontalPodAutoscaler':
      return join(spec.scaleTargetRef && `${spec.scaleTargetRef.kind}/${spec.scaleTargetRef.name}`, `${status.currentReplicas ?? '?'}/${status.desiredReplicas ?? '?'} (${spec.minReplicas ?? 1}–${spec.maxReplicas})`);
    case 'ConfigMap': {
      const n = Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length;
      return `${n} key${n === 1 ? '' : 's'}`;
    }
    case 'Secret': {
      const n = Object.keys(o.data ?? {}).length;
      return join(o.type, `${n} key${n === 1 ? '' : 's'}`);
    }
    case 'NodePool':
      return join(readyCondition(o) === false && 'NotReady', spec.template?.spec?.nodeClassRef?.name && `class ${spec.template.spec.nodeClassRef.name}`, status.resources?.nodes !== undefined && `${status.resources.nodes} nodes`);
    case 'NodeClaim':
      return join(readyCondition(o) === false && 'NotReady', o.metadata?.labels?.['node.kubernetes.io/instance-type'], o.metadata?.labels?.['karpenter.sh/capacity-type'], status.nodeName);
    default:
      return undefined;
  }
}

const ICONS: Record<string, ItemView['icon']> = {
  Service: { codicon: 'plug' },
  Ingress: { codicon: 'globe' },
  HorizontalPodAutoscaler: { codicon: 'arrow-both' },
  ConfigMap: { codicon: 'settings' },
  Secret: { codicon: 'lock' },
  NodePool: { codicon: 'rocket' },
  NodeClaim: { codicon: 'server' },
};

export class KubeObjectNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, ref: EksClusterRef, readonly resource: ResourceKind, public obj: KubeObject) {
    super(parent, `${resource.plural}:${obj.metadata.name}`, ctx);
    this.target = { type: 'kubeObject', ...ref, resource, namespace: obj.metadata.namespace, name: obj.metadata.name };
  }

  static reuse(parent: TreeNode, ctx: TreeContext, ref: EksClusterRef, resource: ResourceKind, obj: KubeObject, old: TreeNode | undefined): KubeObjectNode {
    if (old instanceof KubeObjectNode) {
      old.obj = obj;
      return old;
    }
    return new KubeObjectNode(parent, ctx, ref, resource, obj);
  }

  treeItem(): ItemView {
    const kind = this.resource.kind;
    const o = this.obj;
    const ready = kind === 'NodePool' || kind === 'NodeClaim' ? readyCondition(o as Any) : undefined;
    const desc = objectDescription(kind, o as Any);
    const lower = kind.toLowerCase();
    return {
      label: o.metadata.name,
      description: join(desc, age(o.metadata.creationTimestamp, this.ctx.today())),
      tooltip: tooltip(`${kind} ${o.metadata.name}`, [['Namespace', o.metadata.namespace], ['Details', desc], ['Created', o.metadata.creationTimestamp]], kind === 'Secret' ? '_Values are not shown in the tree._' : undefined),
      contextValue: contextValue(lower, { notReady: ready === false, loadBalancer: kind === 'Service' && (o.spec as Any | undefined)?.type === 'LoadBalancer' }),
      icon: ready === false ? ICON.warning : ICONS[kind] ?? { codicon: 'symbol-object' },
      collapsible: 'none',
    };
  }
}
