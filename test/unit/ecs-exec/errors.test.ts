// ExecuteCommand refusals become errors that say why and what to do next. The inputs are the SDK error shapes
// (name + message) ECS returns for each case.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyExecuteCommandError } from '../../../src/ecs-exec/errors';

const sdkError = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('ecs-exec errors', () => {
  const cases: [Error, string][] = [
    [sdkError('InvalidParameterException', 'The execute command failed because execute command was not enabled when the task was run or the execute command agent isn\'t running. Wait and try again or run a new task with execute command enabled and try again.'), 'not-enabled'],
    [sdkError('InvalidParameterException', 'The execute command failed because the execute command agent isn\'t running. Wait and try again.'), 'agent-not-running'],
    [sdkError('TargetNotConnectedException', 'The execute command failed due to an internal error. Try again later.'), 'target-not-connected'],
    [sdkError('AccessDeniedException', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ecs:ExecuteCommand'), 'access-denied'],
    [sdkError('AccessDeniedException', 'User is not authorized to perform: kms:GenerateDataKey on resource arn:aws:kms:us-east-1:123456789012:key/k'), 'kms'],
    [sdkError('ClusterNotFoundException', 'Cluster not found.'), 'not-found'],
    [sdkError('AbortError', 'Request aborted'), 'aborted'],
    [sdkError('ServerException', 'boom'), 'unknown'],
  ];
  for (const [err, kind] of cases) {
    it(`${err.name}: ${err.message.slice(0, 60)} -> ${kind}`, () => {
      const e = classifyExecuteCommandError(err);
      assert.equal(e.kind, kind);
      assert.ok(e.nextStep.length > 10);
      assert.equal(e.cause, err);
    });
  }

  it('names the task role\'s four ssmmessages actions when the agent cannot connect', () => {
    const e = classifyExecuteCommandError(sdkError('TargetNotConnectedException', 'x'));
    for (const a of ['CreateControlChannel', 'CreateDataChannel', 'OpenControlChannel', 'OpenDataChannel']) assert.match(e.nextStep, new RegExp(`ssmmessages:${a}`));
  });
});
