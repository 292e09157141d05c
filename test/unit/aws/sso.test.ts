// IAM Identity Center sign-in and portal calls, against the project's local SSO stand-in (test/env/standin: the
// SSO-OIDC and portal APIs with the real wire shapes and errors: authorization pending, slow down, expired,
// denied), started in-process here so a test can play the person approving in the browser. SSO calls never reach
// moto, so none runs. The SDK reaches the stand-in through AWS_ENDPOINT_URL; HOME points at a temporary folder,
// so the token cache is written there and never into the real ~/.aws.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fromIni } from '@aws-sdk/credential-providers';
import type { AwsError } from '../../../src/aws/errors';
import type { SsoSessionInfo } from '../../../src/aws/profiles';
import { AwsSession } from '../../../src/aws/session';
import { listSsoAccountRoles, listSsoAccounts, ssoAccessToken, ssoSignIn, ssoTokenStatus } from '../../../src/aws/sso';
import { registrationCacheKey, registrationFilePath, tokenCacheKey, tokenFilePath } from '../../../src/aws/sso-cache';
import { startStandin, type Standin } from '../../env/standin';

const SESSION: SsoSessionInfo = { name: 'my-sso', startUrl: 'https://my-sso.awsapps.com/start', region: 'eu-west-1', scopes: ['sso:account:access'] };
const NO_SCOPES: SsoSessionInfo = { name: 'plain', startUrl: 'https://plain.awsapps.com/start', region: 'us-east-1' };
const ACCOUNTS = Array.from({ length: 150 }, (_, i) => ({
  accountId: String(100000000000 + i),
  accountName: `acct-${i}`,
  emailAddress: `aws+${i}@example.com`,
  roles: [
    { roleName: 'Admin', accessKeyId: `AKIAADMIN${String(i).padStart(11, '0')}`, secretAccessKey: 'admin-secret' },
    { roleName: 'ReadOnly', accessKeyId: `AKIAREAD${String(i).padStart(12, '0')}`, secretAccessKey: 'read-secret' },
  ],
}));
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const noWait = () => Promise.resolve();

describe('IAM Identity Center', () => {
  let standin: Standin;
  let home: string;
  const saved = { ...process.env };

  before(async () => {
    standin = await startStandin({
      moto: 'http://127.0.0.1:9',
      sso: { accounts: ACCOUNTS },
      principals: [{ accessKeyId: ACCOUNTS[0].roles[0].accessKeyId, arn: 'arn:aws:sts::100000000000:assumed-role/AWSReservedSSO_Admin_abc123/alice' }],
    });
  });
  after(async () => {
    await standin.close();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-sso-home-'));
    fs.mkdirSync(path.join(home, '.aws'));
    fs.writeFileSync(path.join(home, '.aws', 'config'), [
      `[sso-session ${SESSION.name}]`, `sso_start_url = ${SESSION.startUrl}`, `sso_region = ${SESSION.region}`, 'sso_registration_scopes = sso:account:access', '',
      '[profile dev]', `sso_session = ${SESSION.name}`, `sso_account_id = ${ACCOUNTS[0].accountId}`, 'sso_role_name = Admin', 'region = eu-west-1', '',
    ].join('\n'));
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
    Object.assign(process.env, { HOME: home, AWS_ENDPOINT_URL: standin.url, AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    standin.resetStats();
  });

  /** The person at the browser: approves the code shown. */
  const approve = (_url: string, userCode: string) => void assert.ok(standin.sso.approve(userCode), `stand-in knows ${userCode}`);

  describe('the token cache, as the AWS CLI v2 names its files', () => {
    it('token: sha1 of the sso-session name; legacy profiles: sha1 of the start URL', () => {
      assert.equal(tokenCacheKey(SESSION), sha1('my-sso'));
      assert.equal(tokenCacheKey({ ...SESSION, legacy: true }), sha1('https://my-sso.awsapps.com/start'));
      assert.equal(tokenFilePath(SESSION), path.join(home, '.aws', 'sso', 'cache', `${sha1('my-sso')}.json`));
    });

    it('client registration: sha1 of Python json.dumps(..., sort_keys=True) of tool, startUrl, region, scopes, session_name', (t) => {
      // The oracle is Python's own json.dumps, as the CLI (botocore utils.SSOTokenFetcher) calls it.
      const py = spawnSync('python3', ['-c', `
import hashlib, json, sys
for a in json.load(sys.stdin):
    print(hashlib.sha1(json.dumps(a, sort_keys=True).encode('utf-8')).hexdigest())
`], { input: JSON.stringify([
        { tool: 'botocore', startUrl: SESSION.startUrl, region: SESSION.region, scopes: SESSION.scopes, session_name: SESSION.name },
        { tool: 'botocore', startUrl: NO_SCOPES.startUrl, region: NO_SCOPES.region, scopes: null, session_name: NO_SCOPES.name },
        { tool: 'botocore', startUrl: 'https://x.awsapps.com/start', region: 'us-east-1', scopes: ['sso:account:access', 'codewhisperer:completions'], session_name: null },
      ]), encoding: 'utf8' });
      if (py.status !== 0) return t.skip(`python3 unavailable: ${py.stderr}`);
      assert.deepEqual(py.stdout.trim().split('\n'), [
        registrationCacheKey(SESSION),
        registrationCacheKey(NO_SCOPES),
        registrationCacheKey({ name: 'legacy', startUrl: 'https://x.awsapps.com/start', region: 'us-east-1', scopes: ['sso:account:access', 'codewhisperer:completions'], legacy: true }),
      ]);
    });
  });

  it('signs in with the device flow and writes the token and registration where and how the CLI does', async () => {
    const opened: string[] = [];
    const r = await ssoSignIn({ session: SESSION, openUrl: (url, code) => { opened.push(url); approve(url, code); } });
    assert.match(r.expiresAt, ISO_Z);
    assert.equal(opened.length, 1);
    assert.match(opened[0], /\/__standin\/sso\/verify\?user_code=[A-Z]{4}-[A-Z]{4}$/);

    const file = tokenFilePath(SESSION);
    const token = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(token), ['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
    assert.equal(token.startUrl, SESSION.startUrl);
    assert.equal(token.region, SESSION.region);
    assert.equal(token.expiresAt, r.expiresAt);
    assert.match(token.registrationExpiresAt, ISO_Z);
    assert.ok(Date.parse(token.expiresAt) > Date.now() + 7 * 3600_000, 'the stand-in issues 8-hour tokens');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.deepEqual(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left behind');

    const reg = JSON.parse(fs.readFileSync(registrationFilePath(SESSION), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(reg), ['clientId', 'clientSecret', 'expiresAt', 'scopes']);
    assert.equal(reg.clientId, token.clientId);
    assert.deepEqual(reg.scopes, ['sso:account:access']);
    assert.equal(await ssoTokenStatus(SESSION), 'valid');

    // A second sign-in reuses the cached client registration, as the CLI does.
    await ssoSignIn({ session: SESSION, openUrl: approve });
    const ops = standin.stats().operations;
    assert.equal(ops['sso-oidc:RegisterClient'], 1);
    assert.equal(ops['sso-oidc:StartDeviceAuthorization'], 2);
  });

  it('after signing in, the SDK\'s own fromIni (an sso-session profile) and an sso account-role session both get credentials', async () => {
    await ssoSignIn({ session: SESSION, openUrl: approve });
    process.env.AWS_CONFIG_FILE = path.join(home, '.aws', 'config');
    const viaSdk = await fromIni({ profile: 'dev', ignoreCache: true })();
    assert.equal(viaSdk.accessKeyId, ACCOUNTS[0].roles[0].accessKeyId);

    const s = new AwsSession({ sso: { session: SESSION.name, accountId: ACCOUNTS[3].accountId, roleName: 'ReadOnly' } });
    const creds = await s.credentialProvider();
    assert.equal(creds.accessKeyId, ACCOUNTS[3].roles[1].accessKeyId);
    assert.ok(creds.expiration && creds.expiration.getTime() > Date.now());
    s.dispose();

    // And the profile session's identity, through the stand-in's STS, is the role the sign-in reached.
    const dev = new AwsSession({ profile: 'dev' });
    const id = await dev.identity();
    assert.equal(id.principalArn, 'arn:aws:iam::100000000000:role/AWSReservedSSO_Admin_abc123');
    dev.dispose();
  });

  it('lists accounts and roles page by page', async () => {
    await ssoSignIn({ session: SESSION, openUrl: approve });
    const first = await listSsoAccounts(SESSION);
    assert.equal(first.items.length, 100);
    assert.deepEqual(first.items[0], { accountId: '100000000000', accountName: 'acct-0', email: 'aws+0@example.com' });
    assert.ok(first.next);
    const second = await listSsoAccounts(SESSION, first.next);
    assert.equal(second.items.length, 50);
    assert.equal(second.next, undefined);
    const roles = await listSsoAccountRoles(SESSION, ACCOUNTS[7].accountId);
    assert.deepEqual(roles, { items: [{ roleName: 'Admin', accountId: ACCOUNTS[7].accountId }, { roleName: 'ReadOnly', accountId: ACCOUNTS[7].accountId }] });
  });

  it('polls at the interval, and backs off 5 s more on each slow_down', async () => {
    const waits: number[] = [];
    let code = '';
    // Not waiting makes every poll early, so the stand-in answers slow_down, as the real service does.
    await ssoSignIn({
      session: NO_SCOPES,
      openUrl: (_u, c) => { code = c; },
      sleep: async (ms) => { waits.push(ms); if (waits.length === 3) approve('', code); },
    });
    assert.deepEqual(waits, [1000, 6000, 11000]);
    // No scopes: no refresh token, and the file says so by leaving the field out (as the CLI does).
    const token = JSON.parse(fs.readFileSync(tokenFilePath(NO_SCOPES), 'utf8')) as Record<string, string>;
    assert.equal(token.refreshToken, undefined);
    assert.equal('scopes' in JSON.parse(fs.readFileSync(registrationFilePath(NO_SCOPES), 'utf8')), false);
  });

  it('an expired device code fails with a message that says so, and asks to sign in again', async () => {
    const e = (await ssoSignIn({ session: SESSION, openUrl: (_u, code) => void standin.sso.expire(code), sleep: noWait }).catch((x: unknown) => x)) as AwsError;
    assert.equal(e.kind, 'sso-login-required');
    assert.equal(e.message, 'The sign-in request for session my-sso expired before it was approved.');
    assert.deepEqual(e.actions, ['signIn']);
    assert.equal(e.operation, 'CreateToken');
    assert.equal(await ssoTokenStatus(SESSION), 'missing');
  });

  it('a denied request says so', async () => {
    const e = (await ssoSignIn({ session: SESSION, openUrl: (_u, code) => void standin.sso.approve(code, 'denied'), sleep: noWait }).catch((x: unknown) => x)) as AwsError;
    assert.equal(e.kind, 'sso-login-required');
    assert.match(e.message, /was denied/);
  });

  it('aborting stops the polling', async () => {
    const ac = new AbortController();
    const e = (await ssoSignIn({ session: SESSION, openUrl: () => ac.abort(), signal: ac.signal }).catch((x: unknown) => x)) as AwsError;
    assert.equal(e.kind, 'aborted');
  });

  it('missing, expired and revoked sign-ins ask to sign in, naming the session', async () => {
    assert.equal(await ssoTokenStatus(SESSION), 'missing');
    let e = (await listSsoAccounts(SESSION).catch((x: unknown) => x)) as AwsError;
    assert.equal(e.kind, 'sso-login-required');
    assert.equal(e.nextStep, 'Sign in with IAM Identity Center (session my-sso).');

    await ssoSignIn({ session: NO_SCOPES, openUrl: approve });
    const file = tokenFilePath(NO_SCOPES);
    const token = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    fs.writeFileSync(file, JSON.stringify({ ...token, expiresAt: '2020-01-01T00:00:00Z' }));
    assert.equal(await ssoTokenStatus(NO_SCOPES), 'expired');
    e = (await listSsoAccounts(NO_SCOPES).catch((x: unknown) => x)) as AwsError;
    assert.equal(e.kind, 'sso-login-required');

    fs.writeFileSync(file, JSON.stringify(token));
    standin.sso.expire(); // the portal no longer accepts any token issued so far
    e = (await listSsoAccounts(NO_SCOPES).catch((x: unknown) => x)) as AwsError;
    assert.equal(e.kind, 'sso-login-required');
    assert.equal(e.service, 'sso');
    assert.equal(e.operation, 'ListAccounts');
    assert.equal(e.ssoSession, 'plain');
  });

  it('a token about to expire is refreshed with its refresh token and written back', async () => {
    await ssoSignIn({ session: SESSION, openUrl: approve });
    const file = tokenFilePath(SESSION);
    const before = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    const soon = new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    fs.writeFileSync(file, JSON.stringify({ ...before, expiresAt: soon }), { mode: 0o600 });
    const fresh = await ssoAccessToken(SESSION);
    assert.notEqual(fresh, before.accessToken);
    const after = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    assert.equal(after.accessToken, fresh);
    assert.ok(Date.parse(after.expiresAt) > Date.now() + 3600_000);
    assert.notEqual(after.refreshToken, before.refreshToken);
    assert.equal((await listSsoAccounts(SESSION)).items.length, 100);
  });

  it('an sso account role of an sso-session not in the config says which', async () => {
    const s = new AwsSession({ sso: { session: 'nope', accountId: '1', roleName: 'x' } });
    const e = (await s.credentialProvider().catch((x: unknown) => x)) as AwsError;
    assert.equal(e.kind, 'no-credentials');
    assert.match(e.message, /\[sso-session nope\]/);
    s.dispose();
  });
});
