// ECS clusters and services, a server-side page at a time, described in batches at the APIs' maximums:
// ListClusters (100 a page) + DescribeClusters (100 a call), ListServices (100 a page) + DescribeServices (10 a
// call, batches run with bounded concurrency). Tasks are in ecs-tasks.ts.
import { DescribeClustersCommand, DescribeServicesCommand, ListClustersCommand, ListServicesCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import type { Page } from '../page';
import { chunks, mapLimit } from './concurrency';
import type { EcsCluster, EcsService } from './model';

export { describeEcsTasks, describeTaskDefinition, listEcsTasks, toEcsTask, ECS_DESCRIBE_TASKS_BATCH } from './ecs-tasks';

/** The APIs' maximums: ListClusters/ListServices/ListTasks maxResults, DescribeClusters and DescribeServices per call. */
export const ECS_LIST_PAGE = 100;
export const ECS_DESCRIBE_CLUSTERS_BATCH = 100;
export const ECS_DESCRIBE_SERVICES_BATCH = 10;
/** DescribeServices batches in flight for one page (10 batches of 10 make a full page of 100). */
export const ECS_DESCRIBE_CONCURRENCY = 4;

/**
 * One page of clusters with their counts and capacity providers (all in DescribeClusters' base shape, so no
 * `include`): one ListClusters and one DescribeClusters per page of 100. A server that sends more than 100 ARNs
 * in a page still gets describes of at most 100.
 */
export async function listEcsClusters(ecs: ECSClient, region: string, next?: string, signal?: AbortSignal): Promise<Page<EcsCluster>> {
  const page = await listEcsClusterArns(ecs, next, signal);
  return { items: await describeEcsClusters(ecs, region, page.items, signal), next: page.next };
}

/** The ARNs of one page (ListClusters alone): names to show before the details arrive. The name is the ARN's tail. */
export async function listEcsClusterArns(ecs: ECSClient, next?: string, signal?: AbortSignal): Promise<Page<string>> {
  const r = await ecs.send(new ListClustersCommand({ maxResults: ECS_LIST_PAGE, nextToken: next }), { abortSignal: signal });
  return { items: r.clusterArns ?? [], next: r.nextToken || undefined };
}

/** Clusters by ARN in the given order, 100 per DescribeClusters; one deleted since the listing is left out. */
export async function describeEcsClusters(ecs: ECSClient, region: string, arns: string[], signal?: AbortSignal): Promise<EcsCluster[]> {
  const batches = await mapLimit(chunks(arns, ECS_DESCRIBE_CLUSTERS_BATCH), ECS_DESCRIBE_CONCURRENCY, async (batch) =>
    (await ecs.send(new DescribeClustersCommand({ clusters: batch }), { abortSignal: signal })).clusters ?? [], signal);
  const byArn = new Map(batches.flat().map((c) => [c.clusterArn, c]));
  const items: EcsCluster[] = [];
  for (const arn of arns) {
    const c = byArn.get(arn);
    if (!c) continue;
    items.push({
      name: c.clusterName ?? arn.split('/').pop()!,
      arn,
      region,
      status: c.status ?? 'UNKNOWN',
      activeServices: c.activeServicesCount ?? 0,
      runningTasks: c.runningTasksCount ?? 0,
      pendingTasks: c.pendingTasksCount ?? 0,
      registeredContainerInstances: c.registeredContainerInstancesCount ?? 0,
      capacityProviders: c.capacityProviders ?? [],
    });
  }
  return items;
}

export async function listEcsServices(ecs: ECSClient, clusterArn: string, next?: string, signal?: AbortSignal): Promise<Page<EcsService>> {
  const r = await ecs.send(new ListServicesCommand({ cluster: clusterArn, maxResults: ECS_LIST_PAGE, nextToken: next }), { abortSignal: signal });
  const arns = r.serviceArns ?? [];
  const batches = await mapLimit(chunks(arns, ECS_DESCRIBE_SERVICES_BATCH), ECS_DESCRIBE_CONCURRENCY, async (batch) =>
    (await ecs.send(new DescribeServicesCommand({ cluster: clusterArn, services: batch }), { abortSignal: signal })).services ?? [], signal);
  const byArn = new Map(batches.flat().map((s) => [s.serviceArn, s]));
  const items = arns.map((arn) => byArn.get(arn)).filter((s): s is Service => !!s).map((s) => toEcsService(s, clusterArn));
  return { items, next: r.nextToken || undefined };
}

export function toEcsService(s: Service, clusterArn: string): EcsService {
  return {
    name: s.serviceName ?? s.serviceArn?.split('/').pop() ?? '',
    arn: s.serviceArn ?? '',
    clusterArn: s.clusterArn ?? clusterArn,
    status: s.status ?? 'UNKNOWN',
    desired: s.desiredCount ?? 0,
    running: s.runningCount ?? 0,
    pending: s.pendingCount ?? 0,
    launchType: s.launchType,
    capacityProviders: (s.capacityProviderStrategy ?? []).map((c) => c.capacityProvider).filter((c): c is string => !!c),
    deploymentController: (s.deploymentController?.type ?? 'ECS') as EcsService['deploymentController'],
    execEnabled: s.enableExecuteCommand ?? false,
    taskDefinition: s.taskDefinition,
    deployments: (s.deployments ?? []).map((d) => ({
      id: d.id ?? '',
      status: d.status ?? 'UNKNOWN',
      rolloutState: d.rolloutState,
      rolloutStateReason: d.rolloutStateReason,
      taskDefinition: d.taskDefinition,
      desired: d.desiredCount ?? 0,
      running: d.runningCount ?? 0,
      pending: d.pendingCount ?? 0,
      failedTasks: d.failedTasks ?? 0,
      createdAt: iso(d.createdAt),
    })),
    taskSets: (s.taskSets ?? []).map((t) => ({
      id: t.id ?? '',
      arn: t.taskSetArn ?? '',
      externalId: t.externalId,
      status: t.status ?? 'UNKNOWN',
      stabilityStatus: t.stabilityStatus,
      scale: t.scale ? { value: t.scale.value, unit: t.scale.unit } : undefined,
      computedDesired: t.computedDesiredCount ?? 0,
      running: t.runningCount ?? 0,
      pending: t.pendingCount ?? 0,
      taskDefinition: t.taskDefinition,
      launchType: t.launchType,
    })),
  };
}

export function iso(d: Date | undefined): string | undefined {
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}
