// What can be known before ExecuteCommand is sent, from the task as DescribeTasks shows it now: exec not enabled on
// the task, the task or its exec agent not running, a Fargate platform too old for ECS Exec. ECS's own refusal says
// much the same in one generic sentence ("execute command was not enabled ... or the agent isn't running"); here the
// person learns which one, and for a service's task, that enabling it on the service is the way out.
import type { EcsContainer, EcsTask } from '../aws/model';
import { EcsExecError } from './errors';

/** ECS Exec needs Fargate platform version 1.4.0 or later on Linux (Windows: 1.0.0 or later). */
const MIN_FARGATE_LINUX = [1, 4, 0];

export interface PreflightProblem {
  error: EcsExecError;
  /** Set when enabling ECS Exec on this service (a forced new deployment) is the fix. */
  enableOnService?: string;
}

export function preflightEcsExec(task: EcsTask, container: EcsContainer): PreflightProblem | undefined {
  const where = `container ${container.name} of task ${task.id.slice(0, 8)}`;
  if (task.lastStatus && task.lastStatus !== 'RUNNING') {
    return { error: new EcsExecError('not-found', `The task ${task.id.slice(0, 8)} is ${task.lastStatus}, not RUNNING: ECS Exec reaches running tasks only.`) };
  }
  if (!task.execEnabled) {
    const svc = task.serviceName;
    const error = new EcsExecError('not-enabled', svc
      ? `ECS Exec is not enabled on task ${task.id.slice(0, 8)}: its service ${svc} starts tasks without enableExecuteCommand.`
      : `ECS Exec is not enabled on task ${task.id.slice(0, 8)}: it was run without enableExecuteCommand. Run a new task with it (RunTask --enable-execute-command).`);
    return { error, enableOnService: svc };
  }
  if (task.launchType === 'FARGATE' && task.platformFamily !== 'Windows' && task.platformVersion && olderThan(task.platformVersion, MIN_FARGATE_LINUX)) {
    return { error: new EcsExecError('agent-not-running', `The task runs on Fargate platform version ${task.platformVersion}; ECS Exec needs 1.4.0 or later (use LATEST in the service).`) };
  }
  const agent = container.execAgent;
  if (!agent) return { error: new EcsExecError('agent-not-running', `The ECS Exec agent is not reported in ${where}: the task may have been started before exec was enabled.`) };
  if (agent.status !== 'RUNNING') {
    return { error: new EcsExecError('agent-not-running', `The ECS Exec agent in ${where} is ${agent.status ?? 'not running'}${agent.reason ? ` (${agent.reason})` : ''}.`) };
  }
  return undefined;
}

/** "1.3.0" < [1, 4, 0]; "LATEST" and unparsable versions are not older. */
export function olderThan(version: string, min: number[]): boolean {
  const parts = version.split('.').map(Number);
  if (parts.some(Number.isNaN)) return false;
  for (let i = 0; i < min.length; i++) {
    const p = parts[i] ?? 0;
    if (p !== min[i]) return p < min[i];
  }
  return false;
}
