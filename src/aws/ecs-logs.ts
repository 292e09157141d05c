// ECS task and service logs, from the task definition's logConfiguration. awslogs: the group and region in its
// options and the stream `<prefix>/<container>/<task id>`, read with FilterLogEvents / GetLogEvents (paged) and
// followed with CloudWatch Logs Live Tail (StartLiveTail, one session per log group, consumed with for-await and
// aborted by the stream's signal). Live Tail serves at most 500 events a second and marks sampled updates: the
// stream says so. Where Live Tail is denied, unsupported, or ends by itself (the local emulator sends what exists
// and ends), following falls back to polling FilterLogEvents. Other drivers (awsfirelens, splunk, fluentd, ...)
// get a sentence saying where their logs go, not an error.
import {
  FilterLogEventsCommand, GetLogEventsCommand, StartLiveTailCommand, type CloudWatchLogsClient, type LiveTailSessionLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { LogLine } from '../logs/line';
import { TimeMerger } from '../logs/merger';
import { LogEmitter } from '../logs/stream';
import { describeTaskDefinition, listEcsTasks } from './ecs';
import type { EcsTask } from './model';
import { sleep } from '../sleep';

export type LogTarget =
  | { kind: 'awslogs'; container: string; region: string; group: string; stream: string; taskId: string; account?: string }
  | { kind: 'elsewhere'; container: string; driver: string; where: string };

interface ContainerDef {
  name?: string;
  logConfiguration?: { logDriver?: string; options?: Record<string, string> };
}

/** Where each container of a task writes its log. `region` is the task's, used when awslogs-region is absent. */
export function logTargets(taskDefinition: Record<string, unknown>, task: Pick<EcsTask, 'arn' | 'id'>, region: string): LogTarget[] {
  const defs = ((taskDefinition.taskDefinition ?? taskDefinition) as { containerDefinitions?: ContainerDef[] }).containerDefinitions ?? [];
  const account = /^arn:[^:]+:ecs:[^:]*:(\d+):/.exec(task.arn)?.[1];
  return defs.map((c): LogTarget => {
    const container = c.name ?? '?';
    const driver = c.logConfiguration?.logDriver;
    const o = c.logConfiguration?.options ?? {};
    if (!driver) return { kind: 'elsewhere', container, driver: 'none', where: `${container} has no logConfiguration: ECS keeps no log of it (the container instance's Docker default driver, if EC2).` };
    if (driver === 'awslogs') {
      const group = o['awslogs-group'];
      const prefix = o['awslogs-stream-prefix'];
      if (!group) return { kind: 'elsewhere', container, driver, where: `${container} uses awslogs without awslogs-group.` };
      if (!prefix) return { kind: 'elsewhere', container, driver, where: `${container} logs to the CloudWatch Logs group ${group} without awslogs-stream-prefix, so its stream is named by the Docker container ID: open the group in CloudWatch Logs.` };
      return { kind: 'awslogs', container, region: o['awslogs-region'] ?? region, group, stream: `${prefix}/${container}/${task.id}`, taskId: task.id, account };
    }
    return { kind: 'elsewhere', container, driver, where: describeDriver(container, driver, o) };
  });
}

function describeDriver(container: string, driver: string, o: Record<string, string>): string {
  switch (driver) {
    case 'awsfirelens': {
      const name = o.Name ?? o.name;
      const dest = name === 'cloudwatch_logs' || name === 'cloudwatch'
        ? `CloudWatch Logs group ${o.log_group_name ?? '?'}${o.region ? ` in ${o.region}` : ''}${o.log_stream_prefix ? `, streams ${o.log_stream_prefix}*` : ''}`
        : name === 'firehose' || name === 'kinesis_firehose' ? `Kinesis Data Firehose ${o.delivery_stream ?? '?'}`
        : name === 'kinesis' || name === 'kinesis_streams' ? `Kinesis stream ${o.stream ?? '?'}`
        : name === 's3' ? `S3 bucket ${o.bucket ?? '?'}`
        : name ? `the Fluent Bit output "${name}"` : 'the FireLens configuration in the task definition';
      return `${container} logs through FireLens (Fluent Bit sidecar) to ${dest}.`;
    }
    case 'splunk': return `${container} logs to Splunk at ${o['splunk-url'] ?? '(splunk-url not set)'}${o['splunk-index'] ? `, index ${o['splunk-index']}` : ''}.`;
    case 'fluentd': return `${container} logs to Fluentd at ${o['fluentd-address'] ?? 'localhost:24224'}${o.tag ? `, tag ${o.tag}` : ''}.`;
    case 'gelf': return `${container} logs to a GELF endpoint at ${o['gelf-address'] ?? '?'}.`;
    case 'syslog': return `${container} logs to syslog at ${o['syslog-address'] ?? 'the host'}.`;
    case 'journald': return `${container} logs to the container instance's journald.`;
    case 'json-file': case 'local': return `${container} logs to the container instance's disk (${driver} driver): read them there with docker logs.`;
    case 'none': return `${container} has logging turned off (driver none).`;
    default: return `${container} uses the ${driver} log driver, which Wharf cannot read.`;
  }
}

export interface CloudWatchLogOptions {
  follow?: boolean;
  /** Epoch ms: only events from then on. */
  startTime?: number;
  /** Only the last N events of each stream (GetLogEvents backwards); otherwise everything since startTime. */
  tail?: number;
  /** Try Live Tail before polling (default true). */
  liveTail?: boolean;
  pollMs?: number;
  windowMs?: number;
  /** Pages of FilterLogEvents for the initial read (default 50). */
  maxPages?: number;
}

/** One log group's streams to read; `label` becomes each line's source (absent: no prefix). */
export interface GroupStreams {
  client: CloudWatchLogsClient;
  region: string;
  group: string;
  account?: string;
  streams: { name: string; label?: string }[];
}

/** How far back a poll looks again, for events ingested late; seen event ids keep them from repeating. */
const LOOKBACK_MS = 5_000;

export class CloudWatchLogStream extends LogEmitter {
  /** Set once Live Tail reports sampling (more than 500 events a second). */
  sampled = false;
  /** 'live-tail' or 'polling' per group, while following. */
  readonly mode = new Map<string, 'live-tail' | 'polling'>();
  private readonly merger?: TimeMerger;
  private pending = 0;

  constructor(readonly groups: GroupStreams[], readonly opts: CloudWatchLogOptions = {}) {
    super();
    const many = groups.reduce((n, g) => n + g.streams.length, 0) > 1;
    if (many) this.merger = new TimeMerger((l) => this.line(l), { windowMs: opts.windowMs });
    this.lifetime.signal.addEventListener('abort', () => this.merger?.dispose());
    this.pending = groups.length;
    if (!groups.length) queueMicrotask(() => this.finish({ kind: 'complete', reason: 'no CloudWatch Logs streams to read' }));
    for (const g of groups) void this.runGroup(g).then(() => this.groupDone(), (e) => this.fail(e));
  }

  private push(l: LogLine): void {
    if (this.merger) this.merger.push(l);
    else this.line(l);
  }

  private groupDone(): void {
    if (--this.pending > 0 || this.ended) return;
    this.merger?.flush();
    this.finish({ kind: 'complete', reason: 'end of the log' });
  }

  private async runGroup(g: GroupStreams): Promise<void> {
    const signal = this.lifetime.signal;
    const labels = new Map(g.streams.map((s) => [s.name, s.label]));
    // Events are told apart by stream, timestamp and message: GetLogEvents, FilterLogEvents and Live Tail each have
    // their own ids (or none), and a follow may read an event through two of them. `floor`: older events are not
    // shown again (the history ended there); `seen` covers the LOOKBACK_MS before the newest event.
    const seen = new Map<string, number>();
    let last = this.opts.startTime ?? 0;
    let floor = last;
    const take = (e: { timestamp?: number; message?: string; logStreamName?: string }) => {
      const ts = e.timestamp ?? 0;
      if (ts < floor) return;
      const key = `${e.logStreamName}|${ts}|${e.message}`;
      if (seen.has(key)) return;
      seen.set(key, ts);
      if (ts > last) {
        last = ts;
        for (const [k, t] of seen) if (t < last - LOOKBACK_MS) seen.delete(k);
      }
      for (const text of (e.message ?? '').replace(/\n$/, '').split('\n')) this.push({ text, time: ts, source: labels.get(e.logStreamName ?? '') });
    };
    // The history.
    if (this.opts.tail !== undefined) {
      const all: { timestamp?: number; message?: string; logStreamName?: string }[] = [];
      for (const s of g.streams) {
        if (this.opts.tail <= 0) break;
        const r = await g.client.send(new GetLogEventsCommand({ logGroupName: g.group, logStreamName: s.name, startFromHead: false, limit: Math.min(this.opts.tail, 10_000), startTime: this.opts.startTime }), { abortSignal: signal });
        for (const e of r.events ?? []) all.push({ timestamp: e.timestamp, message: e.message, logStreamName: s.name });
      }
      all.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
      floor = all.length ? (all[0].timestamp ?? 0) : Date.now();
      all.forEach(take);
      last = Math.max(last, floor);
    } else {
      last = await this.filterFrom(g, this.opts.startTime, take, this.opts.maxPages ?? 50);
    }
    // The history is complete up to its newest event: a follow (Live Tail replays what exists; a poll looks back)
    // shows nothing older again, and events at that same millisecond are told apart by `seen`.
    floor = Math.max(floor, last);
    if (!this.opts.follow || this.ended) return;
    if (this.opts.liveTail !== false && g.account) {
      const why = await this.liveTail(g, take);
      if (this.ended) return;
      const every = this.opts.pollMs ?? 2000;
      this.notice(`${g.group}: ${why}; polling FilterLogEvents every ${every >= 1000 ? `${Math.round(every / 1000)} s` : `${every} ms`}`);
    }
    this.mode.set(g.group, 'polling');
    while (!this.ended) {
      await sleep(this.opts.pollMs ?? 2000, signal);
      if (this.ended) return;
      try {
        await this.filterFrom(g, Math.max(0, last - LOOKBACK_MS), take, 20);
      } catch (e) {
        if (signal.aborted) return;
        this.notice(`${g.group}: polling failed (${(e as Error).message}); trying again`);
      }
    }
  }

  /** FilterLogEvents from `startTime`, every page (up to maxPages); returns the last timestamp seen. */
  private async filterFrom(g: GroupStreams, startTime: number | undefined, take: (e: { timestamp?: number; message?: string; logStreamName?: string }) => void, maxPages: number): Promise<number> {
    let next: string | undefined;
    let last = startTime ?? 0;
    for (let page = 0; page < maxPages; page++) {
      const r = await g.client.send(new FilterLogEventsCommand({ logGroupName: g.group, logStreamNames: g.streams.map((s) => s.name).slice(0, 100), startTime, nextToken: next }), { abortSignal: this.lifetime.signal });
      const events = [...(r.events ?? [])].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
      for (const e of events) {
        take(e);
        last = Math.max(last, e.timestamp ?? 0);
      }
      next = r.nextToken || undefined;
      if (!next) break;
    }
    return last;
  }

  /** Follows with Live Tail until it ends; returns why it ended (for the fallback's notice). */
  private async liveTail(g: GroupStreams, take: (e: LiveTailSessionLogEvent) => void): Promise<string> {
    const signal = this.lifetime.signal;
    const arn = `arn:aws:logs:${g.region}:${g.account}:log-group:${g.group}`;
    try {
      const cmd = new StartLiveTailCommand({ logGroupIdentifiers: [arn], logStreamNames: g.streams.map((s) => s.name).slice(0, 100) });
      // The SDK sends StartLiveTail to `stream-<endpoint host>`. With an endpoint on an IP address or localhost (a
      // local emulator, a tunnel) that name cannot resolve, so the prefix is dropped there; AWS hosts keep it.
      cmd.middlewareStack.add((next) => async (args) => {
        const req = args.request as { hostname?: string };
        if (req?.hostname && /^stream-(\d+\.\d+\.\d+\.\d+|localhost|\[[0-9a-f:]+\])$/i.test(req.hostname)) req.hostname = req.hostname.slice('stream-'.length);
        return next(args);
      }, { step: 'build', name: 'wharfLiveTailLocalHost' });
      const r = await g.client.send(cmd, { abortSignal: signal });
      this.mode.set(g.group, 'live-tail');
      this.notice(`${g.group}: following with CloudWatch Logs Live Tail`);
      for await (const ev of r.responseStream ?? []) {
        if (this.ended) break;
        if (ev.SessionTimeoutException) return `the Live Tail session timed out (${ev.SessionTimeoutException.message ?? '3 hours'})`;
        if (ev.SessionStreamingException) return `Live Tail failed (${ev.SessionStreamingException.message ?? 'streaming error'})`;
        const u = ev.sessionUpdate;
        if (!u) continue;
        if (u.sessionMetadata?.sampled && !this.sampled) {
          this.sampled = true;
          this.notice(`${g.group}: Live Tail is sampling (more than 500 events a second): some lines are not shown`);
        }
        for (const e of u.sessionResults ?? []) take(e);
      }
      return 'Live Tail ended';
    } catch (e) {
      if (signal.aborted) return 'stopped';
      const err = e as { kind?: string; name?: string; message?: string };
      return err.kind === 'access-denied' || err.name === 'AccessDeniedException' ? 'Live Tail is not allowed (logs:StartLiveTail)' : `Live Tail is unavailable (${err.message ?? String(e)})`;
    }
  }

  private fail(e: unknown): void {
    if (this.ended) return;
    if (this.lifetime.signal.aborted) return;
    const err = e instanceof Error ? e : new Error(String(e));
    this.finish({ kind: 'failed', reason: err.message }, err);
  }
}

function groupTargets(targets: LogTarget[], logs: (region: string) => CloudWatchLogsClient, label: (t: Extract<LogTarget, { kind: 'awslogs' }>) => string | undefined): GroupStreams[] {
  const by = new Map<string, GroupStreams>();
  for (const t of targets) {
    if (t.kind !== 'awslogs') continue;
    const k = `${t.region}|${t.group}`;
    let g = by.get(k);
    if (!g) by.set(k, (g = { client: logs(t.region), region: t.region, group: t.group, account: t.account, streams: [] }));
    g.streams.push({ name: t.stream, label: label(t) });
  }
  return [...by.values()];
}

export interface EcsLogs {
  stream: CloudWatchLogStream;
  /** Where the logs of containers that do not use awslogs go, one sentence each. */
  elsewhere: string[];
  targets: LogTarget[];
}

/**
 * A task's logs: every awslogs container (prefixed by container name when there are several), in time order. A
 * stopped task's logs open as history; following it would wait for nothing.
 */
export function ecsTaskLogs(input: { task: EcsTask; taskDefinition: Record<string, unknown>; region: string; logs: (region: string) => CloudWatchLogsClient; container?: string }, opts: CloudWatchLogOptions = {}): EcsLogs {
  const targets = logTargets(input.taskDefinition, input.task, input.region).filter((t) => !input.container || t.container === input.container);
  const many = targets.filter((t) => t.kind === 'awslogs').length > 1;
  const follow = opts.follow && input.task.lastStatus !== 'STOPPED';
  const stream = new CloudWatchLogStream(groupTargets(targets, input.logs, (t) => (many ? t.container : undefined)), { ...opts, follow });
  return { stream, elsewhere: targets.filter((t) => t.kind === 'elsewhere').map((t) => (t as { where: string }).where), targets };
}

/** A service's logs: its tasks (as ListTasks finds them now) interleaved, each line prefixed `<task id, first 8>/<container>` (unique enough among a service's tasks, and short). */
export async function ecsServiceLogs(
  input: { ecs: ECSClient; clusterArn: string; serviceName: string; region: string; logs: (region: string) => CloudWatchLogsClient; signal?: AbortSignal },
  opts: CloudWatchLogOptions = {},
): Promise<EcsLogs & { tasks: EcsTask[] }> {
  const tasks: EcsTask[] = [];
  let next: string | undefined;
  do {
    const page = await listEcsTasks(input.ecs, input.clusterArn, { serviceName: input.serviceName }, next, input.signal);
    tasks.push(...page.items);
    next = page.next;
  } while (next);
  const defs = new Map<string, Record<string, unknown>>();
  for (const arn of new Set(tasks.map((t) => t.taskDefinitionArn).filter((a): a is string => !!a))) defs.set(arn, await describeTaskDefinition(input.ecs, arn, input.signal));
  const targets = tasks.flatMap((t) => (t.taskDefinitionArn ? logTargets(defs.get(t.taskDefinitionArn)!, t, input.region) : []));
  const stream = new CloudWatchLogStream(groupTargets(targets, input.logs, (t) => `${t.taskId.slice(0, 8)}/${t.container}`), opts);
  const elsewhere = [...new Set(targets.filter((t) => t.kind === 'elsewhere').map((t) => (t as { where: string }).where))];
  return { stream, elsewhere, targets, tasks };
}
