// ECS task and service logs against the local AWS (moto behind the stand-in), with the seeded estate's awslogs
// streams: history, tail, service-level interleaving, and following. moto's Live Tail sends the existing events
// once and ends (TESTING.md), which is exactly the "Live Tail ended" path: the stream falls back to polling
// FilterLogEvents and a new event appears once.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { describeEcsTasks, describeTaskDefinition } from '../../src/aws/ecs';
import { ecsServiceLogs, ecsTaskLogs, type EcsLogs } from '../../src/aws/ecs-logs';
import type { EcsTask } from '../../src/aws/model';
import { AwsSession } from '../../src/aws/session';
import type { LogLine } from '../../src/logs/line';
import type { LogEmitter, LogEnd } from '../../src/logs/stream';
import { requireEnv } from '../env/env';
import { ensureNetwork } from '../env/seed-base';
import { DEMO_ECS, seedEcsCluster, type SeededEcsCluster } from '../env/seed-ecs';
import { EVENTS_PER_STREAM } from '../env/seed-logs';

const REGION = 'us-east-1';
let session: AwsSession;
let seeded: SeededEcsCluster;
let task: EcsTask;
let taskDef: Record<string, unknown>;

function collect(s: LogEmitter) {
  const lines: LogLine[] = [];
  const notices: string[] = [];
  s.on('line', (l: LogLine) => lines.push(l));
  s.on('notice', (n: string) => notices.push(n));
  const ended = new Promise<LogEnd>((r) => s.on('end', r));
  return { lines, notices, ended };
}

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const open = (opts: Parameters<typeof ecsTaskLogs>[1]): EcsLogs => ecsTaskLogs({ task, taskDefinition: taskDef, region: REGION, logs: (r) => session.logs(r) }, opts);

describe('ECS task logs (local AWS)', () => {
  before(async () => {
    const endpoint = requireEnv('WHARF_TEST_AWS_ENDPOINT');
    seeded = await seedEcsCluster(endpoint, DEMO_ECS[0], await ensureNetwork(endpoint, REGION));
    session = new AwsSession({});
    const svc = seeded.services.find((s) => s.name === 'checkout-api')!;
    [task] = await describeEcsTasks(session.ecs(REGION), seeded.arn, [svc.tasks[0].arn]);
    taskDef = await describeTaskDefinition(session.ecs(REGION), task.taskDefinitionArn!);
  });
  after(() => session.dispose());

  it('finds the awslogs stream from the task definition and reads its history', async () => {
    const { stream, targets, elsewhere } = open({});
    assert.deepEqual(targets, [{ kind: 'awslogs', container: 'api', region: REGION, group: seeded.logGroup, stream: `ecs/api/${task.id}`, taskId: task.id, account: '123456789012' }]);
    assert.deepEqual(elsewhere, []);
    const c = collect(stream);
    assert.equal((await c.ended).kind, 'complete');
    assert.equal(c.lines.length, EVENTS_PER_STREAM);
    assert.match(c.lines[0].text, /^INFO api 1\.4\.2 starting/);
    assert.equal(c.lines[0].source, undefined);
    assert.ok(c.lines.every((l, i) => i === 0 || l.time! >= c.lines[i - 1].time!));
  });

  it('tails the last N events', async () => {
    const c = collect(open({ tail: 5 }).stream);
    await c.ended;
    assert.equal(c.lines.length, 5);
    assert.equal(c.lines[4].text, 'INFO health check passed (3 targets)');
  });

  it('follows: Live Tail ends on the emulator, polling takes over, and a new event shows once', async () => {
    const { stream } = open({ follow: true, tail: 3, pollMs: 300 });
    const c = collect(stream);
    after(() => stream.stop());
    await until('the fallback to polling', () => c.notices.some((n) => /polling FilterLogEvents/.test(n)));
    assert.ok(c.notices.some((n) => /following with CloudWatch Logs Live Tail/.test(n)), c.notices.join('; '));
    assert.ok(c.notices.some((n) => /Live Tail ended; polling FilterLogEvents every/.test(n)), c.notices.join('; '));
    const logs = session.logs(REGION);
    await logs.send(new PutLogEventsCommand({ logGroupName: seeded.logGroup, logStreamName: `ecs/api/${task.id}`, logEvents: [{ timestamp: Date.now(), message: 'ERROR a new event while following' }] }));
    await until('the new event', () => c.lines.some((l) => l.text === 'ERROR a new event while following'));
    await new Promise((r) => setTimeout(r, 1000));
    stream.stop();
    const texts = c.lines.map((l) => l.text);
    assert.equal(texts.filter((t) => t === 'ERROR a new event while following').length, 1, texts.join(' | '));
    assert.equal(texts[2], 'INFO health check passed (3 targets)');
    assert.equal(texts.length, 4, texts.join(' | '));
    assert.equal(new Set(texts).size, texts.length, 'no event twice (Live Tail replayed the history; it was dropped)');
    assert.equal(stream.mode.get(seeded.logGroup), 'polling');
    assert.equal((await c.ended).kind, 'stopped');
  });

  it('polls directly when Live Tail is off, and shows only new events after a tail of 0', async () => {
    const { stream } = open({ follow: true, tail: 0, liveTail: false, pollMs: 200 });
    const c = collect(stream);
    after(() => stream.stop());
    await until('polling', () => stream.mode.get(seeded.logGroup) === 'polling');
    const logs = session.logs(REGION);
    await logs.send(new PutLogEventsCommand({ logGroupName: seeded.logGroup, logStreamName: `ecs/api/${task.id}`, logEvents: [{ timestamp: Date.now(), message: 'WARN polled' }] }));
    await until('the polled event', () => c.lines.some((l) => l.text === 'WARN polled'));
    stream.stop();
    assert.deepEqual(c.lines.map((l) => l.text), ['WARN polled']);
  });

  it('interleaves a service\'s tasks with <task id>/<container> prefixes', async () => {
    const svc = ecsServiceLogs({ ecs: session.ecs(REGION), clusterArn: seeded.arn, serviceName: 'checkout-api', region: REGION, logs: (r) => session.logs(r) }, { windowMs: 100 });
    const { stream, tasks } = await svc;
    assert.equal(tasks.length, 2);
    const c = collect(stream);
    await c.ended;
    const sources = new Set(c.lines.map((l) => l.source));
    assert.deepEqual([...sources].sort(), tasks.map((t) => `${t.id.slice(0, 8)}/api`).sort());
    assert.ok(c.lines.length >= 2 * EVENTS_PER_STREAM);
    assert.ok(c.lines.every((l, i) => i === 0 || l.time! >= c.lines[i - 1].time!), 'time order across tasks');
  });
});
