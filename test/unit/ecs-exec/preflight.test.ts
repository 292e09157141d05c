// Preflight reads the task as DescribeTasks shows it and says which of ECS Exec's conditions fails, before
// ExecuteCommand answers with its one generic sentence.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EcsContainer, EcsTask } from '../../../src/aws/model';
import { olderThan, preflightEcsExec } from '../../../src/ecs-exec/preflight';

const container = (over: Partial<EcsContainer> = {}): EcsContainer => ({ name: 'api', runtimeId: 'r1', lastStatus: 'RUNNING', execAgent: { status: 'RUNNING' }, ...over });
const task = (over: Partial<EcsTask> = {}): EcsTask => ({
  arn: 'arn:aws:ecs:us-east-1:123456789012:task/shop/0123456789abcdef', id: '0123456789abcdef', clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/shop',
  lastStatus: 'RUNNING', launchType: 'FARGATE', platformVersion: '1.4.0', execEnabled: true, serviceName: 'api', containers: [], ...over,
});

describe('ECS Exec preflight', () => {
  const cases: [string, Partial<EcsTask>, Partial<EcsContainer>, { kind?: string; message?: RegExp; enableOnService?: string }][] = [
    ['a running task with a running agent passes', {}, {}, {}],
    ['a service task without exec offers enabling it on the service', { execEnabled: false }, {}, { kind: 'not-enabled', message: /service api/, enableOnService: 'api' }],
    ['a standalone task without exec says to run a new one', { execEnabled: false, serviceName: undefined }, {}, { kind: 'not-enabled', message: /RunTask --enable-execute-command/ }],
    ['a stopped task', { lastStatus: 'STOPPED' }, {}, { kind: 'not-found', message: /STOPPED, not RUNNING/ }],
    ['Fargate 1.3.0 is too old', { platformVersion: '1.3.0' }, {}, { kind: 'agent-not-running', message: /1\.3\.0.*1\.4\.0 or later/ }],
    ['Fargate LATEST is fine', { platformVersion: 'LATEST' }, {}, {}],
    ['Windows on Fargate 1.0.0 is fine', { platformVersion: '1.0.0', platformFamily: 'Windows' }, {}, {}],
    ['EC2 has no platform version rule', { launchType: 'EC2', platformVersion: undefined }, {}, {}],
    ['an agent still PENDING', {}, { execAgent: { status: 'PENDING' } }, { kind: 'agent-not-running', message: /is PENDING/ }],
    ['an agent that stopped says why', {}, { execAgent: { status: 'STOPPED', reason: 'InternalError' } }, { kind: 'agent-not-running', message: /STOPPED \(InternalError\)/ }],
    ['no agent reported', {}, { execAgent: undefined }, { kind: 'agent-not-running', message: /not reported/ }],
  ];
  for (const [name, t, c, want] of cases) {
    it(name, () => {
      const p = preflightEcsExec(task(t), container(c));
      if (!want.kind) return assert.equal(p, undefined);
      assert.ok(p, 'a problem is reported');
      assert.equal(p.error.kind, want.kind);
      if (want.message) assert.match(p.error.message, want.message);
      assert.equal(p.enableOnService, want.enableOnService);
      assert.ok(p.error.nextStep.length > 10);
    });
  }

  it('compares platform versions numerically', () => {
    assert.equal(olderThan('1.3.0', [1, 4, 0]), true);
    assert.equal(olderThan('1.10.0', [1, 4, 0]), false);
    assert.equal(olderThan('1.4', [1, 4, 0]), false);
    assert.equal(olderThan('LATEST', [1, 4, 0]), false);
  });
});
