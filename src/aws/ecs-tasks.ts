// ECS tasks: ListTasks (100 a page) + DescribeTasks (100 a call, so one describe per page). A service's tasks
// are the ones whose group is `service:<name>`, which is how ECS labels the tasks a service starts; the filter is
// applied on top of ListTasks' serviceName (moto ignores serviceName; on AWS the filter changes nothing).
// Standalone tasks (RunTask, no service) are those whose group does not start with `service:`.
import { DescribeTaskDefinitionCommand, DescribeTasksCommand, ListTasksCommand, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import type { Page } from '../page';
import { chunks, mapLimit } from './concurrency';
import type { EcsTask } from './model';

export const ECS_DESCRIBE_TASKS_BATCH = 100;
const SERVICE_GROUP = 'service:';

export async function listEcsTasks(
  ecs: ECSClient, clusterArn: string, filter: { serviceName?: string; standalone?: boolean }, next?: string, signal?: AbortSignal,
): Promise<Page<EcsTask>> {
  const r = await ecs.send(new ListTasksCommand({ cluster: clusterArn, serviceName: filter.serviceName, maxResults: 100, nextToken: next }), { abortSignal: signal });
  const tasks = await describeEcsTasks(ecs, clusterArn, r.taskArns ?? [], signal);
  const keep = (t: EcsTask) => {
    if (filter.serviceName !== undefined) return t.group === `${SERVICE_GROUP}${filter.serviceName}`;
    if (filter.standalone) return !t.group?.startsWith(SERVICE_GROUP);
    return true;
  };
  // A page may hold fewer items than the server's page after filtering; `next` still leads to the rest.
  return { items: tasks.filter(keep), next: r.nextToken || undefined };
}

/** Tasks by ARN, in the given order, batched by 100 (DescribeTasks' maximum); tasks ECS no longer knows are left out. */
export async function describeEcsTasks(ecs: ECSClient, clusterArn: string, taskArns: string[], signal?: AbortSignal): Promise<EcsTask[]> {
  const batches = await mapLimit(chunks(taskArns, ECS_DESCRIBE_TASKS_BATCH), 4, async (batch) =>
    (await ecs.send(new DescribeTasksCommand({ cluster: clusterArn, tasks: batch }), { abortSignal: signal })).tasks ?? [], signal);
  const byArn = new Map(batches.flat().map((t) => [t.taskArn, t]));
  return taskArns.map((a) => byArn.get(a)).filter((t): t is Task => !!t).map((t) => toEcsTask(t, clusterArn));
}

export function toEcsTask(t: Task, clusterArn: string): EcsTask {
  const arn = t.taskArn ?? '';
  const group = t.group;
  return {
    arn,
    id: arn.split('/').pop() ?? arn,
    clusterArn: t.clusterArn ?? clusterArn,
    group,
    serviceName: group?.startsWith(SERVICE_GROUP) ? group.slice(SERVICE_GROUP.length) : undefined,
    startedBy: t.startedBy,
    lastStatus: t.lastStatus,
    desiredStatus: t.desiredStatus,
    healthStatus: t.healthStatus,
    launchType: t.launchType,
    platformVersion: t.platformVersion,
    platformFamily: t.platformFamily,
    startedAt: iso(t.startedAt),
    stoppedAt: iso(t.stoppedAt),
    stoppedReason: t.stoppedReason,
    stopCode: t.stopCode,
    taskDefinitionArn: t.taskDefinitionArn,
    execEnabled: t.enableExecuteCommand ?? false,
    cpu: t.cpu,
    memory: t.memory,
    availabilityZone: t.availabilityZone,
    containers: (t.containers ?? []).map((c) => {
      const agent = c.managedAgents?.find((m) => m.name === 'ExecuteCommandAgent');
      return {
        name: c.name ?? '',
        runtimeId: c.runtimeId,
        image: c.image,
        lastStatus: c.lastStatus,
        exitCode: c.exitCode,
        reason: c.reason,
        healthStatus: c.healthStatus,
        execAgent: agent ? { status: agent.lastStatus, reason: agent.reason } : undefined,
      };
    }),
  };
}

/** The task definition as a JSON-ready document (dates as ISO strings), with its tags, for a read-only view. */
export async function describeTaskDefinition(ecs: ECSClient, arn: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
  const r = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }), { abortSignal: signal });
  if (!r.taskDefinition) throw new Error(`DescribeTaskDefinition returned no task definition for ${arn}`);
  const doc = JSON.parse(JSON.stringify(r.taskDefinition)) as Record<string, unknown>;
  if (r.tags?.length) doc.tags = r.tags;
  return doc;
}

function iso(d: Date | undefined): string | undefined {
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}
