// ecs:ExecuteCommand, then the data channel. ExecuteCommand returns the session (id, stream URL, token); the SSM
// target that KMS binds the data key to is `ecs:<cluster name>_<task id>_<container runtime id>`, and the runtime id
// comes from DescribeTasks (as the AWS CLI does it).
import { DescribeTasksCommand, ExecuteCommandCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { classifyExecuteCommandError, EcsExecError } from './errors';
import { kmsFromClient, type KmsDataKeys } from './handshake';
import { openDataChannel, type EcsExecSession } from './session';

export interface StartEcsExecOptions {
  ecs: ECSClient;
  /** KMS in the session's Region: used only when the cluster encrypts sessions with a KMS key. */
  kms?: KMSClient | KmsDataKeys;
  cluster: string;
  task: string;
  container: string;
  command: string;
  /** ECS accepts only interactive sessions today. */
  interactive?: boolean;
  /** Skips DescribeTasks when the caller already knows it. */
  containerRuntimeId?: string;
  signal?: AbortSignal;
}

export function toKmsDataKeys(kms: KMSClient | KmsDataKeys | undefined): KmsDataKeys | undefined {
  if (!kms) return undefined;
  if ('generateDataKey' in kms) return kms;
  return kmsFromClient(kms as never, GenerateDataKeyCommand as never);
}

const lastSegment = (arnOrName: string) => arnOrName.split('/').pop() ?? arnOrName;

/** What ExecuteCommand hands out: the Session Manager session and the SSM target it is bound to. */
export interface ExecSessionGrant {
  sessionId: string;
  streamUrl: string;
  tokenValue: string;
  /** `ecs:<cluster name>_<task id>_<container runtime id>`: what KMS binds the data key to. */
  targetId: string;
}

/** ecs:ExecuteCommand, and the container's runtime id that names the session's SSM target. */
export async function executeCommand(opts: Omit<StartEcsExecOptions, 'kms'>): Promise<ExecSessionGrant> {
  let out;
  try {
    out = await opts.ecs.send(new ExecuteCommandCommand({
      cluster: opts.cluster,
      task: opts.task,
      container: opts.container,
      command: opts.command,
      interactive: opts.interactive ?? true,
    }), { abortSignal: opts.signal });
  } catch (e) {
    throw classifyExecuteCommandError(e);
  }
  const session = out.session;
  if (!session?.sessionId || !session.streamUrl || !session.tokenValue) {
    throw new EcsExecError('protocol', 'ExecuteCommand returned no session.');
  }
  const clusterName = lastSegment(out.clusterArn ?? opts.cluster);
  const taskId = lastSegment(out.taskArn ?? opts.task);
  const containerName = out.containerName ?? opts.container;
  const runtimeId = opts.containerRuntimeId ?? await containerRuntimeId(opts.ecs, clusterName, taskId, containerName, opts.signal);
  return { sessionId: session.sessionId, streamUrl: session.streamUrl, tokenValue: session.tokenValue, targetId: `ecs:${clusterName}_${taskId}_${runtimeId}` };
}

export async function startEcsExec(opts: StartEcsExecOptions): Promise<EcsExecSession> {
  const grant = await executeCommand(opts);
  return openDataChannel({ ...grant, kms: toKmsDataKeys(opts.kms), signal: opts.signal });
}

async function containerRuntimeId(ecs: ECSClient, cluster: string, taskId: string, container: string, signal?: AbortSignal): Promise<string> {
  let tasks;
  try {
    tasks = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskId] }), { abortSignal: signal });
  } catch (e) {
    throw classifyExecuteCommandError(e);
  }
  const c = tasks.tasks?.[0]?.containers?.find((x) => x.name === container);
  if (!c?.runtimeId) throw new EcsExecError('not-found', `Container ${container} of task ${taskId} has no runtime id (has it started?).`);
  return c.runtimeId;
}
