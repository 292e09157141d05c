// ECS (JSON 1.1, X-Amz-Target): moto forgets enableExecuteCommand and never reports the exec agent, so the
// stand-in remembers the flag per service and task ARN and puts it back, with the containers' managedAgents, in
// every answer that carries services or tasks. ExecuteCommand (a 500 in moto) is validated here as ECS does and
// then handed to a pluggable handler (the SSM agent side lives elsewhere); until one is set it fails the way ECS
// fails when the agent has not connected. moto's list calls answer everything in one page and ListTasks ignores
// serviceName: here they page (maxResults / nextToken, ECS's defaults) and filter as ECS does.
import { createHash } from 'node:crypto';
import type { StandinContext } from './context';
import { awsJsonError, forward, paginate, relay, relayJson, type Incoming } from './http';

const PREFIX = 'AmazonEC2ContainerServiceV20141113.';

/** The list operations, their result key, and ECS's default page size (ListServices: 10; the others 100). */
const LISTS: Record<string, { key: string; def: number }> = {
  ListClusters: { key: 'clusterArns', def: 100 },
  ListServices: { key: 'serviceArns', def: 10 },
  ListTasks: { key: 'taskArns', def: 100 },
  ListContainerInstances: { key: 'containerInstanceArns', def: 100 },
  ListTaskDefinitions: { key: 'taskDefinitionArns', def: 100 },
  ListTaskDefinitionFamilies: { key: 'families', def: 100 },
};

export interface ExecuteCommandRequest {
  region: string;
  account: string;
  accessKeyId: string;
  clusterArn: string;
  /** The task as DescribeTasks returns it through the stand-in (managedAgents included). */
  task: Record<string, unknown> & { taskArn: string };
  container: Record<string, unknown> & { name: string; containerArn?: string; runtimeId?: string };
  command: string;
  interactive: boolean;
}

export interface ExecuteCommandSession {
  sessionId: string;
  streamUrl: string;
  tokenValue: string;
}

/** Answers an ExecuteCommand the stand-in has validated; throw EcsApiError for an ECS error. */
export type ExecuteCommandHandler = (req: ExecuteCommandRequest) => Promise<ExecuteCommandSession>;

export class EcsApiError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

type Json = Record<string, unknown>;

/** How long a forced deployment shows as rolling out (the new PRIMARY IN_PROGRESS, the old one ACTIVE). */
const ROLLOUT_MS = 20_000;

/** What AmazonECS_ReadOnly-style policies leave out and Wharf calls: refused to a read-only principal. */
const DENIED_TO_READ_ONLY = new Set(['UpdateService', 'StopTask']);

export class EcsStandin {
  private readonly exec = new Map<string, boolean>();
  /** Services per cluster ARN, as created (and deleted) through the stand-in. */
  private readonly services = new Map<string, Set<string>>();
  /** Deployments replaced through UpdateService, by service ARN: shown as draining until `until`. */
  private readonly rollouts = new Map<string, { previous: Json; until: number }>();
  handler?: ExecuteCommandHandler;

  constructor(private readonly ctx: StandinContext) {}

  static operation(inc: Incoming): string | undefined {
    const target = inc.req.headers['x-amz-target'];
    return typeof target === 'string' && target.startsWith(PREFIX) ? target.slice(PREFIX.length) : undefined;
  }

  async handle(inc: Incoming, op: string | undefined): Promise<void> {
    const body = parse(inc.body);
    const denied = op && DENIED_TO_READ_ONLY.has(op) && inc.scope && this.ctx.identity(inc.scope.accessKeyId);
    if (denied && denied.readOnly) {
      // moto enforces no IAM: the read-only principal gets the denial ECS sends (HTTP 400, AccessDeniedException).
      const resource = String(body.service ?? body.task ?? body.cluster ?? '*');
      return awsJsonError(inc.res, 'AccessDeniedException', `User: ${denied.arn} is not authorized to perform: ecs:${op} on resource: ${resource} because no identity-based policy allows the ecs:${op} action`);
    }
    if (op === 'ExecuteCommand') return this.executeCommand(inc, body);
    if (op && LISTS[op]) return this.list(inc, op, body);
    if (op === 'UpdateService' && (body.forceNewDeployment === true || typeof body.taskDefinition === 'string')) await this.startRollout(inc, body);
    const up = await forward(this.ctx.moto, inc.method, inc.url.pathname + inc.url.search, inc.req.headers, inc.body);
    if (up.status !== 200 || !['CreateService', 'UpdateService', 'DescribeServices', 'RunTask', 'StartTask', 'DescribeTasks', 'StopTask', 'DescribeClusters', 'DeleteService'].includes(op ?? '')) return relay(inc.res, up);
    const out = parse(up.body);
    // moto counts no services in a cluster: ECS reports its ACTIVE services (those created through the stand-in).
    for (const c of (out.clusters as Json[] | undefined) ?? []) c.activeServicesCount = this.services.get(c.clusterArn as string)?.size ?? c.activeServicesCount;
    switch (op) {
      case 'CreateService': {
        const svc = out.service as Json;
        this.exec.set(svc.serviceArn as string, body.enableExecuteCommand === true);
        const set = this.services.get(svc.clusterArn as string) ?? new Set<string>();
        this.services.set(svc.clusterArn as string, set.add(svc.serviceArn as string));
        break;
      }
      case 'DeleteService':
        this.services.get((out.service as Json).clusterArn as string)?.delete((out.service as Json).serviceArn as string);
        break;
      case 'UpdateService':
        // Only a given flag changes it; tasks already running keep theirs, as on ECS.
        if (typeof body.enableExecuteCommand === 'boolean') this.exec.set((out.service as Json).serviceArn as string, body.enableExecuteCommand);
        break;
      case 'RunTask':
      case 'StartTask':
        for (const t of (out.tasks as Json[] | undefined) ?? []) this.exec.set(t.taskArn as string, body.enableExecuteCommand === true);
        break;
    }
    for (const s of [out.service, ...((out.services as Json[] | undefined) ?? [])]) if (s) this.fillService(s as Json);
    for (const t of [out.task, ...((out.tasks as Json[] | undefined) ?? [])]) if (t) this.fillTask(t as Json);
    relayJson(inc.res, up, out);
  }

  private async list(inc: Incoming, op: string, body: Json): Promise<void> {
    const { maxResults, nextToken, serviceName, ...rest } = body as Json & { maxResults?: number; nextToken?: string; serviceName?: string };
    const filter = op === 'ListTasks' && serviceName ? serviceName : undefined;
    const sent = op === 'ListTasks' ? rest : { ...rest, ...(serviceName !== undefined ? { serviceName } : {}) };
    const up = await forward(this.ctx.moto, inc.method, inc.url.pathname, inc.req.headers, Buffer.from(JSON.stringify(sent)));
    if (up.status !== 200) return relay(inc.res, up);
    const { key, def } = LISTS[op];
    let all = (parse(up.body)[key] as string[] | undefined) ?? [];
    if (filter) all = await this.tasksOfService(inc, String(rest.cluster ?? 'default'), filter.split('/').pop()!, all);
    try {
      const page = paginate(all, maxResults, nextToken, { def, invalid: (m) => new EcsApiError('InvalidParameterException', m) });
      relayJson(inc.res, up, { [key]: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) });
    } catch (e) {
      if (e instanceof EcsApiError) return awsJsonError(inc.res, e.type, e.message, e.status);
      throw e;
    }
  }

  /** ListTasks' serviceName, which moto ignores: ECS tasks of a service carry the group `service:<name>`. */
  private async tasksOfService(inc: Incoming, cluster: string, service: string, arns: string[]): Promise<string[]> {
    const keep: string[] = [];
    const headers = { ...inc.req.headers, 'x-amz-target': `${PREFIX}DescribeTasks` };
    for (let i = 0; i < arns.length; i += 100) {
      const up = await forward(this.ctx.moto, 'POST', '/', headers, Buffer.from(JSON.stringify({ cluster, tasks: arns.slice(i, i + 100) })));
      for (const t of (parse(up.body).tasks as Json[] | undefined) ?? []) if (t.group === `service:${service}`) keep.push(t.taskArn as string);
    }
    return arns.filter((a) => keep.includes(a));
  }

  /**
   * moto replaces a service's deployment in place on forceNewDeployment: the old one vanishes and the new PRIMARY is
   * COMPLETED at once, with every task running. ECS lists the new PRIMARY IN_PROGRESS (no tasks yet) next to the old
   * deployment, ACTIVE, until the old tasks drain. The stand-in remembers the old PRIMARY here and shows that for
   * ROLLOUT_MS, after which moto's COMPLETED state stands.
   */
  private async startRollout(inc: Incoming, body: Json): Promise<void> {
    const headers = { ...inc.req.headers, 'x-amz-target': `${PREFIX}DescribeServices` };
    const up = await forward(this.ctx.moto, 'POST', '/', headers, Buffer.from(JSON.stringify({ cluster: body.cluster ?? 'default', services: [body.service] })));
    const svc = ((parse(up.body).services as Json[] | undefined) ?? [])[0];
    const previous = ((svc?.deployments as Json[] | undefined) ?? []).find((d) => d.status === 'PRIMARY');
    if (svc && previous) this.rollouts.set(svc.serviceArn as string, { previous, until: this.ctx.now() + ROLLOUT_MS });
  }

  private fillService(s: Json): void {
    s.enableExecuteCommand = this.exec.get(s.serviceArn as string) ?? false;
    const deployments = s.deployments as Json[] | undefined;
    const primary = deployments?.find((d) => d.status === 'PRIMARY');
    const r = this.rollouts.get(s.serviceArn as string);
    if (!r || !primary || !deployments) return;
    if (primary.id === r.previous.id) return;
    if (this.ctx.now() >= r.until) {
      this.rollouts.delete(s.serviceArn as string);
      // moto keeps the reason of the deployment it replaced.
      primary.rolloutStateReason = `ECS deployment ${String(primary.id)} completed.`;
      return;
    }
    Object.assign(primary, { rolloutState: 'IN_PROGRESS', rolloutStateReason: `ECS deployment ${String(primary.id)} in progress.`, runningCount: 0, pendingCount: primary.desiredCount ?? 0 });
    deployments.push({ ...r.previous, status: 'ACTIVE' });
  }

  private fillTask(t: Json): void {
    const on = this.exec.get(t.taskArn as string) ?? false;
    t.enableExecuteCommand = on;
    // moto gives containers no runtimeId (the SSM target of ECS Exec is built from it): ECS's form, stable per container.
    const started = t.lastStatus !== 'PROVISIONING' && t.lastStatus !== 'PENDING';
    for (const c of (t.containers as Json[] | undefined) ?? []) {
      if (started && !c.runtimeId) c.runtimeId = runtimeId(t, c);
      // moto leaves containers PENDING when it pins the task at RUNNING; ECS reports a running task's containers running.
      if (t.lastStatus === 'RUNNING' && (c.lastStatus === undefined || c.lastStatus === 'PENDING')) c.lastStatus = 'RUNNING';
      // ...and gives them an exit code of 0 while they run; ECS reports one only once a container has stopped.
      if (c.lastStatus === 'RUNNING') delete c.exitCode;
    }
    if (!on) return;
    const status = t.lastStatus === 'RUNNING' ? 'RUNNING' : t.lastStatus === 'PENDING' || t.lastStatus === 'PROVISIONING' ? 'PENDING' : 'STOPPED';
    for (const c of (t.containers as Json[] | undefined) ?? []) {
      c.managedAgents = [{ name: 'ExecuteCommandAgent', lastStatus: status, ...(t.startedAt ? { lastStartedAt: t.startedAt } : {}) }];
    }
  }

  private async executeCommand(inc: Incoming, body: Json): Promise<void> {
    try {
      const session = await this.runExecuteCommand(inc, body);
      const data = Buffer.from(JSON.stringify(session));
      inc.res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': data.length });
      inc.res.end(data);
    } catch (e) {
      if (e instanceof EcsApiError) return awsJsonError(inc.res, e.type, e.message, e.status);
      throw e;
    }
  }

  private async runExecuteCommand(inc: Incoming, body: Json): Promise<Json> {
    const { cluster = 'default', task, container, command, interactive } = body as { cluster?: string; task?: string; container?: string; command?: string; interactive?: boolean };
    if (!task || !command) throw new EcsApiError('InvalidParameterException', 'task and command are required.');
    if (interactive !== true) throw new EcsApiError('InvalidParameterException', 'Interactive is the only mode supported currently.');
    const headers = { ...inc.req.headers, 'x-amz-target': `${PREFIX}DescribeTasks` };
    const up = await forward(this.ctx.moto, 'POST', '/', headers, Buffer.from(JSON.stringify({ cluster, tasks: [task] })));
    const described = parse(up.body);
    if (up.status !== 200) throw new EcsApiError(String(described.__type ?? 'ServerException').split('#').pop()!, String(described.message ?? 'DescribeTasks failed'), up.status);
    const t = ((described.tasks as Json[] | undefined) ?? [])[0];
    if (!t) throw new EcsApiError('InvalidParameterException', 'The specified task could not be found.');
    this.fillTask(t);
    if (!t.enableExecuteCommand) {
      throw new EcsApiError('InvalidParameterException', "The execute command failed because execute command was not enabled when the task was run or the execute command agent isn't running. Wait and try the request again or run a new task with execute command enabled and try again.");
    }
    if (t.lastStatus !== 'RUNNING') throw new EcsApiError('InvalidParameterException', 'The execute command failed because the task is not in RUNNING state.');
    const containers = (t.containers as (Json & { name: string })[] | undefined) ?? [];
    if (!container && containers.length > 1) throw new EcsApiError('InvalidParameterException', 'The task has more than one container; specify the container name.');
    const c = container ? containers.find((x) => x.name === container) : containers[0];
    if (!c) throw new EcsApiError('InvalidParameterException', `The container ${container} could not be found in the task.`);
    if (!this.handler) throw new EcsApiError('TargetNotConnectedException', 'The execute command failed due to an internal error. Try again later.');
    const session = await this.handler({
      region: inc.scope!.region,
      account: this.ctx.account,
      accessKeyId: inc.scope!.accessKeyId,
      clusterArn: t.clusterArn as string,
      task: t as ExecuteCommandRequest['task'],
      container: c,
      command,
      interactive: true,
    });
    return { clusterArn: t.clusterArn, containerArn: c.containerArn, containerName: c.name, interactive: true, session, taskArn: t.taskArn };
  }
}

/** Fargate: `<task id>-<10 digits>`; EC2: a 64-hex Docker container id. */
function runtimeId(t: Json, c: Json): string {
  const h = createHash('sha256').update(`${String(t.taskArn)}/${String(c.name)}`).digest();
  if (t.launchType === 'FARGATE') return `${String(t.taskArn).split('/').pop()}-${String(h.readUInt32BE(0)).padStart(10, '0')}`;
  return h.toString('hex');
}

function parse(b: Buffer): Json {
  try {
    return b.length ? (JSON.parse(b.toString('utf8')) as Json) : {};
  } catch {
    return {};
  }
}

/** A handler that asks another process (over HTTP) for the session: how a test in its own process plugs in. */
export function remoteExecuteCommandHandler(url: string): ExecuteCommandHandler {
  return async (req) => {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req), signal: AbortSignal.timeout(30_000) });
    const out = (await r.json()) as ExecuteCommandSession & { error?: { type: string; message: string } };
    if (!r.ok || out.error) throw new EcsApiError(out.error?.type ?? 'ServerException', out.error?.message ?? `execute-command handler answered HTTP ${r.status}`, out.error ? 400 : 500);
    return { sessionId: out.sessionId, streamUrl: out.streamUrl, tokenValue: out.tokenValue };
  };
}
