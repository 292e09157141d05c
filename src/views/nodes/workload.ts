// A workload (Deployment, StatefulSet, DaemonSet, Job, CronJob): readiness in the description; its children are its
// Pods (by the workload's selector, kept current by the watch while expanded), or for a CronJob the Jobs it made.
import { rowFlags } from '../../kube/access-review';
import type { KubeObject, ResourceKind, WorkloadSummary } from '../../kube/model';
import { RESOURCES } from '../../kube/resources';
import { workloadSummary } from '../../kube/summaries';
import { TreeNode, type ItemView, type LiveSpec, type TreeContext } from '../node';
import { ICON, age, contextValue, join, tooltip } from '../present';
import type { EksClusterRef } from '../target';
import { KubeList } from './kube-list';
import type { Pageable } from './load-more';
import { PodNode } from './pod';

const ICONS: Record<string, string> = { Deployment: 'layers', StatefulSet: 'database', DaemonSet: 'server-process', Job: 'run', CronJob: 'watch' };

export function selectorString(sel: Record<string, string> | undefined): string | undefined {
  return sel && Object.keys(sel).length ? Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',') : undefined;
}

export class WorkloadNode extends TreeNode implements Pageable {
  summary: WorkloadSummary;
  private list: KubeList | undefined;

  constructor(parent: TreeNode, ctx: TreeContext, readonly ref: EksClusterRef, readonly resource: ResourceKind, public obj: KubeObject) {
    super(parent, `${resource.plural}:${obj.metadata.name}`, ctx);
    this.summary = workloadSummary(obj);
    this.target = { type: 'kubeObject', ...ref, resource, namespace: obj.metadata.namespace, name: obj.metadata.name };
  }

  update(obj: KubeObject): this {
    this.obj = obj;
    this.summary = workloadSummary(obj);
    return this;
  }

  treeItem(): ItemView {
    const w = this.summary;
    const kind = this.resource.kind;
    const suspended = kind === 'CronJob' && (this.obj.spec as { suspend?: boolean } | undefined)?.suspend === true;
    const codicon = ICONS[kind] ?? 'symbol-class';
    return {
      label: w.name,
      description: join(w.readiness, age(this.obj.metadata.creationTimestamp, this.ctx.today())),
      tooltip: tooltip(`${kind} ${w.name}`, [
        ['Namespace', w.namespace],
        [kind === 'CronJob' ? 'Schedule' : 'Ready', w.readiness],
        ['Selector', selectorString(w.selector)],
        ['Created', this.obj.metadata.creationTimestamp],
      ]),
      // lowerCamel kinds (statefulSet) as package.json's menus name them; noScale/noRestart: the server said no.
      contextValue: contextValue(kind[0].toLowerCase() + kind.slice(1), { unhealthy: !w.healthy, suspended, ...this.denied() }),
      icon: w.healthy ? { codicon } : { codicon, color: ICON.warning.color },
      collapsible: 'collapsed',
    };
  }

  /** The actions this principal may not take here (SelfSubjectAccessReview), as contextValue flags. */
  private denied() {
    const ns = this.obj.metadata.namespace;
    if (!ns || !['Deployment', 'StatefulSet', 'DaemonSet'].includes(this.resource.kind)) return {};
    return rowFlags(this.resource.kind, this.ctx.backend.kubeAccess?.(this.ref, ns, () => this.ctx.changed(this)));
  }

  /** The pods (or a CronJob's jobs) as a list; undefined when the workload has no selector to find them by. */
  private pods(): KubeList | undefined {
    if (this.list) return this.list;
    const ns = this.obj.metadata.namespace;
    if (this.resource.kind === 'CronJob') {
      const uid = this.obj.metadata.uid;
      const name = this.obj.metadata.name;
      return (this.list = new KubeList(this, this.ctx, {
        key: 'jobs', label: 'Jobs', kind: 'kubeJobs', cluster: this.ref, resource: RESOURCES.jobs, namespace: ns,
        filter: (o) => !!o.metadata.ownerReferences?.some((r) => r.kind === 'CronJob' && (uid ? r.uid === uid : r.name === name)),
        row: (p, o, old) => (old as WorkloadNode | undefined)?.update(o) ?? new WorkloadNode(p, this.ctx, this.ref, RESOURCES.jobs, o),
        empty: 'No jobs from this CronJob',
      }));
    }
    const selector = selectorString(this.summary.selector);
    if (!selector) return undefined;
    return (this.list = new KubeList(this, this.ctx, {
      key: 'pods', label: 'Pods', kind: 'kubePods', cluster: this.ref, resource: RESOURCES.pods, namespace: ns, labelSelector: selector,
      row: (p, o, old) => PodNode.reuse(p, this.ctx, this.ref, o, old),
      empty: 'No pods',
    }));
  }

  override async children(signal: AbortSignal): Promise<TreeNode[]> {
    return (await this.pods()?.children(signal)) ?? [];
  }
  loadMore(signal: AbortSignal): Promise<void> {
    return this.pods()?.loadMore(signal) ?? Promise.resolve();
  }
  override live(): LiveSpec | undefined {
    return this.pods()?.live();
  }
  override reset(): void {
    this.list?.reset();
  }
}
