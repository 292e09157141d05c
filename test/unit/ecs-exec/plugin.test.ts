// The session-manager-plugin fallback starts the plugin the way the AWS CLI v2 does: six arguments (not the legacy
// form that refuses KMS), argv[1] naming the environment variable that carries the session, and the token nowhere
// on the command line.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SESSION_RESPONSE_ENV, sessionManagerPluginLaunch } from '../../../src/ecs-exec/plugin';

const grant = { sessionId: 'ecs-execute-command-0abc', streamUrl: 'wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/ecs-execute-command-0abc?role=publish_subscribe', tokenValue: 'AAEAAS3cr3tT0k3n', targetId: 'ecs:shop_0123456789abcdef_0123456789abcdef-1234567890' };

describe('session-manager-plugin launch', () => {
  it('passes the session in the environment and the target on argv', () => {
    const l = sessionManagerPluginLaunch({ plugin: '/usr/local/bin/session-manager-plugin', grant, region: 'us-east-1', profile: 'prod' });
    assert.equal(l.command, '/usr/local/bin/session-manager-plugin');
    assert.deepEqual(l.args, [SESSION_RESPONSE_ENV, 'us-east-1', 'StartSession', 'prod', JSON.stringify({ Target: grant.targetId }), 'https://ssm.us-east-1.amazonaws.com']);
    assert.equal(SESSION_RESPONSE_ENV, 'AWS_SSM_START_SESSION_RESPONSE');
    assert.deepEqual(JSON.parse(l.env[SESSION_RESPONSE_ENV]), { SessionId: grant.sessionId, StreamUrl: grant.streamUrl, TokenValue: grant.tokenValue });
    for (const a of l.args) assert.ok(!a.includes(grant.tokenValue), 'the token is not on argv');
  });

  it('an empty profile argument for the default chain, the China partition endpoint, and an endpoint override', () => {
    assert.equal(sessionManagerPluginLaunch({ plugin: 'p', grant, region: 'cn-north-1' }).args[3], '');
    assert.equal(sessionManagerPluginLaunch({ plugin: 'p', grant, region: 'cn-north-1' }).args[5], 'https://ssm.cn-north-1.amazonaws.com.cn');
    assert.equal(sessionManagerPluginLaunch({ plugin: 'p', grant, region: 'us-east-1', ssmEndpoint: 'http://127.0.0.1:4566' }).args[5], 'http://127.0.0.1:4566');
  });
});
