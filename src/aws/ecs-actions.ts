// ECS changes from the tree: force a new deployment and set the desired count (both UpdateService), stop a task with
// a reason (StopTask). ECS answers these at once and converges afterwards, so each has a bounded wait that describes
// the service or task again until the change shows (a new PRIMARY deployment, the new desired count, the task
// stopping): the tree then refreshes onto the new state instead of the old one.
import { DescribeServicesCommand, DescribeTasksCommand, StopTaskCommand, UpdateServiceCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { sleep } from '../sleep';
import { toEcsService } from './ecs';
import { toEcsTask } from './ecs-tasks';
import type { EcsService, EcsTask } from './model';

/** StopTask's reason is at most 255 characters. */
export const STOP_REASON_MAX = 255;
/** UpdateService's desiredCount: a typo guard, well under ECS's own service quota. */
export const MAX_DESIRED = 1000;

/**
 * Why forceNewDeployment does not apply to a service, or undefined when it does: with the CODE_DEPLOY or EXTERNAL
 * deployment controller ECS does not run the deployment (CodeDeploy or the task-set owner does) and refuses it.
 */
export function forceDeploymentRefusal(s: Pick<EcsService, 'name' | 'deploymentController'>): string | undefined {
  if (s.deploymentController === 'ECS') return undefined;
  const who = s.deploymentController === 'CODE_DEPLOY' ? 'CodeDeploy' : 'its external deployment controller (task sets)';
  return `${s.name} is deployed by ${who}: start a new deployment there, not with UpdateService forceNewDeployment.`;
}

/** The reason as ECS takes it: trimmed, one line, at most 255 characters. */
export function stopReason(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, STOP_REASON_MAX);
}

export async function forceNewDeployment(ecs: ECSClient, clusterArn: string, service: string, signal?: AbortSignal): Promise<EcsService> {
  const r = await ecs.send(new UpdateServiceCommand({ cluster: clusterArn, service, forceNewDeployment: true }), { abortSignal: signal });
  if (!r.service) throw new Error(`UpdateService returned no service for ${service}`);
  return toEcsService(r.service, clusterArn);
}

export async function setDesiredCount(ecs: ECSClient, clusterArn: string, service: string, desiredCount: number, signal?: AbortSignal): Promise<EcsService> {
  if (!Number.isInteger(desiredCount) || desiredCount < 0) throw new RangeError(`the desired count must be a whole number >= 0, got ${desiredCount}`);
  const r = await ecs.send(new UpdateServiceCommand({ cluster: clusterArn, service, desiredCount }), { abortSignal: signal });
  if (!r.service) throw new Error(`UpdateService returned no service for ${service}`);
  return toEcsService(r.service, clusterArn);
}

export async function stopTask(ecs: ECSClient, clusterArn: string, task: string, reason: string, signal?: AbortSignal): Promise<EcsTask> {
  const r = await ecs.send(new StopTaskCommand({ cluster: clusterArn, task, reason: stopReason(reason) || undefined }), { abortSignal: signal });
  if (!r.task) throw new Error(`StopTask returned no task for ${task}`);
  return toEcsTask(r.task, clusterArn);
}

export interface WaitOptions {
  /** Describes at most this many times (default 10). */
  tries?: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

const NEVER = new AbortController().signal;

/**
 * Describes until `done` holds or the tries run out; resolves with the last description and whether it converged.
 * Never throws for "not yet": the caller refreshes the tree either way.
 */
async function poll<T>(describe: () => Promise<T | undefined>, done: (x: T) => boolean, o: WaitOptions): Promise<{ value?: T; converged: boolean }> {
  const tries = o.tries ?? 10;
  let value: T | undefined;
  for (let i = 0; i < tries; i++) {
    value = await describe();
    if (value !== undefined && done(value)) return { value, converged: true };
    if (i < tries - 1) await sleep(o.intervalMs ?? 1000, o.signal ?? NEVER);
    if (o.signal?.aborted) break;
  }
  return { value, converged: false };
}

export function describeService(ecs: ECSClient, clusterArn: string, service: string, signal?: AbortSignal): Promise<EcsService | undefined> {
  return ecs.send(new DescribeServicesCommand({ cluster: clusterArn, services: [service] }), { abortSignal: signal }).then((r) => (r.services?.[0] ? toEcsService(r.services[0], clusterArn) : undefined));
}

export function describeTask(ecs: ECSClient, clusterArn: string, task: string, signal?: AbortSignal): Promise<EcsTask | undefined> {
  return ecs.send(new DescribeTasksCommand({ cluster: clusterArn, tasks: [task] }), { abortSignal: signal }).then((r) => (r.tasks?.[0] ? toEcsTask(r.tasks[0], clusterArn) : undefined));
}

export function waitForService(ecs: ECSClient, clusterArn: string, service: string, done: (s: EcsService) => boolean, o: WaitOptions = {}) {
  return poll(() => describeService(ecs, clusterArn, service, o.signal), done, o);
}

export function waitForTask(ecs: ECSClient, clusterArn: string, task: string, done: (t: EcsTask) => boolean, o: WaitOptions = {}) {
  return poll(() => describeTask(ecs, clusterArn, task, o.signal), done, o);
}

/** A new deployment shows: a PRIMARY deployment that was not there before the call. */
export function hasNewPrimary(before: Pick<EcsService, 'deployments'>): (s: EcsService) => boolean {
  const old = new Set(before.deployments.map((d) => d.id));
  return (s) => s.deployments.some((d) => d.status === 'PRIMARY' && !old.has(d.id));
}

/** StopTask shows: ECS wants the task stopped (it stops a moment later). */
export const stopping = (t: EcsTask) => t.desiredStatus === 'STOPPED' || t.lastStatus === 'STOPPED';
