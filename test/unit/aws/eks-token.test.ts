// The EKS token against an independent oracle: botocore's SigV4 query signer (the code behind `aws eks get-token`)
// run in Python with the same frozen time and static credentials. Then the test API server's verifier (a SigV4 check
// written with node:crypto) against both: it must accept botocore's tokens and ours, and refuse what EKS refuses.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { decodeEksToken, EksTokenCache, getEksToken, stsHost, TOKEN_PREFIX } from '../../../src/aws/eks-token';
import { sigV4PresignedSignature, verifyToken, type TestPrincipal } from '../../env/token-webhook';

const CREDS = { accessKeyId: 'AKIDEXAMPLEWHARF0001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'FwoGZXIvYXdzEXAMPLE//session+token=' };
const NOW = new Date('2026-11-23T10:11:12Z');

const venvPython = path.join(process.env.WHARF_CACHE ?? path.join(os.homedir(), '.cache/wharf'), 'venv/bin/python');

function botocoreUrl(cluster: string, region: string): string {
  const script = `
import datetime, json, sys
import botocore.auth
from botocore.auth import SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
args = json.load(sys.stdin)
botocore.auth.get_current_datetime = lambda *a, **k: datetime.datetime(2026, 11, 23, 10, 11, 12)
req = AWSRequest(method='GET', url='https://%s/?Action=GetCallerIdentity&Version=2011-06-15' % args['host'], headers={'x-k8s-aws-id': args['cluster']})
SigV4QueryAuth(Credentials(args['ak'], args['sk'], args['token']), 'sts', args['region'], expires=60).add_auth(req)
print(req.url)
`;
  const python = fs.existsSync(venvPython) ? venvPython : 'python3';
  const r = spawnSync(python, ['-c', script], {
    input: JSON.stringify({ cluster, region, host: stsHost(region), ak: CREDS.accessKeyId, sk: CREDS.secretAccessKey, token: CREDS.sessionToken }),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`botocore oracle failed (run test/env/setup-aws.sh): ${r.stderr}`);
  return r.stdout.trim();
}

const params = (u: URL) => Object.fromEntries([...u.searchParams.entries()].sort());

describe('EKS token', () => {
  for (const [cluster, region] of [['demo', 'us-east-1'], ['prod-eu', 'eu-west-1'], ['cn-cluster', 'cn-north-1']]) {
    it(`matches botocore's presigned URL: ${cluster} in ${region}`, async () => {
      const { token, expiresAt } = await getEksToken({ clusterName: cluster, region, credentials: CREDS, now: NOW });
      assert.ok(token.startsWith(TOKEN_PREFIX));
      assert.ok(!token.includes('='), 'no base64 padding');
      const ours = decodeEksToken(token);
      const theirs = new URL(botocoreUrl(cluster, region));
      assert.equal(ours.host, theirs.host);
      assert.equal(ours.pathname, '/');
      assert.deepEqual(params(ours), params(theirs));
      assert.equal(ours.searchParams.get('X-Amz-SignedHeaders'), 'host;x-k8s-aws-id');
      assert.equal(ours.searchParams.get('X-Amz-Expires'), '60');
      assert.equal(expiresAt.getTime() - NOW.getTime(), 14 * 60_000);
    });
  }

  it('resolves credentials from a provider (the SDK credential chain)', async () => {
    let calls = 0;
    const provider = async () => {
      calls++;
      return CREDS;
    };
    const a = await getEksToken({ clusterName: 'demo', region: 'us-east-1', credentials: provider, now: NOW });
    const b = await getEksToken({ clusterName: 'demo', region: 'us-east-1', credentials: CREDS, now: NOW });
    assert.equal(a.token, b.token);
    assert.equal(calls, 1);
  });

  it('the cache reuses a token until a minute before expiry, per cluster', async () => {
    let now = NOW.getTime();
    const cache = new EksTokenCache(() => new Date(now));
    const t1 = await cache.get({ clusterName: 'demo', region: 'us-east-1', credentials: CREDS });
    now += 13 * 60_000;
    assert.equal(await cache.get({ clusterName: 'demo', region: 'us-east-1', credentials: CREDS }), t1);
    assert.notEqual(await cache.get({ clusterName: 'other', region: 'us-east-1', credentials: CREDS }), t1);
    now += 61_000;
    assert.notEqual(await cache.get({ clusterName: 'demo', region: 'us-east-1', credentials: CREDS }), t1);
  });

  it('rejects a string that is not a token', () => {
    assert.throws(() => decodeEksToken('Bearer abc'), /not an EKS token/);
  });
});

describe("the test API server's token verifier (aws-iam-authenticator's checks, STS's signature)", () => {
  const principals = new Map<string, TestPrincipal>([[CREDS.accessKeyId, { secretAccessKey: CREDS.secretAccessKey, arn: 'arn:aws:iam::123456789012:user/ci', groups: ['g'] }]]);
  const encode = (url: URL | string) => TOKEN_PREFIX + Buffer.from(url.toString()).toString('base64url');
  /** Edits a token's URL and signs it again with the right secret, so only the edited rule can refuse it. */
  const resign = (token: string, edit: (u: URL) => void, cluster = 'demo') => {
    const u = decodeEksToken(token);
    edit(u);
    u.searchParams.delete('X-Amz-Signature');
    const region = (u.searchParams.get('X-Amz-Credential') ?? '').split('/')[2];
    u.searchParams.set('X-Amz-Signature', sigV4PresignedSignature(u.hostname, [...u.searchParams.entries()], { 'x-k8s-aws-id': cluster }, CREDS.secretAccessKey, region));
    return encode(u);
  };

  it("accepts botocore's token: an independent signer and verifier agree", () => {
    const v = verifyToken(encode(botocoreUrl('demo', 'eu-west-1')), 'demo', principals, NOW);
    assert.deepEqual(v, { ok: true, username: 'arn:aws:iam::123456789012:user/ci', groups: ['g'] });
  });

  it('a resigned but unedited token is still accepted (the table below tests one rule each)', async () => {
    const { token } = await getEksToken({ clusterName: 'demo', region: 'us-east-1', credentials: CREDS, now: NOW });
    assert.equal(verifyToken(resign(token, () => undefined), 'demo', principals, NOW).ok, true);
  });

  const cases: [string, (t: string) => string, RegExp, Date?][] = [
    ['another cluster', (t) => t, /signature does not match/, undefined],
    ['signed 15 minutes and 1 second ago', (t) => t, /expired/, new Date(NOW.getTime() + 15 * 60_000 + 1000)],
    ['X-Amz-Expires over 900', (t) => resign(t, (u) => u.searchParams.set('X-Amz-Expires', '901')), /X-Amz-Expires/],
    ['x-k8s-aws-id not signed', (t) => resign(t, (u) => u.searchParams.set('X-Amz-SignedHeaders', 'host')), /x-k8s-aws-id is not signed/],
    ['an extra parameter', (t) => resign(t, (u) => u.searchParams.set('DurationSeconds', '3600')), /non-allow-listed/],
    ['a repeated parameter', (t) => resign(t, (u) => u.searchParams.append('Action', 'GetCallerIdentity')), /multiple values/],
    ['another action', (t) => resign(t, (u) => u.searchParams.set('Action', 'GetSessionToken')), /unexpected action/],
    ['a path', (t) => resign(t, (u) => (u.pathname = '/x')), /unexpected path/],
    ['a port', (t) => resign(t, (u) => (u.port = '8443')), /unexpected host/],
    ['a foreign host', (t) => resign(t, (u) => (u.hostname = 'sts.us-east-1.amazonaws.com.example')), /unexpected hostname/],
    ['a China Region outside amazonaws.com.cn', (t) => resign(t, (u) => (u.hostname = 'sts.cn-north-1.amazonaws.com')), /unexpected hostname/],
    ['a Region other than the host\'s', (t) => resign(t, (u) => (u.hostname = 'sts.eu-west-1.amazonaws.com')), /credential scope/],
    ['plain http', (t) => resign(t, (u) => (u.protocol = 'http:')), /unexpected scheme/],
    ['padding', (t) => `${t}==`, /unpadded base64url/],
    ['over 4 KiB', (t) => t + 'A'.repeat(4096), /too large/],
    ['an unknown access key', (t) => resign(t, (u) => u.searchParams.set('X-Amz-Credential', (u.searchParams.get('X-Amz-Credential') ?? '').replace(CREDS.accessKeyId, 'AKIDUNKNOWN000000000'))), /unknown access key/],
  ];
  for (const [what, edit, reason, now] of cases) {
    it(`refuses ${what}`, async () => {
      const { token } = await getEksToken({ clusterName: what === 'another cluster' ? 'someone-else' : 'demo', region: 'us-east-1', credentials: CREDS, now: NOW });
      const v = verifyToken(edit(token), 'demo', principals, now ?? NOW);
      assert.equal(v.ok, false);
      assert.match(v.reason ?? '', reason);
    });
  }

  it("accepts STS's global endpoint and the China partition", async () => {
    const cn = await getEksToken({ clusterName: 'demo', region: 'cn-north-1', credentials: CREDS, now: NOW });
    assert.equal(verifyToken(cn.token, 'demo', principals, NOW).ok, true);
    const global = resign((await getEksToken({ clusterName: 'demo', region: 'us-east-1', credentials: CREDS, now: NOW })).token, (u) => (u.hostname = 'sts.amazonaws.com'));
    assert.equal(verifyToken(global, 'demo', principals, NOW).ok, true);
  });
});
