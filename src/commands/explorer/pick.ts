// Pickers for commands run from the palette (or on a row that is not what they act on): quick picks step by step,
// cluster (every profile and Region the view shows, in one list) -> namespace -> object [-> container], each list
// read from the server as the tree would read it. The answer is the same NodeTarget a tree row carries, so a command has one code
// path for both. The last namespace picked per cluster is offered first next time.
import * as vscode from 'vscode';
import { listEcsClusters, listEcsServices, listEcsTasks } from '../../aws/ecs';
import { listEksClusterNames } from '../../aws/eks';
import type { EcsService, EcsTask } from '../../aws/model';
import type { KubeClient } from '../../kube/client';
import type { KubeObject, ResourceKind } from '../../kube/model';
import { RESOURCES } from '../../kube/resources';
import { podSummary, workloadSummary } from '../../kube/summaries';
import type { Page } from '../../page';
import type { AwsScope, EksClusterRef, NodeTarget } from '../../views/target';
import type { ExplorerHost } from './host';
import { targetOf } from './targets';

export type PickWhat =
  | 'eksCluster' | 'pod' | 'kubeContainer'
  /** Deployment, StatefulSet, DaemonSet or Job. */
  | 'workload'
  /** Deployment or StatefulSet. */
  | 'scalable'
  /** A Kubernetes Service. */
  | 'service'
  | 'ecsCluster' | 'ecsService' | 'ecsTask' | 'ecsContainer';

type KubeObjectTarget = Extract<NodeTarget, { type: 'kubeObject' }>;

const OBJECT_KINDS: Partial<Record<PickWhat, ResourceKind[]>> = {
  pod: [RESOURCES.pods],
  kubeContainer: [RESOURCES.pods],
  workload: [RESOURCES.deployments, RESOURCES.statefulsets, RESOURCES.daemonsets, RESOURCES.jobs],
  scalable: [RESOURCES.deployments, RESOURCES.statefulsets],
  service: [RESOURCES.services],
};

/** Lists stop after this many pages in a quick pick: beyond it a person types a name into "Go to…" instead. */
const MAX_PAGES = 10;
const recentNamespace = new Map<string, string>();

/** Whether a target is one of `what` (a pod row for 'pod', a Deployment row for 'scalable', ...). */
export function targetIs(t: NodeTarget | undefined, what: PickWhat): boolean {
  if (!t) return false;
  const kinds = OBJECT_KINDS[what];
  if (what === 'kubeContainer') return t.type === 'kubeContainer';
  if (kinds) return t.type === 'kubeObject' && kinds.some((k) => k.kind === t.resource.kind && k.group === t.resource.group);
  return t.type === what;
}

/** The element's target when it is one of `what`; otherwise the pickers, starting inside the element's cluster. */
export async function targetOrPick(host: ExplorerHost, el: unknown, what: PickWhat, opts: { title?: string } = {}): Promise<NodeTarget | undefined> {
  const t = targetOf(el);
  if (targetIs(t, what)) return t;
  const cluster = t && 'clusterName' in t ? { profile: t.profile, sso: t.sso, region: t.region, clusterName: t.clusterName } : undefined;
  const namespace = t?.type === 'kubeObject' ? (t.resource.kind === 'Namespace' ? t.name : t.namespace) : undefined;
  return pickTarget(host, what, { ...opts, cluster, namespace });
}

export async function pickTarget(host: ExplorerHost, what: PickWhat, opts: { title?: string; cluster?: EksClusterRef; namespace?: string } = {}): Promise<NodeTarget | undefined> {
  const title = opts.title ?? 'Wharf';
  if (what.startsWith('ecs')) return pickEcs(host, what, title);
  const cluster = opts.cluster ?? (await pickEksCluster(host, title));
  if (!cluster) return undefined;
  if (what === 'eksCluster') return { type: 'eksCluster', ...cluster };
  const client = await host.kube(cluster);
  const namespace = opts.namespace ?? (await pickNamespace(client, cluster, title));
  if (!namespace) return undefined;
  const obj = await pickObject(client, cluster, namespace, OBJECT_KINDS[what]!, title);
  if (!obj || what !== 'kubeContainer') return obj?.target;
  return pickContainer(obj.target, obj.object, title);
}

/** Where a scope is, as a pick item's description says it: "us-east-1 · wharf-admin". */
function scopeText(s: AwsScope): string {
  return `${s.region} · ${s.sso ? `${s.sso.accountId}/${s.sso.roleName}` : (s.profile ?? 'default credentials')}`;
}

/**
 * Lists something in every scope the view shows, at once. A scope that fails is left out while another answers;
 * when every one fails, the first failure is the error (it says what to do).
 */
async function acrossScopes<T>(host: ExplorerHost, list: (scope: AwsScope) => Promise<T[]>): Promise<{ scope: AwsScope; item: T }[]> {
  const scopes = await host.scopes();
  if (scopes.length === 0) scopes.push({ region: 'us-east-1' });
  const settled = await Promise.allSettled(scopes.map(async (scope) => (await list(scope)).map((item) => ({ scope, item }))));
  const ok = settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (ok.length === 0 && failed) throw failed.reason;
  return ok;
}

function where(scopes: AwsScope[]): string {
  const regions = [...new Set(scopes.map((s) => s.region))];
  return regions.length === 1 ? regions[0] : `${regions.length} Regions`;
}

async function pickEksCluster(host: ExplorerHost, title: string): Promise<EksClusterRef | undefined> {
  const found = await acrossScopes(host, (scope) => allPages((next) => listEksClusterNames(host.session(scope).eks(scope.region), next)));
  if (found.length === 0) throw new Error(`no EKS clusters in ${where(await host.scopes())} with the profile(s) the Wharf view shows`);
  const many = new Set(found.map((f) => scopeText(f.scope))).size > 1;
  // Every cluster of every profile and Region the view shows, in one list: the name is what a person types.
  const picked = await one(found, (f) => ({ label: f.item, description: many ? scopeText(f.scope) : undefined }), title, 'EKS cluster');
  return picked && { ...picked.scope, clusterName: picked.item };
}

async function pickNamespace(client: KubeClient, cluster: EksClusterRef, title: string): Promise<string | undefined> {
  const key = `${cluster.profile ?? ''}/${cluster.region}/${cluster.clusterName}`;
  const names = (await allPages((next) => client.list(RESOURCES.namespaces, { limit: 500, continue: next }))).map((o) => o.metadata.name);
  const recent = recentNamespace.get(key);
  // The namespace used last comes first, then the people's namespaces before the system ones.
  const rank = (n: string) => (n === recent ? 0 : n.startsWith('kube-') ? 2 : 1);
  const items = names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((n) => ({ label: n, description: n === recent ? 'recently used' : undefined }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: `Namespace in ${cluster.clusterName}` });
  if (picked) recentNamespace.set(key, picked.label);
  return picked?.label;
}

async function pickObject(client: KubeClient, cluster: EksClusterRef, namespace: string, kinds: ResourceKind[], title: string): Promise<{ target: KubeObjectTarget; object: KubeObject } | undefined> {
  const lists = await Promise.all(kinds.map(async (r) => (await allPages((next) => client.list(r, { namespace, limit: 500, continue: next }))).map((o) => ({ r, o }))));
  const all = lists.flat();
  const what = kinds.map((k) => k.kind).join(', ');
  if (all.length === 0) throw new Error(`no ${what} in namespace ${namespace} of ${cluster.clusterName}`);
  const items = all.map(({ r, o }) => ({ label: o.metadata.name, description: describeObject(r, o), r, o }));
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title, placeHolder: `${what} in ${namespace}`, matchOnDescription: true });
  if (!picked) return undefined;
  return { target: { type: 'kubeObject', ...cluster, resource: picked.r, namespace, name: picked.o.metadata.name }, object: picked.o };
}

function describeObject(r: ResourceKind, o: KubeObject): string {
  if (r.kind === 'Pod') {
    const p = podSummary(o);
    return `${p.status} · ${p.ready}/${p.total} ready${p.restarts ? ` · ${p.restarts} restarts` : ''}`;
  }
  if (r.kind === 'Service') return `Service · ${String((o.spec as { type?: string } | undefined)?.type ?? 'ClusterIP')}`;
  return `${r.kind} · ${workloadSummary(o).readiness}`;
}

async function pickContainer(pod: KubeObjectTarget, object: KubeObject, title: string): Promise<NodeTarget | undefined> {
  const containers = podSummary(object).containers;
  const running = [...containers].sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running'));
  const picked = running.length === 1
    ? { c: running[0] }
    : await vscode.window.showQuickPick(running.map((c) => ({ label: c.name, description: `${c.kind === 'container' ? '' : `${c.kind} · `}${c.state}`, detail: c.image, c })), { title, placeHolder: `Container of ${pod.name}` });
  if (!picked) return undefined;
  const { resource: _r, name: _n, type: _t, ...ref } = pod;
  return { ...ref, type: 'kubeContainer', namespace: pod.namespace ?? 'default', pod: pod.name, container: picked.c.name, containerKind: picked.c.kind };
}

async function pickEcs(host: ExplorerHost, what: PickWhat, title: string): Promise<NodeTarget | undefined> {
  const found = await acrossScopes(host, (scope) => allPages((next) => listEcsClusters(host.session(scope).ecs(scope.region), scope.region, next)));
  if (found.length === 0) throw new Error(`no ECS clusters in ${where(await host.scopes())} with the profile(s) the Wharf view shows`);
  const many = new Set(found.map((f) => scopeText(f.scope))).size > 1;
  const pickedCluster = await one(found, (f) => ({ label: f.item.name, description: [many && scopeText(f.scope), `${f.item.activeServices} services · ${f.item.runningTasks} running tasks`].filter(Boolean).join(' · ') }), title, 'ECS cluster');
  if (!pickedCluster) return undefined;
  const { scope, item: cluster } = pickedCluster;
  const ecs = host.session(scope).ecs(scope.region);
  if (what === 'ecsCluster') return { type: 'ecsCluster', ...scope, cluster };
  if (what === 'ecsService') {
    const services = await allPages((next) => listEcsServices(ecs, cluster.arn, next));
    if (services.length === 0) throw new Error(`no services in ECS cluster ${cluster.name}`);
    const service = await one(services, (s: EcsService) => ({ label: s.name, description: `${s.running}/${s.desired} running · ${s.status}` }), title, `Service in ${cluster.name}`);
    return service && { type: 'ecsService', ...scope, clusterArn: cluster.arn, service };
  }
  const tasks = await allPages((next) => listEcsTasks(ecs, cluster.arn, {}, next));
  if (tasks.length === 0) throw new Error(`no tasks in ECS cluster ${cluster.name}`);
  const task = await one(tasks, (t: EcsTask) => ({ label: t.id, description: [t.serviceName ?? 'standalone', t.lastStatus].filter(Boolean).join(' · ') }), title, `Task in ${cluster.name}`);
  if (!task) return undefined;
  if (what === 'ecsTask') return { type: 'ecsTask', ...scope, clusterArn: cluster.arn, task };
  const container = await one(task.containers, (c) => ({ label: c.name, description: [c.lastStatus, c.execAgent?.status && `exec agent ${c.execAgent.status}`].filter(Boolean).join(' · ') }), title, `Container of task ${task.id.slice(0, 8)}`);
  return container && { type: 'ecsContainer', ...scope, clusterArn: cluster.arn, task, container };
}

/** One of `items`: itself when it is the only one, else a quick pick. */
async function one<T>(items: T[], item: (t: T) => { label: string; description?: string }, title: string, placeHolder: string): Promise<T | undefined> {
  if (items.length === 1) return items[0];
  const picked = await vscode.window.showQuickPick(items.map((t) => ({ ...item(t), t })), { title, placeHolder, matchOnDescription: true });
  return picked?.t;
}


async function allPages<T>(load: (next?: string) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await load(next);
    out.push(...page.items);
    next = page.next;
    if (!next) break;
  }
  return out;
}
