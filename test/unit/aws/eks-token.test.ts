// The EKS token against an independent oracle: botocore's SigV4 query signer (the code behind `aws eks get-token`)
// run in Python with the same frozen time and static credentials.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { decodeEksToken, EksTokenCache, getEksToken, stsHost, TOKEN_PREFIX } from '../../../src/aws/eks-token';

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
