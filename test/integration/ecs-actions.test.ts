// The ECS actions against the local AWS (moto behind the stand-in), through AwsSession with the test profiles as a
// person's VS Code has them: wharf-admin sets a service's desired count, forces a new deployment and stops a task
// with a reason, and the describes Wharf polls show each change; wharf-viewer (read-only on ECS, as its IAM policy
// would make it: the stand-in refuses UpdateService and StopTask, which moto never does) gets an AccessDenied that
// names the IAM action and the principal.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeService, describeTask, forceNewDeployment, hasNewPrimary, setDesiredCount, stopTask, stopping, waitForService, waitForTask } from '../../src/aws/ecs-actions';
import { AwsError } from '../../src/aws/errors';
import { AwsSession } from '../../src/aws/session';
import { requireEnv } from '../env/env';
import { ADMIN_PROFILE, VIEWER_PROFILE, writeAwsProfiles } from '../env/aws-profiles';
import { PRINCIPALS } from '../env/kube';
import { seedAws, type Estate } from '../env/seed-aws';
import type { EcsClusterSpec } from '../env/seed-ecs';

// A cluster and Region of its own: the actions change deployments and stop tasks, and the demo estate's clusters
// must stay as seeded for the tests that run after this one on the same local AWS.
const REGION = 'us-west-2';
const SPEC: EcsClusterSpec = {
  name: 'wharf-it-actions', region: REGION, launchType: 'FARGATE', standaloneTasks: [],
  services: [{ name: 'actions-api', container: 'api', style: 'web', deploymentController: 'ECS', versions: ['1.0.0'] }],
};

describe('ECS actions against the local AWS', { timeout: 180_000 }, () => {
  let estate: Estate;
  let admin: AwsSession;
  let viewer: AwsSession;
  let home: string;
  const saved = { AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };
  const cluster = () => estate.ecs.find((c) => c.name === SPEC.name)!;
  const service = (name: string) => cluster().services.find((s) => s.name === name)!;

  before(async () => {
    estate = await seedAws(requireEnv('WHARF_TEST_AWS_ENDPOINT'), { eks: [], ecs: [SPEC] });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-ecs-actions-'));
    const files = writeAwsProfiles(home);
    Object.assign(process.env, { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile });
    admin = new AwsSession({ profile: ADMIN_PROFILE });
    viewer = new AwsSession({ profile: VIEWER_PROFILE });
  });

  after(() => {
    admin?.dispose();
    viewer?.dispose();
    Object.assign(process.env, saved);
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('the admin sets the desired count; DescribeServices shows it', async () => {
    const ecs = admin.ecs(REGION);
    const s = service('actions-api');
    const before = (await describeService(ecs, cluster().arn, s.arn))!;
    const updated = await setDesiredCount(ecs, cluster().arn, s.arn, before.desired + 1);
    assert.equal(updated.desired, before.desired + 1);
    const seen = await waitForService(ecs, cluster().arn, s.arn, (x) => x.desired === before.desired + 1, { tries: 3, intervalMs: 200 });
    assert.ok(seen.converged);
    await setDesiredCount(ecs, cluster().arn, s.arn, before.desired);
    assert.equal((await describeService(ecs, cluster().arn, s.arn))!.desired, before.desired);
  });

  it('the admin forces a new deployment; a new PRIMARY deployment shows', async () => {
    const ecs = admin.ecs(REGION);
    const s = service('actions-api');
    const before = (await describeService(ecs, cluster().arn, s.arn))!;
    const answered = await forceNewDeployment(ecs, cluster().arn, s.arn);
    const seen = await waitForService(ecs, cluster().arn, s.arn, hasNewPrimary(before), { tries: 5, intervalMs: 300 });
    assert.ok(seen.converged, `a new PRIMARY deployment: before ${JSON.stringify(before.deployments)}, answered ${JSON.stringify(answered.deployments)}, now ${JSON.stringify(seen.value?.deployments)}`);
    const primary = seen.value!.deployments.find((d) => d.status === 'PRIMARY')!;
    assert.equal(primary.taskDefinition, before.taskDefinition);
    // As ECS shows it (the stand-in, where moto completes it at once): in progress, no tasks of its own yet.
    assert.deepEqual([primary.rolloutState, primary.running], ['IN_PROGRESS', 0]);
    // The old deployment stays listed (ACTIVE) while ECS drains it: the tree shows "rolling out".
    assert.ok(seen.value!.deployments.some((d) => before.deployments.some((b) => b.id === d.id) && d.status === 'ACTIVE'));
  });

  it('the admin stops a task with a reason; DescribeTasks shows it stopping with that reason', async () => {
    const ecs = admin.ecs(REGION);
    const task = service('actions-api').tasks[0];
    const answered = await stopTask(ecs, cluster().arn, task.arn, '  Stuck on\nstart-up  ');
    assert.ok(stopping(answered), `${answered.lastStatus} -> ${answered.desiredStatus}`);
    const seen = await waitForTask(ecs, cluster().arn, task.arn, stopping, { tries: 3, intervalMs: 200 });
    assert.ok(seen.converged);
    assert.equal(seen.value!.stoppedReason, 'Stuck on start-up');
    assert.equal((await describeTask(ecs, cluster().arn, task.arn))!.desiredStatus, 'STOPPED');
  });

  it('the viewer is refused UpdateService and StopTask: AccessDenied naming the action and the principal', async () => {
    const ecs = viewer.ecs(REGION);
    const s = service('actions-api');
    for (const [op, call] of [
      ['ecs:UpdateService', () => setDesiredCount(ecs, cluster().arn, s.arn, 7)],
      ['ecs:UpdateService', () => forceNewDeployment(ecs, cluster().arn, s.arn)],
      ['ecs:StopTask', () => stopTask(ecs, cluster().arn, s.tasks[1]?.arn ?? s.tasks[0].arn, 'no')],
    ] as const) {
      const e = await call().then(() => undefined, (x: unknown) => x);
      assert.ok(e instanceof AwsError, `expected an AwsError, got ${String(e)}`);
      const described = await viewer.describeError(e);
      assert.equal(described.kind, 'access-denied');
      assert.equal(described.action, op);
      assert.equal(described.principalArn, PRINCIPALS.viewer.arn);
      assert.match(described.message, new RegExp(`^${PRINCIPALS.viewer.arn} may not ${op} in ${REGION}\\.$`));
      assert.match(described.nextStep, new RegExp(`Ask for ${op} on ${PRINCIPALS.viewer.arn}`));
    }
    // Refused means unchanged.
    assert.notEqual((await describeService(admin.ecs(REGION), cluster().arn, s.arn))!.desired, 7);
  });
});
