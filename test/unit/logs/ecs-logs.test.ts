// ECS log targets from task definitions (pure), and CloudWatchLogStream's Live Tail handling with a scripted
// CloudWatch Logs client: the local emulator cannot sample (it never serves 500 events a second) nor deny
// logs:StartLiveTail, so a stub stands in for those two paths only. The real emulator: test/integration/ecs-logs.test.ts.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchLogStream, logTargets } from '../../../src/aws/ecs-logs';
import type { LogLine } from '../../../src/logs/line';
import type { LogEnd } from '../../../src/logs/stream';

const TASK = { arn: 'arn:aws:ecs:eu-west-1:111122223333:task/prod/0123456789abcdef', id: '0123456789abcdef' };
const def = (name: string, logDriver?: string, options: Record<string, string> = {}) => ({ name, ...(logDriver ? { logConfiguration: { logDriver, options } } : {}) });

describe('logTargets', () => {
  it('derives the awslogs group, region and stream, and says where other drivers send logs', () => {
    const t = logTargets({ containerDefinitions: [
      def('api', 'awslogs', { 'awslogs-group': '/ecs/prod', 'awslogs-stream-prefix': 'ecs' }),
      def('sidecar', 'awslogs', { 'awslogs-group': '/ecs/side', 'awslogs-region': 'us-west-2', 'awslogs-stream-prefix': 'x' }),
      def('fw', 'awsfirelens', { Name: 'cloudwatch_logs', log_group_name: '/fl/prod', region: 'eu-west-1' }),
      def('splunky', 'splunk', { 'splunk-url': 'https://splunk.example.com:8088' }),
      def('bare'),
      def('noprefix', 'awslogs', { 'awslogs-group': '/ecs/np' }),
    ] }, TASK, 'eu-west-1');
    assert.deepEqual(t[0], { kind: 'awslogs', container: 'api', region: 'eu-west-1', group: '/ecs/prod', stream: 'ecs/api/0123456789abcdef', taskId: '0123456789abcdef', account: '111122223333' });
    assert.equal(t[1].kind === 'awslogs' && t[1].region, 'us-west-2');
    const where = t.slice(2).map((x) => (x.kind === 'elsewhere' ? x.where : ''));
    assert.match(where[0], /FireLens .* CloudWatch Logs group \/fl\/prod in eu-west-1/);
    assert.match(where[1], /Splunk at https:\/\/splunk\.example\.com:8088/);
    assert.match(where[2], /no logConfiguration/);
    assert.match(where[3], /without awslogs-stream-prefix/);
  });
});

/** A CloudWatch Logs client that answers from a script (see the file comment for why a stub). */
function scripted(liveTail: () => Promise<unknown>): CloudWatchLogsClient {
  return {
    send: async (cmd: { constructor: { name: string } }) => {
      const name = cmd.constructor.name;
      if (name === 'FilterLogEventsCommand') return { events: [] };
      if (name === 'GetLogEventsCommand') return { events: [{ timestamp: 1000, message: 'old' }] };
      if (name === 'StartLiveTailCommand') return liveTail();
      throw new Error(name);
    },
  } as unknown as CloudWatchLogsClient;
}

const collect = (s: CloudWatchLogStream) => {
  const lines: LogLine[] = [];
  const notices: string[] = [];
  s.on('line', (l: LogLine) => lines.push(l));
  s.on('notice', (n: string) => notices.push(n));
  return { lines, notices, ended: new Promise<LogEnd>((r) => s.on('end', r)) };
};
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(ok());
};

describe('CloudWatchLogStream and Live Tail', () => {
  it('marks sampled updates, and falls back to polling when the session ends', async () => {
    async function* events() {
      yield { sessionStart: {} };
      yield { sessionUpdate: { sessionMetadata: { sampled: true }, sessionResults: [{ logStreamName: 's', timestamp: 2000, message: 'live 1' }, { logStreamName: 's', timestamp: 1000, message: 'old' }] } };
    }
    const s = new CloudWatchLogStream([{ client: scripted(async () => ({ responseStream: events() })), region: 'eu-west-1', group: 'g', account: '1', streams: [{ name: 's' }] }], { follow: true, tail: 1, pollMs: 20 });
    const c = collect(s);
    await until(() => c.notices.some((n) => /polling/.test(n)));
    s.stop();
    assert.equal(s.sampled, true);
    assert.deepEqual(c.lines.map((l) => l.text), ['old', 'live 1'], 'the replayed "old" is not shown twice');
    assert.ok(c.notices.some((n) => /Live Tail is sampling \(more than 500 events a second\)/.test(n)));
  });

  it('polls when StartLiveTail is denied, and stop() aborts', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: logs:StartLiveTail'), { name: 'AccessDeniedException' });
    const s = new CloudWatchLogStream([{ client: scripted(async () => { throw denied; }), region: 'eu-west-1', group: 'g', account: '1', streams: [{ name: 's' }] }], { follow: true, tail: 1, pollMs: 20 });
    const c = collect(s);
    await until(() => s.mode.get('g') === 'polling');
    assert.ok(c.notices.some((n) => /Live Tail is not allowed \(logs:StartLiveTail\); polling FilterLogEvents/.test(n)), c.notices.join('; '));
    s.stop();
    assert.equal((await c.ended).kind, 'stopped');
  });
});
