// The ECS actions' pure parts (which services take forceNewDeployment, the stop reason, when a change "shows") and
// the bounded wait, over the SDK stub (fake-sdk.ts: a DescribeServices that converges on the third call is not
// something moto can be made to do on demand). The calls against moto are in test/integration/ecs-actions.test.ts.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { forceDeploymentRefusal, hasNewPrimary, setDesiredCount, stopReason, stopping, waitForService } from '../../../src/aws/ecs-actions';
import type { EcsService, EcsTask } from '../../../src/aws/model';
import { FakeSdkClient } from './fake-sdk';

const svc = (o: Partial<EcsService> = {}): EcsService => ({
  name: 'api', arn: 'arn:aws:ecs:us-east-1:1:service/shop/api', clusterArn: 'arn:aws:ecs:us-east-1:1:cluster/shop', status: 'ACTIVE', desired: 2, running: 2, pending: 0,
  capacityProviders: [], deploymentController: 'ECS', execEnabled: false, deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', desired: 2, running: 2, pending: 0, failedTasks: 0 }], taskSets: [], ...o,
});

describe('ECS actions', () => {
  const controllers: [EcsService['deploymentController'], RegExp | undefined][] = [
    ['ECS', undefined],
    ['CODE_DEPLOY', /deployed by CodeDeploy/],
    ['EXTERNAL', /external deployment controller/],
  ];
  for (const [c, why] of controllers) {
    it(`forceNewDeployment with the ${c} controller: ${why ? 'refused before calling' : 'allowed'}`, () => {
      const r = forceDeploymentRefusal(svc({ deploymentController: c }));
      if (why) assert.match(r ?? '', why);
      else assert.equal(r, undefined);
    });
  }

  const reasons: [string, string][] = [
    ['  Stuck\n on   start ', 'Stuck on start'],
    ['x'.repeat(300), 'x'.repeat(255)],
    ['   ', ''],
  ];
  for (const [text, want] of reasons) it(`stop reason ${JSON.stringify(text.slice(0, 20))}`, () => assert.equal(stopReason(text), want));

  it('a new deployment shows as a PRIMARY that was not there before', () => {
    const before = svc();
    const seen = hasNewPrimary(before);
    assert.equal(seen(before), false);
    assert.equal(seen(svc({ deployments: [...before.deployments, { id: 'ecs-svc/2', status: 'ACTIVE', desired: 0, running: 0, pending: 0, failedTasks: 0 }] })), false);
    assert.equal(seen(svc({ deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', desired: 2, running: 0, pending: 2, failedTasks: 0 }, { ...before.deployments[0], status: 'ACTIVE' }] })), true);
  });

  const tasks: [Partial<EcsTask>, boolean][] = [
    [{ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' }, false],
    [{ lastStatus: 'RUNNING', desiredStatus: 'STOPPED' }, true],
    [{ lastStatus: 'STOPPED', desiredStatus: 'STOPPED' }, true],
  ];
  for (const [t, want] of tasks) it(`a task ${t.lastStatus} -> ${t.desiredStatus} is ${want ? '' : 'not '}stopping`, () => assert.equal(stopping(t as EcsTask), want));

  it('setDesiredCount sends only the count; the wait describes until it shows, then stops', async () => {
    let describes = 0;
    const sdk = new FakeSdkClient({
      UpdateService: (input) => ({ service: { serviceName: 'api', serviceArn: input.service, desiredCount: 2 } }),
      DescribeServices: () => ({ services: [{ serviceName: 'api', desiredCount: ++describes >= 3 ? 5 : 2 }] }),
    });
    const ecs = sdk as unknown as ECSClient;
    const after = await setDesiredCount(ecs, 'c', 'arn:svc', 5);
    assert.deepEqual(sdk.of('UpdateService'), [{ cluster: 'c', service: 'arn:svc', desiredCount: 5 }]);
    assert.equal(after.desired, 2);
    const r = await waitForService(ecs, 'c', 'arn:svc', (s) => s.desired === 5, { tries: 10, intervalMs: 1 });
    assert.deepEqual([r.converged, r.value?.desired, describes], [true, 5, 3]);
    await assert.rejects(setDesiredCount(ecs, 'c', 'arn:svc', -1), RangeError);
  });

  it('the wait is bounded: it gives up after its tries and says so', async () => {
    const sdk = new FakeSdkClient({ DescribeServices: () => ({ services: [{ serviceName: 'api', desiredCount: 2 }] }) });
    const r = await waitForService(sdk as unknown as ECSClient, 'c', 's', (s) => s.desired === 5, { tries: 4, intervalMs: 1 });
    assert.equal(r.converged, false);
    assert.equal(sdk.of('DescribeServices').length, 4);
  });
});
