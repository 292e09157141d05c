// EKS tokens made by Wharf, verified by a real kube-apiserver through the harness's aws-iam-authenticator-style
// webhook: the right token gets in with the right permissions; every kind of wrong token is turned away.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { getEksToken, TOKEN_PREFIX } from '../../src/aws/eks-token';
import { PRINCIPALS } from '../env/kube';
import { cluster, getWithToken, kubeConfigWithToken, tokenFor } from './kube-helpers';

const reencode = (url: string) => TOKEN_PREFIX + Buffer.from(url).toString('base64url');
const decode = (token: string) => new URL(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));

describe('EKS token against a real API server', () => {
  it('authenticates, and client-node lists namespaces with it', async () => {
    const token = await tokenFor('admin');
    assert.equal(await getWithToken('/api/v1/namespaces', token), 200);
    const api = kubeConfigWithToken(token).makeApiClient(k8s.CoreV1Api);
    const list = await api.listNamespace();
    assert.ok(list.items.some((n) => n.metadata?.name === 'kube-system'));
  });

  it('maps the IAM identity to its RBAC permissions: a viewer may read but not write', async () => {
    const token = await tokenFor('viewer');
    assert.equal(await getWithToken('/api/v1/namespaces/default/pods', token), 200);
    assert.equal(await getWithToken('/api/v1/namespaces', token, 'POST', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'nope' } }), 403);
    // client-node surfaces the same refusal as an ApiException with the status code.
    const api = kubeConfigWithToken(token).makeApiClient(k8s.CoreV1Api);
    await assert.rejects(api.createNamespace({ body: { metadata: { name: 'nope' } } }), (e: unknown) => (e as { code?: number }).code === 403);
  });

  it('rejects a token for another cluster', async () => {
    assert.equal(await getWithToken('/api/v1/namespaces', await tokenFor('admin', { cluster: 'someone-else' })), 401);
  });

  it('honours a token for 15 minutes from its signing, past its X-Amz-Expires of 60 s, as EKS does', async () => {
    assert.equal(await getWithToken('/api/v1/namespaces', await tokenFor('admin', { now: new Date(Date.now() - 14 * 60_000) })), 200);
  });

  it('rejects a token older than 15 minutes', async () => {
    assert.equal(await getWithToken('/api/v1/namespaces', await tokenFor('admin', { now: new Date(Date.now() - 16 * 60_000) })), 401);
  });

  it('rejects a token signed with the wrong secret', async () => {
    const { token } = await getEksToken({ clusterName: cluster(), region: 'us-east-1', credentials: { accessKeyId: PRINCIPALS.admin.accessKeyId, secretAccessKey: 'not-the-secret' } });
    assert.equal(await getWithToken('/api/v1/namespaces', token), 401);
  });

  it('rejects a tampered signature, a foreign host or scheme, an extra parameter, padding and an oversized token', async () => {
    const url = decode(await tokenFor('admin'));
    const sig = url.searchParams.get('X-Amz-Signature')!;
    const tampered = new URL(url);
    tampered.searchParams.set('X-Amz-Signature', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
    assert.equal(await getWithToken('/api/v1/namespaces', reencode(tampered.toString())), 401);
    const foreign = new URL(url);
    foreign.hostname = 'sts.amazonaws.com.evil.example';
    assert.equal(await getWithToken('/api/v1/namespaces', reencode(foreign.toString())), 401);
    const extra = new URL(url);
    extra.searchParams.set('Action2', 'AssumeRole');
    assert.equal(await getWithToken('/api/v1/namespaces', reencode(extra.toString())), 401);
    const plainHttp = new URL(url);
    plainHttp.protocol = 'http:';
    assert.equal(await getWithToken('/api/v1/namespaces', reencode(plainHttp.toString())), 401);
    assert.equal(await getWithToken('/api/v1/namespaces', `${await tokenFor('admin')}==`), 401, 'padding is not base64url without padding');
    assert.equal(await getWithToken('/api/v1/namespaces', reencode(`${url.toString()}&X-Amz-Security-Token=${'x'.repeat(4096)}`)), 401, 'over 4 KiB');
    assert.equal(await getWithToken('/api/v1/namespaces', 'k8s-aws-v1.not-base64!'), 401);
  });
});
