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

  describe('EksTokenCache', () => {
    const ADMIN = { identityKey: 'profile:admin', region: 'us-east-1', clusterName: 'demo', credentials: CREDS };
    const clockAt = (start: Date) => {
      const c = { now: start.getTime(), clock: () => new Date(c.now) };
      return c;
    };

    it('reuses a token for 14 minutes (EKS honours 15: a minute of margin), then signs a new one', async () => {
      const c = clockAt(NOW);
      const cache = new EksTokenCache(c.clock);
      const t1 = await cache.get(ADMIN);
      c.now += 14 * 60_000 - 1000;
      assert.equal(await cache.get(ADMIN), t1, 'at 13:59 the first token is still used');
      c.now += 1000;
      const t2 = await cache.get(ADMIN);
      assert.notEqual(t2, t1, 'at 14:00 it is replaced');
      assert.equal(decodeEksToken(t2).searchParams.get('X-Amz-Date'), '20261123T102512Z', 'signed at the new time');
    });

    it('keys tokens per identity, region and cluster', async () => {
      const cache = new EksTokenCache(() => NOW);
      const t = await cache.get(ADMIN);
      const other = { accessKeyId: 'AKIDEXAMPLEWHARF0002', secretAccessKey: 'other-secret' };
      assert.notEqual(await cache.get({ ...ADMIN, clusterName: 'other' }), t);
      assert.notEqual(await cache.get({ ...ADMIN, region: 'eu-west-1' }), t);
      const viewer = await cache.get({ ...ADMIN, identityKey: 'profile:viewer', credentials: other });
      assert.notEqual(viewer, t);
      assert.match(decodeEksToken(viewer).searchParams.get('X-Amz-Credential') ?? '', /^AKIDEXAMPLEWHARF0002\//, 'signed by its own identity');
      assert.equal(await cache.get(ADMIN), t, 'the first is still cached');
    });

    it('concurrent callers share one signing', async () => {
      let calls = 0;
      const provider = async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 10));
        return CREDS;
      };
      const cache = new EksTokenCache(() => NOW);
      const tokens = await Promise.all(Array.from({ length: 5 }, () => cache.get({ ...ADMIN, credentials: provider })));
      assert.equal(new Set(tokens).size, 1);
      assert.equal(calls, 1);
    });

    it('invalidate drops the refused token once: many 401s at once make one new token', async () => {
      const c = clockAt(NOW);
      const cache = new EksTokenCache(c.clock);
      const t1 = await cache.get(ADMIN);
      c.now += 1000; // a new signing time, so a new token is a different string
      await Promise.all([cache.invalidate(ADMIN, t1), cache.invalidate(ADMIN, t1)]);
      const t2 = await cache.get(ADMIN);
      assert.notEqual(t2, t1);
      c.now += 1000;
      await cache.invalidate(ADMIN, t1); // a late renewal for the old token keeps the new one
      assert.equal(await cache.get(ADMIN), t2);
      await cache.invalidate(ADMIN); // no token given: drop whatever is cached
      assert.notEqual(await cache.get(ADMIN), t2);
    });

    it('source(): token() reuses, renew() replaces the token it handed out (the one retry after a 401)', async () => {
      const c = clockAt(NOW);
      const cache = new EksTokenCache(c.clock);
      const a = cache.source(ADMIN);
      const b = cache.source(ADMIN);
      const t1 = await a.token();
      assert.equal(await b.token(), t1, 'two clients of one cluster and identity share the token');
      c.now += 1000;
      const t2 = await a.renew();
      assert.notEqual(t2, t1);
      assert.equal(await b.renew(), t2, "b's renewal of the same refused token reuses a's new one");
    });

    it('does not cache a failure: the next call tries again', async () => {
      let fail = true;
      const provider = async () => {
        if (fail) throw new Error('Could not load credentials from any providers');
        return CREDS;
      };
      const cache = new EksTokenCache(() => NOW);
      await assert.rejects(cache.get({ ...ADMIN, credentials: provider }), /Could not load credentials/);
      fail = false;
      assert.ok((await cache.get({ ...ADMIN, credentials: provider })).startsWith(TOKEN_PREFIX));
    });

    it('clear() forgets every token (a profile switch)', async () => {
      const c = clockAt(NOW);
      const cache = new EksTokenCache(c.clock);
      const t = await cache.get(ADMIN);
      c.now += 1000;
      cache.clear();
      assert.notEqual(await cache.get(ADMIN), t);
    });
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
