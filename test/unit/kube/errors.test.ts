// How API-server refusals and Node network errors become KubeFailures.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureFromError, failureFromStatus, parseForbidden } from '../../../src/kube/errors';

describe('parseForbidden', () => {
  const cases: [string, ReturnType<typeof parseForbidden>][] = [
    ['pods is forbidden: User "arn:aws:sts::1:assumed-role/Dev/alice" cannot list resource "pods" in API group "" in the namespace "shop"', { user: 'arn:aws:sts::1:assumed-role/Dev/alice', verb: 'list', resource: 'pods', group: undefined, namespace: 'shop', path: undefined }],
    ['nodes is forbidden: User "viewer" cannot list resource "nodes" in API group "" at the cluster scope', { user: 'viewer', verb: 'list', resource: 'nodes', group: undefined, namespace: undefined, path: undefined }],
    ['deployments.apps "web" is forbidden: User "viewer" cannot patch resource "deployments" in API group "apps" in the namespace "shop"', { user: 'viewer', verb: 'patch', resource: 'deployments', group: 'apps', namespace: 'shop', path: undefined }],
    ['forbidden: User "viewer" cannot get path "/metrics"', { user: 'viewer', verb: 'get', resource: undefined, group: undefined, namespace: undefined, path: '/metrics' }],
    ['something else', {}],
  ];
  for (const [msg, want] of cases) it(msg.slice(0, 60), () => assert.deepEqual(parseForbidden(msg), want));
});

describe('failureFromStatus / failureFromError', () => {
  it('maps statuses to kinds', () => {
    const kinds = [401, 403, 404, 409, 410, 422, 429, 500, 503, 504].map((s) => failureFromStatus(s, {}, 'GET /x').kind);
    assert.deepEqual(kinds, ['unauthorized', 'forbidden', 'not-found', 'conflict', 'gone', 'invalid', 'unknown', 'server', 'server', 'timeout']);
  });
  it('maps Node errors: unreachable names the server, TLS gives the reason', () => {
    const e = (code: string, message = code) => Object.assign(new Error(message), { code });
    assert.equal(failureFromError(e('ENOTFOUND'), 'prod', 'https://abc.eks.amazonaws.com').kind, 'unreachable');
    assert.match(failureFromError(e('ENOTFOUND'), 'prod', 'https://abc.eks.amazonaws.com').message, /prod at https:\/\/abc\.eks\.amazonaws\.com: host not found/);
    assert.equal(failureFromError(e('ETIMEDOUT'), 'prod', 's').kind, 'timeout');
    const tls = failureFromError(e('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'), 'prod', 's');
    assert.equal(tls.kind, 'tls');
    assert.match(tls.message, /self-signed certificate in certificate chain/);
    assert.equal(failureFromError(e('ERR_TLS_CERT_ALTNAME_INVALID'), 'prod', 's').kind, 'tls');
    assert.equal(failureFromError(Object.assign(new Error('x'), { name: 'AbortError' }), 'prod', 's').kind, 'aborted');
  });
});
