// IAM Identity Center end to end against the test stack's local AWS: the SSO-OIDC and portal APIs are not in moto
// (RegisterClient answers 500), so the stand-in (test/env/standin/sso.ts) serves them with the real shapes and
// errors, and approving the device code is its test hook (POST /__standin/sso/approve), standing in for the person
// at the browser. Sign-in writes the token cache under a temporary HOME; then the SDK's own fromIni, an sso
// account-role session, the portal listings and the local EKS/STS all work with it. When the AWS CLI is installed
// in the test cache, it reads the same cache: the format is the CLI's, not just similar.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ListClustersCommand } from '@aws-sdk/client-eks';
import { fromIni } from '@aws-sdk/credential-providers';
import { requireEnv } from '../env/env';
import { SSO_ACCOUNTS, SSO_REGION, SSO_START_URL } from '../env/aws';
import { PRINCIPALS } from '../env/kube';
import type { AwsError } from '../../src/aws/errors';
import { listProfiles, type SsoSessionInfo } from '../../src/aws/profiles';
import { AwsSession } from '../../src/aws/session';
import { listSsoAccountRoles, listSsoAccounts, ssoSignIn, ssoTokenStatus } from '../../src/aws/sso';
import { tokenFilePath } from '../../src/aws/sso-cache';

const awsCli = path.join(process.env.WHARF_CACHE ?? path.join(os.homedir(), '.cache/wharf'), 'awscli-venv/bin/aws');

describe('IAM Identity Center sign-in against the local AWS', { timeout: 120_000 }, () => {
  let home: string;
  let standin: string;
  let session: SsoSessionInfo;
  const saved = { ...process.env };

  const hook = async (name: string, body: object) => {
    const r = await fetch(`${standin}/__standin/sso/${name}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    assert.ok(r.ok, `stand-in hook ${name}: HTTP ${r.status}`);
  };
  /** The person at the browser: opens the page (it must be there) and approves the code. */
  const approve = async (url: string, userCode: string) => {
    const page = await fetch(url);
    assert.ok(page.ok && (await page.text()).includes(userCode), 'the verification page shows the code');
    await hook('approve', { userCode });
  };

  before(() => {
    standin = requireEnv('WHARF_TEST_AWS_ENDPOINT');
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-sso-it-'));
    fs.mkdirSync(path.join(home, '.aws'));
    const config = path.join(home, '.aws', 'config');
    fs.writeFileSync(config, [
      '[sso-session wharf]', `sso_start_url = ${SSO_START_URL}`, `sso_region = ${SSO_REGION}`, 'sso_registration_scopes = sso:account:access', '',
      '[profile sso-admin]', 'sso_session = wharf', `sso_account_id = ${SSO_ACCOUNTS[0].accountId}`, 'sso_role_name = AdministratorAccess', 'region = us-east-1', '',
    ].join('\n'));
    // The stack's variables, but this HOME and config; no static keys, so credentials can only come from SSO.
    Object.assign(process.env, { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials') });
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  });

  after(() => {
    fs.rmSync(home, { recursive: true, force: true });
    process.env = saved;
  });

  it('before signing in: the profile asks to sign in, naming its sso-session', async () => {
    session = (await listProfiles()).ssoSessions.find((s) => s.name === 'wharf')!;
    assert.deepEqual(session, { name: 'wharf', startUrl: SSO_START_URL, region: SSO_REGION, scopes: ['sso:account:access'] });
    assert.equal(await ssoTokenStatus(session), 'missing');
    const s = new AwsSession({ profile: 'sso-admin' });
    const e = (await s.eks('us-east-1').send(new ListClustersCommand({})).catch((x: unknown) => x)) as AwsError;
    assert.equal(e.kind, 'sso-login-required', e.message);
    assert.equal(e.nextStep, 'Sign in with IAM Identity Center (session wharf).');
    assert.deepEqual(e.actions, ['signIn']);
    s.dispose();
  });

  it('signs in (device flow) and writes the CLI\'s token cache under HOME', async () => {
    const { expiresAt } = await ssoSignIn({ session, openUrl: approve });
    assert.ok(Date.parse(expiresAt) > Date.now());
    assert.equal(await ssoTokenStatus(session), 'valid');
    const file = tokenFilePath(session);
    assert.ok(file.startsWith(path.join(home, '.aws', 'sso', 'cache')));
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  it('lists the accounts and roles the sign-in reaches', async () => {
    const accounts = await listSsoAccounts(session);
    assert.deepEqual(accounts.items.map((a) => [a.accountId, a.accountName]), SSO_ACCOUNTS.map((a) => [a.accountId, a.accountName]));
    const roles = await listSsoAccountRoles(session, SSO_ACCOUNTS[0].accountId);
    assert.deepEqual(roles.items.map((r) => r.roleName), SSO_ACCOUNTS[0].roles.map((r) => r.roleName));
  });

  it('the SDK\'s fromIni reads the same cache: the sso-session profile works, for STS and EKS', async () => {
    const creds = await fromIni({ profile: 'sso-admin', ignoreCache: true })();
    assert.equal(creds.accessKeyId, PRINCIPALS.admin.accessKeyId);
    const s = new AwsSession({ profile: 'sso-admin' });
    assert.equal((await s.identity()).arn, PRINCIPALS.admin.arn);
    assert.ok(Array.isArray((await s.eks('us-east-1').send(new ListClustersCommand({}))).clusters));
    s.dispose();
  });

  it('an account role without a profile (the sso option)', async () => {
    const s = new AwsSession({ sso: { session: 'wharf', accountId: SSO_ACCOUNTS[1].accountId, roleName: 'ViewOnlyAccess' } });
    assert.equal(s.label, `sso:wharf/${SSO_ACCOUNTS[1].accountId}/ViewOnlyAccess`);
    assert.equal((await s.identity()).arn, PRINCIPALS.viewer.arn);
    s.dispose();
  });

  it('the AWS CLI reads the token Wharf wrote', (t) => {
    const version = spawnSync(awsCli, ['--version'], { encoding: 'utf8' });
    if (version.status !== 0) return t.skip(`no working AWS CLI at ${awsCli} (${(version.stderr || String(version.error)).trim().split('\n').pop()})`);
    const r = spawnSync(awsCli, ['sts', 'get-caller-identity', '--profile', 'sso-admin', '--output', 'json'], { encoding: 'utf8', env: process.env, timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { Arn: string }).Arn, PRINCIPALS.admin.arn);
  });

  it('a revoked sign-in (the portal refuses the token) asks to sign in again', async () => {
    await hook('expire', {});
    const e = (await listSsoAccounts(session).catch((x: unknown) => x)) as AwsError;
    assert.equal(e.kind, 'sso-login-required');
    assert.equal(e.ssoSession, 'wharf');
  });
});
