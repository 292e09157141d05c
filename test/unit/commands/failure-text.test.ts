// What a person reads when a command fails: what, why, the next step, and which buttons.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError } from '../../../src/aws/errors';
import { diagnoseAuth } from '../../../src/kube/diagnose';
import { KubeError } from '../../../src/kube/errors';
import { diagnosisMarkdown } from '../../../src/commands/explorer/diagnosis-markdown';
import { explainFailure } from '../../../src/commands/explorer/failure-text';

describe('failure text', () => {
  it('an AWS access denial names what failed, why, the next step, and offers the error\'s own actions', () => {
    const e = new AwsError({
      kind: 'sso-login-required', service: 'EKS', operation: 'ListClusters', region: 'us-east-1', ssoSession: 'corp',
      message: 'The IAM Identity Center sign-in for corp has expired', nextStep: 'Sign in again', actions: ['signIn'],
    });
    const x = explainFailure('Listing EKS clusters', e);
    assert.equal(x.message, 'Listing EKS clusters failed: The IAM Identity Center sign-in for corp has expired. Sign in again.');
    assert.deepEqual(x.actions, ['signIn']);
    assert.equal(x.silent, false);
  });

  it('throttling and timeouts offer Retry; cancellation is silent', () => {
    const t = new AwsError({ kind: 'throttled', service: 'ECS', operation: 'DescribeServices', message: 'Rate exceeded', nextStep: 'Wait a moment and retry.', actions: [] });
    assert.deepEqual(explainFailure('x', t).actions, ['retry']);
    assert.equal(explainFailure('x', new AwsError({ kind: 'aborted', service: 'S', operation: 'O', message: 'aborted', nextStep: '', actions: [] })).silent, true);
    assert.equal(explainFailure('x', new KubeError({ kind: 'aborted', message: 'cancelled' })).silent, true);
  });

  it('a 403 from a cluster offers the access diagnosis; an unreachable one points at endpoint overrides', () => {
    const f = explainFailure('Opening the YAML', new KubeError({ kind: 'forbidden', status: 403, message: 'forbidden', verb: 'get', resource: 'secrets' }));
    assert.match(f.message, /^Opening the YAML failed: the cluster denied it \(403: get secrets\)\./);
    assert.deepEqual(f.actions, ['diagnose']);
    const u = explainFailure('Describing', new KubeError({ kind: 'unreachable', message: 'connect ECONNREFUSED 10.0.0.1:443' }));
    assert.match(u.message, /could not be reached \(connect ECONNREFUSED 10\.0\.0\.1:443\.\) For a private endpoint.*wharf\.eks\.endpointOverrides/);
    assert.deepEqual(u.actions, ['retry', 'openSettings']);
  });

  it('anything else says what failed and where to read more', () => {
    const x = explainFailure('Copying the ARN', new Error('boom'));
    assert.equal(x.message, 'Copying the ARN failed: boom. See the Wharf output for details.');
    assert.deepEqual(x.actions, ['showOutput']);
  });
});

describe('the access diagnosis as Markdown', () => {
  it('shows the caller, the refusal, and the fix commands in fenced blocks', () => {
    const failure = { kind: 'forbidden' as const, status: 403, message: 'pods is forbidden: User "arn:aws:iam::123456789012:user/wharf-viewer" cannot list resource "pods" in API group "" in the namespace "shop"', verb: 'list', resource: 'pods', namespace: 'shop' };
    const d = diagnoseAuth({
      failure,
      cluster: { name: 'shop-prod', region: 'us-east-1', arn: 'arn:aws:eks:us-east-1:123456789012:cluster/shop-prod', authenticationMode: 'API_AND_CONFIG_MAP' },
      caller: { arn: 'arn:aws:iam::123456789012:user/wharf-viewer', principalArn: 'arn:aws:iam::123456789012:user/wharf-viewer' },
      accessEntries: [],
    });
    const md = diagnosisMarkdown(d, { ref: { region: 'us-east-1', profile: 'wharf-viewer', clusterName: 'shop-prod' }, failure, notes: ['Who you are: could not be read.'] });
    assert.match(md, /^# shop-prod: /);
    assert.match(md, /Cluster \*\*shop-prod\*\* \(us-east-1\), as profile wharf-viewer\./);
    assert.match(md, /The API server answered 403: pods is forbidden/);
    assert.ok(d.commands.length > 0, 'the diagnosis has a fix');
    for (const c of d.commands) assert.ok(md.includes(`\n${c}\n\`\`\``), `fenced: ${c.slice(0, 60)}`);
    assert.match(md, /```sh\naws eks /);
    assert.match(md, /## What could not be checked\n\n- Who you are: could not be read\./);
  });
});

describe('failure text of the cluster actions', () => {
  it("a refused scale names the verb, the subresource and the namespace, and offers the diagnosis", () => {
    const f = { kind: 'forbidden' as const, status: 403, message: 'deployments.apps "web" is forbidden: User "arn:aws:iam::123456789012:user/wharf-viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "shop"', verb: 'patch', resource: 'deployments/scale', namespace: 'shop', group: 'apps' };
    const x = explainFailure('Scaling', new KubeError(f));
    assert.match(x.message, /^Scaling failed: the cluster denied it \(403: patch deployments\/scale in shop\)\. The access diagnosis names/);
    assert.deepEqual(x.actions, ['diagnose']);
    const d = diagnoseAuth({ failure: f, cluster: { name: 'wharf-demo', region: 'us-east-1', authenticationMode: 'API' }, caller: { arn: 'arn:aws:iam::123456789012:user/wharf-viewer', principalArn: 'arn:aws:iam::123456789012:user/wharf-viewer' }, accessEntries: [] });
    assert.match(d.title, /not allowed to patch deployments\/scale \(apps\) in namespace shop/);
    assert.ok(d.commands.some((c) => /AmazonEKSEditPolicy --access-scope type=namespace,namespaces=shop/.test(c)), d.commands.join('\n'));
  });

  it('an IAM denial of UpdateService names the action and the principal', () => {
    const e = new AwsError({
      kind: 'access-denied', service: 'ecs', operation: 'UpdateService', region: 'us-east-1', action: 'ecs:UpdateService', principalArn: 'arn:aws:iam::123456789012:user/wharf-viewer',
      message: 'arn:aws:iam::123456789012:user/wharf-viewer may not ecs:UpdateService in us-east-1.', nextStep: 'Ask for ecs:UpdateService on arn:aws:iam::123456789012:user/wharf-viewer, or choose another profile.', actions: ['chooseProfile', 'retry'],
    });
    const x = explainFailure('Setting the desired count', e);
    assert.match(x.message, /^Setting the desired count failed: arn:aws:iam::123456789012:user\/wharf-viewer may not ecs:UpdateService in us-east-1\. Ask for ecs:UpdateService/);
    assert.deepEqual(x.actions, ['chooseProfile', 'retry']);
  });
});
