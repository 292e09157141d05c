// AwsSession: the memoised credential chain (with a real credential_process script), the clients it makes (their
// timeouts, retries, per-Region cache, dispose) and how their failures read. The HTTP side is a small local server
// speaking the services' wire formats for the answers moto cannot give (a 403 AccessDenied, an HTML 404): a stub
// where no real part exists, reached the standard way, through AWS_ENDPOINT_URL.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ListAccessEntriesCommand, ListClustersCommand } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { memoizeCredentials } from '../../../src/aws/credentials';
import { isAwsError, type AwsError } from '../../../src/aws/errors';
import { AwsSession } from '../../../src/aws/session';

const CALLER = 'arn:aws:sts::123456789012:assumed-role/Dev/alice';

/** Prints credentials like a real credential_process helper and counts its own runs in a file. */
const SCRIPT = `
const fs = require('fs'), path = require('path');
const count = path.join(__dirname, 'count');
const n = (fs.existsSync(count) ? Number(fs.readFileSync(count, 'utf8')) : 0) + 1;
fs.writeFileSync(count, String(n));
const ttl = Number(fs.readFileSync(path.join(__dirname, 'ttl-seconds'), 'utf8'));
process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAPROCESS' + String(n).padStart(9, '0'), SecretAccessKey: 'secret-' + n,
  SessionToken: 'token-' + n, Expiration: new Date(Date.now() + ttl * 1000).toISOString() }));
`;

describe('AwsSession', () => {
  let dir: string;
  let server: http.Server;
  let endpoint: string;
  const seenKeys: string[] = [];
  const saved = { ...process.env };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-session-'));
    fs.writeFileSync(path.join(dir, 'creds.js'), SCRIPT);
    fs.writeFileSync(path.join(dir, 'config'), [
      '[profile proc]', `credential_process = "${process.execPath}" "${path.join(dir, 'creds.js')}"`, 'region = eu-west-1', '',
      '[profile static]', 'aws_access_key_id = AKIASTATICEXAMPLE01', 'aws_secret_access_key = static-secret', 'region = us-west-2', '',
      '[profile needs-mfa]', 'role_arn = arn:aws:iam::123456789012:role/Admin', 'source_profile = static', 'mfa_serial = arn:aws:iam::123456789012:mfa/alice', '',
    ].join('\n'));
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const key = /Credential=([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? '';
        seenKeys.push(key);
        const body = Buffer.concat(chunks).toString();
        if (req.method === 'POST' && body.includes('Action=GetCallerIdentity') && key === 'AKIASTALEEXAMPLE0001') {
          res.writeHead(403, { 'content-type': 'text/xml' });
          return res.end('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>r2</RequestId></ErrorResponse>');
        }
        if (req.method === 'POST' && body.includes('Action=GetCallerIdentity')) {
          res.writeHead(200, { 'content-type': 'text/xml' });
          return res.end(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${CALLER}</Arn><UserId>AROAEXAMPLE:alice</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`);
        }
        if (req.method === 'GET' && /^\/clusters(\?|$)/.test(req.url ?? '')) {
          // EKS's own shape for a denial; this text names no principal, so the session has to.
          res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/' });
          return res.end(JSON.stringify({ message: 'You are not authorized to perform this operation.' }));
        }
        if (String(req.headers['x-amz-target']).endsWith('.ListClusters')) {
          // ECS throttling, every time: the client retries with backoff, then gives up.
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
          return res.end(JSON.stringify({ __type: 'com.amazonaws.ecs#ThrottlingException', message: 'Rate exceeded' }));
        }
        // What moto answers for an EKS operation it does not have.
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html lang=en><title>404 Not Found</title><h1>Not Found</h1></html>');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
    Object.assign(process.env, {
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials-none'),
      AWS_ENDPOINT_URL: endpoint,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    fs.writeFileSync(path.join(dir, 'ttl-seconds'), '600');
    fs.rmSync(path.join(dir, 'count'), { force: true });
    seenKeys.length = 0;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  const runs = () => Number(fs.readFileSync(path.join(dir, 'count'), 'utf8'));

  describe('credential_process results are memoised until they near expiry, never past it (Toolkit #2664)', () => {
    it('reuses a fresh result, and runs the process again within 5 minutes of its Expiration', async () => {
      let now = Date.now();
      const creds = new AwsSession({ profile: 'proc', memo: { now: () => now } }).credentialProvider;
      const first = await creds();
      assert.equal(first.accessKeyId, 'ASIAPROCESS000000001');
      assert.equal((await creds()).accessKeyId, 'ASIAPROCESS000000001');
      assert.equal(runs(), 1);
      now += 4 * 60_000; // 6 minutes left: still fine
      assert.equal((await creds()).accessKeyId, 'ASIAPROCESS000000001');
      now += 2 * 60_000; // 4 minutes left: inside the refresh window
      assert.equal((await creds()).accessKeyId, 'ASIAPROCESS000000002');
      assert.equal(runs(), 2);
    });

    it('never hands out a result past its Expiration, even one that only ever lives a few seconds', async () => {
      fs.writeFileSync(path.join(dir, 'ttl-seconds'), '20');
      let now = Date.now();
      const creds = new AwsSession({ profile: 'proc', memo: { now: () => now } }).credentialProvider;
      assert.equal((await creds()).accessKeyId, 'ASIAPROCESS000000001');
      now += 5_000; // inside the refresh window but just resolved: reused rather than run per request
      assert.equal((await creds()).accessKeyId, 'ASIAPROCESS000000001');
      now += 16_000; // past its Expiration
      const third = await creds();
      assert.equal(third.accessKeyId, 'ASIAPROCESS000000002');
      assert.ok(third.expiration!.getTime() > Date.now());
      assert.equal(runs(), 2);
    });

    it('concurrent callers share one run', async () => {
      const creds = new AwsSession({ profile: 'proc' }).credentialProvider;
      const all = await Promise.all(Array.from({ length: 8 }, () => creds()));
      assert.ok(all.every((c) => c.accessKeyId === 'ASIAPROCESS000000001'));
      assert.equal(runs(), 1);
    });

    it('the clients of a session sign with the memoised result', async () => {
      const s = new AwsSession({ profile: 'proc' });
      await s.sts('eu-west-1').send(new GetCallerIdentityCommand({}));
      await s.sts('us-east-1').send(new GetCallerIdentityCommand({}));
      assert.deepEqual(seenKeys, ['ASIAPROCESS000000001', 'ASIAPROCESS000000001']);
      assert.equal(runs(), 1);
      s.dispose();
    });

    it('without the memo, the SDK provider runs the process on every call (what the memo saves)', async () => {
      const raw = fromIni({ profile: 'proc', ignoreCache: true });
      await raw();
      await raw();
      assert.equal(runs(), 2);
    });
  });

  it('credentials AWS calls expired are resolved again on the next request (files read afresh)', async () => {
    // What tools that write short-lived keys into ~/.aws/credentials do: no expiry to go by, new keys in the file.
    const file = path.join(dir, 'credentials-rotating');
    const write = (id: string) => fs.writeFileSync(file, `[rotating]\naws_access_key_id = ${id}\naws_secret_access_key = s\naws_session_token = t\n`);
    process.env.AWS_SHARED_CREDENTIALS_FILE = file;
    write('AKIASTALEEXAMPLE0001');
    const s = new AwsSession({ profile: 'rotating' });
    const sts = s.sts('eu-west-1');
    const e = (await sts.send(new GetCallerIdentityCommand({})).catch((x: unknown) => x)) as AwsError;
    assert.equal(e.kind, 'expired-credentials');
    assert.equal(e.nextStep, 'Refresh the credentials of profile rotating (new keys, or sign in again) and retry, or choose another profile.');
    write('AKIAFRESHEXAMPLE0001');
    await sts.send(new GetCallerIdentityCommand({}));
    assert.deepEqual(seenKeys, ['AKIASTALEEXAMPLE0001', 'AKIAFRESHEXAMPLE0001']);
    s.dispose();
  });

  it('memoizeCredentials keeps credentials without an expiry', async () => {
    let calls = 0;
    const p = memoizeCredentials(async () => ({ accessKeyId: `AKIA${++calls}`, secretAccessKey: 's' }));
    await p();
    await p();
    assert.equal(calls, 1);
  });

  it('labels: default, profile, sso account role', () => {
    assert.equal(new AwsSession({}).label, 'default');
    assert.equal(new AwsSession({ profile: 'prod-admin' }).label, 'prod-admin');
    assert.equal(new AwsSession({ sso: { session: 'my-sso', accountId: '123456789012', roleName: 'Admin' } }).label, 'sso:my-sso/123456789012/Admin');
  });

  it('clients: cached per Region, with throwing timeouts and bounded adaptive retries; dispose destroys them', async () => {
    const s = new AwsSession({ profile: 'static' });
    const eks = s.eks('eu-west-1');
    assert.equal(s.eks('eu-west-1'), eks);
    assert.notEqual(s.eks('us-east-1'), eks);
    assert.equal(await eks.config.region(), 'eu-west-1');
    const retry = await eks.config.retryStrategy();
    assert.equal((retry as { mode?: string }).mode, 'adaptive');
    assert.equal(await eks.config.maxAttempts(), 4);
    await eks.send(new ListAccessEntriesCommand({ clusterName: 'c' })).catch(() => undefined); // resolves the handler config
    const handler = eks.config.requestHandler as unknown as { httpHandlerConfigs(): Record<string, unknown> };
    assert.deepEqual(
      (({ requestTimeout, connectionTimeout, throwOnRequestTimeout }) => ({ requestTimeout, connectionTimeout, throwOnRequestTimeout }))(handler.httpHandlerConfigs()),
      { requestTimeout: 30_000, connectionTimeout: 5_000, throwOnRequestTimeout: true },
    );
    // The endpoint is the SDK's own resolution of AWS_ENDPOINT_URL: Wharf sets none.
    assert.equal(seenKeys.at(-1), 'AKIASTATICEXAMPLE01');
    s.dispose();
    assert.throws(() => s.eks('eu-west-1'), /disposed/);
  });

  describe('failures are AwsErrors naming service, operation, Region and endpoint', () => {
    it('access denied, and describeError names the caller\'s IAM role', async () => {
      const s = new AwsSession({ profile: 'static' });
      const e = (await s.eks('eu-west-1').send(new ListClustersCommand({})).catch((x: unknown) => x)) as AwsError;
      assert.ok(isAwsError(e), String(e));
      assert.equal(e.kind, 'access-denied');
      assert.equal(e.service, 'eks');
      assert.equal(e.operation, 'ListClusters');
      assert.equal(e.region, 'eu-west-1');
      assert.equal(e.endpoint, endpoint);
      assert.equal(e.action, 'eks:ListClusters');
      assert.equal(e.profile, 'static');
      const described = await s.describeError(e);
      assert.equal(described.message, 'arn:aws:iam::123456789012:role/Dev may not eks:ListClusters in eu-west-1.');
      assert.equal(described.nextStep, 'Ask for eks:ListClusters on arn:aws:iam::123456789012:role/Dev, or choose another profile.');
      // The identity is now cached: the next denial names the role at once, without another STS call.
      const stsCalls = seenKeys.length;
      const again = (await s.eks('eu-west-1').send(new ListClustersCommand({})).catch((x: unknown) => x)) as AwsError;
      assert.equal(again.principalArn, 'arn:aws:iam::123456789012:role/Dev');
      assert.equal(seenKeys.length, stsCalls + 1);
      assert.deepEqual(await s.identity(), { account: '123456789012', arn: CALLER, userId: 'AROAEXAMPLE:alice', principalArn: 'arn:aws:iam::123456789012:role/Dev' });
      s.dispose();
    });

    it('an HTML 404 (an endpoint without the operation) reads as unsupported', async () => {
      const s = new AwsSession({ profile: 'static' });
      const e = (await s.eks('us-east-1').send(new ListAccessEntriesCommand({ clusterName: 'c' })).catch((x: unknown) => x)) as AwsError;
      assert.equal(e.kind, 'unsupported');
      assert.equal(e.operation, 'ListAccessEntries');
      assert.equal(e.message, `eks ListAccessEntries is not available at ${endpoint}.`);
      s.dispose();
    });

    it('throttling is retried with backoff, at most 4 attempts, then reads as throttled', async () => {
      const s = new AwsSession({ profile: 'static' });
      const t0 = Date.now();
      const e = (await s.ecs('eu-west-1').send(new (await import('@aws-sdk/client-ecs')).ListClustersCommand({})).catch((x: unknown) => x)) as AwsError;
      assert.equal(e.kind, 'throttled');
      assert.equal(e.operation, 'ListClusters');
      assert.equal(seenKeys.length, 4, 'four attempts');
      assert.ok(Date.now() - t0 >= 100, 'with backoff between them');
      assert.equal((e.cause as { $metadata?: { attempts?: number } }).$metadata?.attempts, 4);
      s.dispose();
    });

    it('a refused connection names the endpoint', async () => {
      process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
      const s = new AwsSession({ profile: 'static' });
      const e = (await s.ecs('eu-west-1').send(new (await import('@aws-sdk/client-ecs')).ListClustersCommand({})).catch((x: unknown) => x)) as AwsError;
      assert.equal(e.kind, 'endpoint-unreachable');
      assert.equal(e.endpoint, 'http://127.0.0.1:9');
      assert.match(e.message, /^Cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)\.$/);
      s.dispose();
    });

    it('an aborted request reads as aborted', async () => {
      const s = new AwsSession({ profile: 'static' });
      const ac = new AbortController();
      ac.abort();
      const e = (await s.eks('eu-west-1').send(new ListClustersCommand({}), { abortSignal: ac.signal }).catch((x: unknown) => x)) as AwsError;
      assert.equal(e.kind, 'aborted');
      s.dispose();
    });

    it('a profile that needs MFA asks for it (enterMfa), and the code callback is used', async () => {
      const s = new AwsSession({ profile: 'needs-mfa' });
      const e = (await s.eks('eu-west-1').send(new ListClustersCommand({})).catch((x: unknown) => x)) as AwsError;
      assert.equal(e.kind, 'mfa-required');
      assert.deepEqual(e.actions, ['enterMfa']);
      s.dispose();
      const asked: string[] = [];
      const withMfa = new AwsSession({ profile: 'needs-mfa', mfaCodeProvider: async (serial) => { asked.push(serial); return '123456'; } });
      // AssumeRole reaches the local server, which has no AssumeRole: the point is that the code was asked for.
      await withMfa.credentialProvider().catch(() => undefined);
      assert.deepEqual(asked, ['arn:aws:iam::123456789012:mfa/alice']);
      withMfa.dispose();
    });

    it('no credentials at all: the default chain says so', async () => {
      const s = new AwsSession({});
      const e = (await s.eks('eu-west-1').send(new ListClustersCommand({})).catch((x: unknown) => x)) as AwsError;
      assert.equal(e.kind, 'no-credentials');
      assert.deepEqual(e.actions, ['chooseProfile']);
      s.dispose();
    });
  });
});
