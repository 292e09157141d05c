// `wharf token`'s arguments and output as pure functions: the AWS CLI's contract (get_token.py) as data.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXEC_API_V1, EXEC_API_V1ALPHA1, EXEC_API_V1BETA1, execApiVersion, execCredential, parseTokenArgs, rfc3339Seconds, TokenUsageError } from '../../../src/cli/token-args';

describe('wharf token arguments', () => {
  it('reads the four options', () => {
    assert.deepEqual(parseTokenArgs(['--cluster-name', 'prod', '--region', 'eu-west-1', '--profile', 'ops', '--role-arn', 'arn:aws:iam::123456789012:role/eks-admin']), {
      help: false, clusterName: 'prod', region: 'eu-west-1', profile: 'ops', roleArn: 'arn:aws:iam::123456789012:role/eks-admin',
    });
    assert.deepEqual(parseTokenArgs(['--cluster-name=prod']), { help: false, clusterName: 'prod', region: undefined, profile: undefined, roleArn: undefined });
    assert.equal(parseTokenArgs(['-h']).help, true);
    assert.equal(parseTokenArgs(['--role-arn', 'arn:aws-cn:iam::123456789012:role/path/r', '--cluster-name', 'c']).roleArn, 'arn:aws-cn:iam::123456789012:role/path/r');
    assert.equal(parseTokenArgs(['--cluster-name', 'c', '--region', 'us-gov-west-1']).region, 'us-gov-west-1');
  });

  const bad: [string, string[], RegExp][] = [
    ['no cluster', ['--region', 'us-east-1'], /--cluster-name is required/],
    ['a cluster name EKS would refuse', ['--cluster-name', 'a b'], /not an EKS cluster name/],
    ['a Region that is not one', ['--cluster-name', 'c', '--region', 'useast1'], /not an AWS Region/],
    ['a role that is not a role ARN', ['--cluster-name', 'c', '--role-arn', 'arn:aws:iam::123456789012:user/me'], /IAM role ARN/],
    ['an unknown option', ['--cluster-name', 'c', '--cluster-id', 'x'], /Unknown option '--cluster-id'/],
    ['a positional', ['--cluster-name', 'c', 'extra'], /positional/i],
    ['an empty profile', ['--cluster-name', 'c', '--profile', ''], /--profile needs a name/],
  ];
  for (const [what, argv, message] of bad) {
    it(`refuses ${what}`, () => assert.throws(() => parseTokenArgs(argv), (e: unknown) => e instanceof TokenUsageError && message.test((e as Error).message)));
  }
});

describe('KUBERNETES_EXEC_INFO, as the AWS CLI reads it', () => {
  const info = (apiVersion: unknown) => JSON.stringify({ kind: 'ExecCredential', apiVersion, spec: { interactive: false } });
  it('answers v1beta1 when it is unset (clients before 1.20)', () => assert.deepEqual(execApiVersion(undefined), { apiVersion: EXEC_API_V1BETA1 }));
  it('answers v1 or v1beta1 when asked', () => {
    assert.deepEqual(execApiVersion(info(EXEC_API_V1)), { apiVersion: EXEC_API_V1 });
    assert.deepEqual(execApiVersion(info(EXEC_API_V1BETA1)), { apiVersion: EXEC_API_V1BETA1 });
  });
  it('answers the deprecated v1alpha1 with a warning', () => {
    const r = execApiVersion(info(EXEC_API_V1ALPHA1));
    assert.equal(r.apiVersion, EXEC_API_V1ALPHA1);
    assert.match(r.warning ?? '', /deprecated/);
  });
  it('falls back to v1beta1 with a warning when malformed or unknown', () => {
    for (const raw of ['{not json', info('client.authentication.k8s.io/v2'), '[]', 'null']) {
      const r = execApiVersion(raw);
      assert.equal(r.apiVersion, EXEC_API_V1BETA1, raw);
      assert.ok(r.warning, raw);
    }
  });
});

describe('the ExecCredential', () => {
  it('has the AWS CLI keys in its order, and an RFC 3339 UTC expiry to the second', () => {
    const c = execCredential(EXEC_API_V1, 'k8s-aws-v1.abc', new Date('2026-12-02T14:05:01.789Z'));
    assert.equal(JSON.stringify(c), '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{},"status":{"expirationTimestamp":"2026-12-02T14:05:01Z","token":"k8s-aws-v1.abc"}}');
    assert.equal(rfc3339Seconds(new Date(Date.UTC(2026, 0, 2, 3, 4, 5))), '2026-01-02T03:04:05Z');
  });
});
