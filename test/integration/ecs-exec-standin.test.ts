// ECS Exec the way the extension does it, with nothing bypassed: the real ECS client calls ExecuteCommand on the
// local AWS (the stand-in validates it as ECS does and answers with a session of the test environment's SSM agent),
// then the data channel runs a real shell in the seeded checkout-api task.
//   npx tsx test/env/with-stack.ts aws -- node --import tsx --test --test-concurrency=1 test/integration/ecs-exec-standin.test.ts
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ECSClient } from '@aws-sdk/client-ecs';
import { listEcsServices, listEcsTasks } from '../../src/aws/ecs';
import { enableEcsExec } from '../../src/aws/ecs-exec-config';
import { EcsExecError, preflightEcsExec, startEcsExec } from '../../src/ecs-exec';
import { requireEnv } from '../env/env';
import { seedAws, type Estate } from '../env/seed-aws';
import { clientConfig } from '../env/seed-base';

describe('ECS Exec through the local AWS', { timeout: 120_000 }, () => {
  let estate: Estate;
  let ecs: ECSClient;
  before(async () => {
    const endpoint = requireEnv('AWS_ENDPOINT_URL');
    estate = await seedAws(endpoint);
    ecs = new ECSClient(clientConfig(endpoint, 'us-east-1'));
  });

  it('ExecuteCommand on an exec-enabled task opens a shell: echo comes back', async () => {
    const cluster = estate.ecs.find((c) => c.name === 'checkout')!;
    const tasks = (await listEcsTasks(ecs, cluster.arn, { serviceName: 'checkout-api' })).items;
    const task = tasks.find((t) => t.execEnabled && t.lastStatus === 'RUNNING');
    assert.ok(task, 'a running checkout-api task with exec enabled');
    const container = task.containers[0];
    assert.equal(container.execAgent?.status, 'RUNNING');
    const session = await startEcsExec({ ecs, cluster: cluster.arn, task: task.arn, container: container.name, command: 'bash --norc --noprofile' });
    let out = '';
    session.on('data', (d: Buffer) => (out += d.toString('utf8')));
    session.write('echo wharf-$((40+2))\n');
    const deadline = Date.now() + 15_000;
    while (!out.includes('wharf-42') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /wharf-42/);
    session.close();
    await new Promise<void>((r) => session.once('close', () => r()));
  });

  it('a task without exec enabled gets ECS\'s refusal as an actionable error', async () => {
    const cluster = estate.ecs.find((c) => c.name === 'checkout')!;
    const standalone = (await listEcsTasks(ecs, cluster.arn, { standalone: true })).items.find((t) => !t.execEnabled);
    assert.ok(standalone, 'a standalone task without exec');
    await assert.rejects(
      startEcsExec({ ecs, cluster: cluster.arn, task: standalone.arn, container: standalone.containers[0].name, command: 'sh' }),
      (e: EcsExecError) => e instanceof EcsExecError && e.kind === 'not-enabled',
    );
  });

  it('preflight names the failing condition before ExecuteCommand, and enabling exec on the service sticks', async () => {
    const cluster = estate.ecs.find((c) => c.name === 'batch')!;
    const ecs = new ECSClient(clientConfig(requireEnv('AWS_ENDPOINT_URL'), cluster.region));
    const tasks = (await listEcsTasks(ecs, cluster.arn, { serviceName: 'batch-worker' })).items;
    const task = tasks.find((t) => t.lastStatus === 'RUNNING');
    assert.ok(task, 'a running batch-worker task');
    assert.equal(task.execEnabled, false);
    const problem = preflightEcsExec(task, task.containers[0]);
    assert.equal(problem?.error.kind, 'not-enabled');
    assert.equal(problem?.enableOnService, 'batch-worker');
    const svc = await enableEcsExec(ecs, cluster.arn, 'batch-worker');
    assert.equal(svc.execEnabled, true);
    const again = (await listEcsServices(ecs, cluster.arn)).items.find((s) => s.name === 'batch-worker');
    assert.equal(again?.execEnabled, true, 'DescribeServices reports exec enabled after the update');
  });

  it('a blue/green (EXTERNAL) service is told to enable exec through its own controller', async () => {
    const cluster = estate.ecs.find((c) => c.name === 'checkout')!;
    await assert.rejects(enableEcsExec(ecs, cluster.arn, 'checkout-payments'), /EXTERNAL deployment controller/);
  });
});
