// Failures of an ECS Exec session, each with the one next step a person can take. ExecuteCommand's refusals are
// classified from the SDK error's name (or AwsError's `code`) and its message, which is where ECS says *why*.

export type EcsExecErrorKind =
  | 'not-enabled' // the task was started without enableExecuteCommand
  | 'agent-not-running' // the ExecuteCommandAgent in that container is not RUNNING
  | 'target-not-connected' // the agent could not reach Session Manager (task role permissions, VPC endpoints)
  | 'access-denied' // the caller may not call ecs:ExecuteCommand
  | 'kms' // the session is KMS-encrypted and the caller cannot use the key
  | 'not-found' // cluster, task or container
  | 'handshake-timeout'
  | 'connection-lost'
  | 'closed-by-service'
  | 'protocol'
  | 'aborted'
  | 'unknown';

const NEXT_STEP: Record<EcsExecErrorKind, string> = {
  'not-enabled': 'Enable ECS Exec on the service (update it with enableExecuteCommand and a forced new deployment, which replaces its tasks), then open a shell in a new task.',
  'agent-not-running': "Wait for the container's ExecuteCommandAgent to reach RUNNING (DescribeTasks shows managedAgents), or restart the task; on Fargate use platform version 1.4.0 or later.",
  'target-not-connected': 'Give the task role ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel and ssmmessages:OpenDataChannel, and if the task runs in a VPC without internet access, add an interface endpoint for ssmmessages.',
  'access-denied': 'Ask for ecs:ExecuteCommand on this cluster and task (condition keys such as ecs:container-name must match).',
  kms: 'Ask for kms:GenerateDataKey on the KMS key named in the cluster\'s execute command configuration.',
  'not-found': 'Refresh the explorer: the task or container may have stopped.',
  'handshake-timeout': 'Try again; if it keeps failing, the agent in the container may be overloaded or outdated.',
  'connection-lost': 'Open a new session; the remote shell may have ended with the connection.',
  'closed-by-service': 'Open a new session.',
  protocol: 'Open a new session; report this if it happens again.',
  aborted: 'Nothing to do.',
  unknown: 'Try again; the error above says what AWS returned.',
};

export class EcsExecError extends Error {
  override readonly name = 'EcsExecError';
  readonly nextStep: string;

  constructor(readonly kind: EcsExecErrorKind, message: string, override readonly cause?: unknown) {
    super(message);
    this.nextStep = NEXT_STEP[kind];
  }
}

/** Classifies an ExecuteCommand (or DescribeTasks) failure. Never copies request parameters into the message. */
export function classifyExecuteCommandError(e: unknown): EcsExecError {
  if (e instanceof EcsExecError) return e;
  const err = e as { name?: string; code?: string; kind?: string; message?: string };
  const name = err?.code ?? err?.name ?? '';
  const msg = err?.message ?? String(e);
  if (err?.kind === 'aborted' || name === 'AbortError') return new EcsExecError('aborted', 'ECS Exec was cancelled.', e);
  if (/execute command (was )?not enabled|enableExecuteCommand/i.test(msg)) {
    return new EcsExecError('not-enabled', `ECS Exec is not enabled for this task: ${msg}`, e);
  }
  if (/agent.*(not running|not yet running|PENDING|STOPPED)|execute command agent/i.test(msg)) {
    return new EcsExecError('agent-not-running', `The ECS Exec agent in this container is not running: ${msg}`, e);
  }
  if (name === 'TargetNotConnectedException') {
    return new EcsExecError('target-not-connected', `The container's agent is not connected to Session Manager: ${msg}`, e);
  }
  if (/kms/i.test(msg) && /denied|not authorized|disabled|KMS/i.test(name + msg)) {
    return new EcsExecError('kms', `The session's KMS key cannot be used: ${msg}`, e);
  }
  if (name === 'AccessDeniedException' || err?.kind === 'access-denied') {
    return new EcsExecError('access-denied', `ecs:ExecuteCommand was denied: ${msg}`, e);
  }
  if (name === 'ClusterNotFoundException' || /not found|does not exist/i.test(msg)) {
    return new EcsExecError('not-found', `ECS Exec target not found: ${msg}`, e);
  }
  return new EcsExecError('unknown', `ECS Exec failed: ${msg}`, e);
}
