// ECS Exec end to end over a real websocket: src/ecs-exec against the test environment's agent (test/env/ssm-agent.ts)
// with a real shell on a pseudo-terminal, and KMS-encrypted sessions whose data key comes from moto's real KMS (its
// Decrypt enforces the encryption context). ExecuteCommand itself is bypassed: the agent's createSession is what the
// local AWS stand-in answers ExecuteCommand with.
//   npx tsx test/env/with-stack.ts aws -- node --import tsx --test --test-concurrency=1 test/integration/ecs-exec.test.ts
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { EcsExecError, openDataChannel, startEcsExec, toKmsDataKeys, type EcsExecSession } from '../../src/ecs-exec';
import { requireEnv } from '../env/env';
import { agentSession, createSession, stopAgent, type AgentKnobs } from '../env/ssm-agent';

const TARGET = { cluster: 'exec-cluster', taskId: '0123456789abcdef0123456789abcdef', containerRuntimeId: '0123456789abcdef0123456789abcdef-1111111111' };
const TARGET_ID = `ecs:${TARGET.cluster}_${TARGET.taskId}_${TARGET.containerRuntimeId}`;
const SHELL = 'bash --norc --noprofile';

interface Run {
  session: EcsExecSession;
  sessionId: string;
  output(): string;
  stderr(): string;
  exit: Promise<number | undefined>;
  closed: Promise<void>;
  errors: Error[];
  waitFor(re: RegExp, ms?: number): Promise<string>;
}

async function open(opts: { kmsKeyId?: string; command?: string; interactive?: boolean; knobs?: AgentKnobs; targetId?: string; kms?: KMSClient }): Promise<Run> {
  const created = await createSession({ ...TARGET, kmsKeyId: opts.kmsKeyId, command: opts.command ?? SHELL, interactive: opts.interactive, knobs: opts.knobs });
  const session = await openDataChannel({ ...created, targetId: opts.targetId ?? TARGET_ID, kms: toKmsDataKeys(opts.kms) });
  let out = '';
  let err = '';
  const errors: Error[] = [];
  const waiters = new Set<() => void>();
  session.on('data', (d) => { out += d.toString('utf8'); for (const w of waiters) w(); });
  session.on('stderr', (d) => { err += d.toString('utf8'); });
  session.on('error', (e) => errors.push(e));
  const exit = new Promise<number | undefined>((r) => session.once('exit', r));
  const closed = new Promise<void>((r) => session.once('close', () => { for (const w of waiters) w(); r(); }));
  return {
    session, sessionId: created.sessionId, output: () => out, stderr: () => err, exit, closed, errors,
    waitFor: (re, ms = 10_000) => new Promise((resolve, reject) => {
      const check = () => {
        const m = re.exec(out);
        if (m) { waiters.delete(check); clearTimeout(t); resolve(m[0]); }
      };
      const t = setTimeout(() => { waiters.delete(check); reject(new Error(`timed out waiting for ${re} in ${JSON.stringify(out.slice(-500))}`)); }, ms);
      waiters.add(check);
      check();
    }),
  };
}

describe('ECS Exec data channel against the test agent', { timeout: 120_000 }, () => {
  let kms: KMSClient;
  let keyId: string;

  before(async () => {
    requireEnv('AWS_ENDPOINT_URL');
    kms = new KMSClient({});
    keyId = (await kms.send(new CreateKeyCommand({ Description: 'wharf ecs exec test' }))).KeyMetadata!.Arn!;
  });
  after(async () => {
    await stopAgent();
    kms?.destroy();
  });

  it('runs a shell: echo hello comes back', async () => {
    const r = await open({});
    assert.equal(r.session.encrypted, false);
    assert.equal(r.session.sessionType, 'InteractiveCommands');
    r.session.write('echo hel""lo\r');
    await r.waitFor(/\r\nhello\r\n/);
    r.session.write('exit\r');
    await r.closed;
  });

  it('an interactive `exit 3` ends the session; interactive agents send no exit code, so it is undefined', async () => {
    const r = await open({});
    r.session.write('exit 3\r');
    assert.equal(await r.exit, undefined);
    await r.closed;
    assert.deepEqual(r.errors, []);
  });

  it('a non-interactive command reports stdout, stderr and exit code 3 (payload types 1, 11, 12)', async () => {
    const r = await open({ interactive: false, command: 'echo out; echo err >&2; exit 3' });
    assert.equal(await r.exit, 3);
    await r.closed;
    assert.equal(r.output(), 'out\n');
    assert.equal(r.stderr(), 'err\n');
  });

  it('long input goes out in chunks of at most 1,024 bytes and arrives whole', async () => {
    const r = await open({ kmsKeyId: keyId, kms });
    const word = 'x'.repeat(2500);
    r.session.write(`echo ${word} | wc -c\r`);
    await r.waitFor(/\r\n2501\r\n/);
    // 1,024 bytes of input, sealed: a 12-byte nonce and a 16-byte tag more
    assert.equal(agentSession(r.sessionId)!.stats.maxInputPayload, 1024 + 28);
    r.session.close();
    await r.closed;
  });

  it('resize reaches the terminal: stty size shows it', async () => {
    const r = await open({});
    r.session.resize(132, 43);
    r.session.write('stty size\r');
    await r.waitFor(/\r\n43 132\r\n/);
    r.session.resize(90, 20);
    r.session.write('stty size\r');
    await r.waitFor(/\r\n20 90\r\n/);
    assert.deepEqual(agentSession(r.sessionId)!.stats.resizes, [{ cols: 132, rows: 43 }, { cols: 90, rows: 20 }]);
    r.session.close();
    await r.closed;
  });

  it('KMS: the data key comes from moto\'s KMS, the agent opens it under the session\'s context, the challenge passes', async () => {
    const r = await open({ kmsKeyId: keyId, kms });
    const stats = agentSession(r.sessionId)!.stats;
    assert.equal(stats.kmsDecrypted, true);
    assert.equal(stats.challengeVerified, true);
    assert.equal(r.session.encrypted, true);
    assert.equal(r.session.customerMessage, 'This session is encrypted using AWS KMS.');
    r.session.write('echo enc""rypted\r');
    await r.waitFor(/\r\nencrypted\r\n/);
    r.session.write('exit\r');
    await r.closed;
  });

  it('KMS with a non-interactive command: stderr and the exit code are decrypted too', async () => {
    const r = await open({ kmsKeyId: keyId, kms, interactive: false, command: 'echo secret; echo oops >&2; exit 7' });
    assert.equal(await r.exit, 7);
    assert.equal(r.output(), 'secret\n');
    assert.equal(r.stderr(), 'oops\n');
  });

  it('KMS: a data key bound to another target is refused by moto\'s Decrypt, and the session fails cleanly', async () => {
    await assert.rejects(open({ kmsKeyId: keyId, kms, targetId: 'ecs:other_cluster_x' }), (e: Error) => {
      assert.ok(e instanceof EcsExecError);
      assert.match(e.message, /Fetching data key failed/);
      return true;
    });
  });

  it('KMS: without a KMS client the handshake fails with the key named', async () => {
    await assert.rejects(open({ kmsKeyId: keyId }), (e: Error) => {
      assert.equal((e as EcsExecError).kind, 'kms');
      assert.ok(e.message.includes(keyId));
      return true;
    });
  });

  it('output frames reordered and duplicated arrive once and in order', async () => {
    const r = await open({ kmsKeyId: keyId, kms, knobs: { reorder: true, duplicate: true } });
    r.session.write('seq 1 3000 | tr "\\n" " "; echo; echo END\r');
    const text = await r.waitFor(/\r\nEND\r\n/, 20_000);
    assert.ok(text);
    const line = /\r\n(1 2 3 [^\r]*)\r\n/.exec(r.output())![1].trim();
    assert.deepEqual(line.split(' ').map(Number), Array.from({ length: 3000 }, (_, i) => i + 1));
    assert.equal(agentSession(r.sessionId)!.stats.badAckIds, 0);
    r.session.close();
    await r.closed;
  });

  it('lost acknowledgements: the client resends, the agent takes each input once', async () => {
    const r = await open({ knobs: { dropEveryNthAck: 2 } });
    for (const ch of 'echo ack""ok\r') r.session.write(ch);
    await r.waitFor(/\r\nackok\r\n/, 15_000);
    const stats = agentSession(r.sessionId)!.stats;
    assert.ok(stats.acksDropped > 0);
    // The echo can come back before the first retransmission timeout (RTT-based, from 100 ms) has passed: give the
    // client the time its timer needs to resend what was never acknowledged.
    for (const deadline = Date.now() + 5_000; stats.duplicateInputs === 0 && Date.now() < deadline;) await new Promise((res) => setTimeout(res, 50));
    assert.ok(stats.duplicateInputs > 0, 'the client resent what was not acknowledged');
    r.session.close();
    await r.closed;
  });

  it('a dropped connection is reported as an error, then close (no hang)', async () => {
    const r = await open({});
    const t0 = Date.now();
    agentSession(r.sessionId)!.drop();
    await r.closed;
    assert.ok(Date.now() - t0 < 2000);
    assert.equal(r.errors.length, 1);
    assert.equal((r.errors[0] as EcsExecError).kind, 'connection-lost');
  });

  it('close() sends the terminate flag and the remote shell ends', async () => {
    const r = await open({});
    r.session.close();
    await r.closed;
    await new Promise((res) => setTimeout(res, 100));
    assert.equal(agentSession(r.sessionId)!.stats.terminateFlag, true);
  });

  it('startEcsExec: ExecuteCommand\'s session, the target built from the ARNs and DescribeTasks\' runtime id', async () => {
    // moto answers ExecuteCommand with HTTP 500, so this ECS client is a stub that answers it (and DescribeTasks) with
    // what the local AWS stand-in will serve: a session of the test agent. The agent's KMS Decrypt succeeds only if
    // the client bound the data key to exactly ecs:<cluster>_<task>_<runtime id>.
    const created = await createSession({ ...TARGET, kmsKeyId: keyId, command: SHELL });
    const calls: string[] = [];
    const ecs = {
      async send(cmd: { constructor: { name: string }; input: Record<string, unknown> }) {
        calls.push(cmd.constructor.name);
        if (cmd.constructor.name === 'ExecuteCommandCommand') {
          assert.equal(cmd.input.interactive, true);
          return {
            clusterArn: `arn:aws:ecs:us-east-1:123456789012:cluster/${TARGET.cluster}`,
            taskArn: `arn:aws:ecs:us-east-1:123456789012:task/${TARGET.cluster}/${TARGET.taskId}`,
            containerName: 'app', interactive: true, session: created,
          };
        }
        assert.deepEqual(cmd.input, { cluster: TARGET.cluster, tasks: [TARGET.taskId] });
        return { tasks: [{ containers: [{ name: 'sidecar', runtimeId: 'wrong' }, { name: 'app', runtimeId: TARGET.containerRuntimeId }] }] };
      },
    } as unknown as ECSClient;
    const session = await startEcsExec({ ecs, kms, cluster: TARGET.cluster, task: TARGET.taskId, container: 'app', command: SHELL });
    assert.deepEqual(calls, ['ExecuteCommandCommand', 'DescribeTasksCommand']);
    assert.equal(session.encrypted, true);
    assert.equal(agentSession(created.sessionId)!.stats.challengeVerified, true);
    session.close();
    await new Promise<void>((r) => session.once('close', () => r()));
  });

  it('startEcsExec: a task without exec enabled is an actionable error', async () => {
    const ecs = { send: async () => { throw Object.assign(new Error('The execute command failed because execute command was not enabled when the task was run or the execute command agent isn\'t running.'), { name: 'InvalidParameterException' }); } } as unknown as ECSClient;
    await assert.rejects(startEcsExec({ ecs, cluster: 'c', task: 't', container: 'app', command: 'sh' }), (e: EcsExecError) => {
      assert.equal(e.kind, 'not-enabled');
      assert.match(e.nextStep, /forced new deployment/);
      return true;
    });
  });

  it('a wrong token is refused', async () => {
    const created = await createSession({ ...TARGET });
    await assert.rejects(openDataChannel({ ...created, tokenValue: 'not-the-token', targetId: TARGET_ID, handshakeTimeoutMs: 5000 }), (e: Error) => {
      assert.ok(e instanceof EcsExecError);
      assert.ok(!e.message.includes('not-the-token'), 'the token never appears in an error');
      return true;
    });
  });
});
