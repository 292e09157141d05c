// "Go to Cluster, Service, Workload or Pod…": a quick pick over everything the tree has loaded, filtered as the person
// types; after a pause in typing it also asks the servers for that exact name (EKS DescribeCluster and ECS
// DescribeClusters in every profile and Region shown, ECS DescribeServices in the loaded ECS clusters, a Kubernetes
// get in the namespace selected in the tree), so things not yet expanded are found too.
import * as vscode from 'vscode';
import { DescribeClustersCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { mapLimit } from '../../aws/concurrency';
import { toEcsService } from '../../aws/ecs';
import { describeEksCluster } from '../../aws/eks';
import type { EcsCluster } from '../../aws/model';
import type { ResourceKind } from '../../kube/model';
import { RESOURCES } from '../../kube/resources';
import type { WharfDocuments } from '../../views/documents';
import type { AwsScope, NodeTarget } from '../../views/target';
import { refOf, scopeOf } from './doc-uri';
import { showFailure } from './errors';
import type { ExplorerHost, LoadedNode } from './host';
import { targetOf } from './targets';
import { openInConsole } from './copy-open';

type Item = vscode.QuickPickItem & { loaded?: LoadedNode; found?: NodeTarget };

const ICONS: Record<string, string> = {
  eksCluster: 'server-environment',
  ecsCluster: 'server-environment',
  ecsService: 'layers',
  ecsTaskSet: 'layers-dot',
  ecsTask: 'package',
  ecsContainer: 'package',
  kubeObject: 'symbol-class',
  kubeContainer: 'package',
  region: 'globe',
  profile: 'account',
};

/** Kinds looked up by name in the selected namespace, in the order a person most likely means. */
const KUBE_LOOKUP: ResourceKind[] = [RESOURCES.deployments, RESOURCES.statefulsets, RESOURCES.daemonsets, RESOURCES.pods, RESOURCES.jobs, RESOURCES.cronjobs, RESOURCES.services];
const LOOKUP_DELAY_MS = 350;
/** ECS clusters asked for a service by name at most; more would be a fan-out nobody waits for. */
const ECS_LOOKUP_CLUSTERS = 20;

function where(t: NodeTarget): string {
  const scope = 'region' in t ? `${t.region}${t.profile ? ` · ${t.profile}` : ''}` : '';
  if (t.type === 'kubeObject' || t.type === 'kubeContainer') return [t.clusterName, t.namespace, scope].filter(Boolean).join(' · ');
  return scope;
}

export function foundItem(t: NodeTarget): Item {
  let label = '';
  let kind = '';
  switch (t.type) {
    case 'eksCluster':
      [label, kind] = [t.clusterName, 'EKS cluster'];
      break;
    case 'ecsCluster':
      [label, kind] = [t.cluster.name, 'ECS cluster'];
      break;
    case 'ecsService':
      [label, kind] = [t.service.name, `ECS service in ${t.clusterArn.split('/').pop()}`];
      break;
    case 'kubeObject':
      [label, kind] = [t.name, t.resource.kind];
      break;
    default:
      label = (t as { name?: string }).name ?? t.type;
  }
  return { label: `$(${ICONS[t.type] ?? 'search'}) ${label}`, description: `${kind} · ${where(t)} · found by name`, alwaysShow: true, found: t };
}

/** The namespace the person has selected in the tree (a namespace node or anything inside one). */
function selectedNamespace(host: ExplorerHost): (NodeTarget & { type: 'kubeObject' }) | undefined {
  const t = targetOf(host.view?.selection[0]);
  if (t?.type !== 'kubeObject') return undefined;
  if (t.resource.plural === 'namespaces') return { ...t, namespace: t.name };
  return t.namespace ? t : undefined;
}

async function lookUp(host: ExplorerHost, name: string, signal: AbortSignal): Promise<NodeTarget[]> {
  const found: NodeTarget[] = [];
  const scopes = await host.scopes().catch(() => [] as AwsScope[]);
  const loaded = host.loaded();
  const ecsClusters = loaded.map((l) => l.target).filter((t): t is NodeTarget & { type: 'ecsCluster' } => t.type === 'ecsCluster').slice(0, ECS_LOOKUP_CLUSTERS);
  const quiet = <T>(p: Promise<T>) => p.catch(() => undefined);
  const jobs: (() => Promise<void>)[] = [];
  for (const scope of scopes) {
    const session = host.session(scope);
    jobs.push(async () => {
      const c = await quiet(describeEksCluster(session.eks(scope.region), scope.region, name, signal));
      if (c) found.push({ type: 'eksCluster', ...scopeOf(scope), clusterName: c.name, cluster: c });
    });
    jobs.push(async () => {
      const r = await quiet(session.ecs(scope.region).send(new DescribeClustersCommand({ clusters: [name] }), { abortSignal: signal }));
      for (const c of r?.clusters ?? []) {
        if (!c.clusterArn || c.status === 'INACTIVE') continue;
        const cluster: EcsCluster = {
          name: c.clusterName ?? name, arn: c.clusterArn, region: scope.region, status: c.status ?? 'UNKNOWN', activeServices: c.activeServicesCount ?? 0,
          runningTasks: c.runningTasksCount ?? 0, pendingTasks: c.pendingTasksCount ?? 0, registeredContainerInstances: c.registeredContainerInstancesCount ?? 0, capacityProviders: c.capacityProviders ?? [],
        };
        found.push({ type: 'ecsCluster', ...scopeOf(scope), cluster });
      }
    });
  }
  for (const t of ecsClusters) {
    jobs.push(async () => {
      const r = await quiet(host.session(t).ecs(t.region).send(new DescribeServicesCommand({ cluster: t.cluster.arn, services: [name] }), { abortSignal: signal }));
      for (const s of r?.services ?? []) if (s.status !== 'INACTIVE') found.push({ type: 'ecsService', ...scopeOf(t), clusterArn: t.cluster.arn, service: toEcsService(s, t.cluster.arn) });
    });
  }
  const ns = selectedNamespace(host);
  if (ns && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) {
    jobs.push(async () => {
      const client = await quiet(host.kube(refOf(ns), signal));
      if (!client) return;
      await mapLimit(KUBE_LOOKUP, 4, async (resource) => {
        const o = await quiet(client.get(resource, name, ns.namespace, signal));
        if (o) found.push({ type: 'kubeObject', ...refOf(ns), resource, namespace: ns.namespace, name });
      }, signal);
    });
  }
  await mapLimit(jobs, 6, (j) => j(), signal).catch(() => undefined);
  return found;
}

const keyOf = (t: NodeTarget): string => {
  switch (t.type) {
    case 'eksCluster':
      return `eks/${t.profile}/${t.region}/${t.clusterName}`;
    case 'ecsCluster':
      return `ecs/${t.cluster.arn}`;
    case 'ecsService':
      return `ecss/${t.service.arn}`;
    case 'kubeObject':
      return `k8s/${t.profile}/${t.region}/${t.clusterName}/${t.resource.plural}/${t.namespace}/${t.name}`;
    default:
      return JSON.stringify(t);
  }
};

export async function goTo(host: ExplorerHost, docs: WharfDocuments): Promise<void> {
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = 'Wharf: Go to cluster, service, workload or pod';
  qp.placeholder = 'Type a name: what the tree has loaded is listed; an exact name is also looked up on the servers';
  qp.matchOnDescription = true;
  const loaded = host.loaded().filter((l) => l.target.type !== 'profile' && l.target.type !== 'region');
  const loadedKeys = new Set(loaded.map((l) => keyOf(l.target)));
  const base: Item[] = loaded.map((l) => ({ label: `$(${ICONS[l.target.type] ?? 'circle-outline'}) ${l.label}`, description: [l.description, where(l.target)].filter(Boolean).join(' · '), loaded: l }));
  qp.items = base;
  let timer: NodeJS.Timeout | undefined;
  let inflight: AbortController | undefined;
  qp.onDidChangeValue((value) => {
    clearTimeout(timer);
    inflight?.abort();
    const name = value.trim();
    if (name.length < 2) {
      qp.items = base;
      qp.busy = false;
      return;
    }
    timer = setTimeout(() => {
      const ac = (inflight = new AbortController());
      qp.busy = true;
      void lookUp(host, name, ac.signal).then((found) => {
        if (ac.signal.aborted) return;
        qp.busy = false;
        const fresh = found.filter((t) => !loadedKeys.has(keyOf(t)));
        // What is loaded first (it is instant and Enter should land on it), then what only the servers know.
        qp.items = [...base, ...fresh.map(foundItem)];
      });
    }, LOOKUP_DELAY_MS);
  });
  qp.show();
  const picked = await new Promise<Item | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.activeItems[0]));
    qp.onDidHide(() => resolve(undefined));
  });
  clearTimeout(timer);
  inflight?.abort();
  qp.dispose();
  if (!picked) return;
  try {
    if (picked.loaded) return await host.reveal(picked.loaded.element);
    const t = picked.found!;
    if (host.revealTarget && (await host.revealTarget(t))) return;
    // The tree does not show that level yet: show the thing itself.
    if (t.type === 'kubeObject') return void (await docs.open({ doc: 'yaml', ref: refOf(t), resource: t.resource, namespace: t.namespace, name: t.name }));
    const b = await vscode.window.showInformationMessage(`Wharf: ${foundItem(t).label.replace(/^\$\([^)]+\) /, '')} (${foundItem(t).description}) is not loaded in the tree yet: expand its Region to see it.`, 'Open in AWS Console');
    if (b) await openInConsole(t);
  } catch (e) {
    await showFailure(host, 'Going to the node', e);
  }
}
