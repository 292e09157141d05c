// Profiles and sso-sessions as the SDK's own ini loader reads them, from temporary files named by
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE (never the developer's ~/.aws).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findSsoSession, listProfiles, ssoSessionOfProfile } from '../../../src/aws/profiles';
import { generateConfig } from './profile-fixtures';

const CONFIG = `
[default]
region = eu-west-1

[profile static-creds]
region = us-east-2

[profile prod-admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::999988887777:mfa/alice
region = eu-central-1

[profile chained]
role_arn = arn:aws:iam::111122223333:role/ReadOnly
source_profile = prod-admin

[profile from-env]
role_arn = arn:aws:iam::111122223333:role/Ci
credential_source = Environment

[profile dev]
sso_session = my-sso
sso_account_id = 123456789012
sso_role_name = Developer
region = us-west-2

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile vault]
credential_process = /usr/local/bin/vault-creds --role x  # a comment after the command

[profile k8s-irsa]
role_arn = arn:aws:iam::111122223333:role/Pod
web_identity_token_file = /var/run/secrets/token

[profile regional-only]
region = ap-south-1

; a section without the "profile" prefix is not a profile in the config file (the CLI ignores it too)
[not-a-profile]
region = eu-west-3

[sso-session my-sso]
sso_start_url = https://my-sso.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[sso-session incomplete]
sso_region = eu-west-1

[services local]
eks =
  endpoint_url = http://localhost:4566
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[static-creds]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[only-in-credentials]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;

describe('listProfiles', () => {
  let dir: string;
  const saved = { config: process.env.AWS_CONFIG_FILE, creds: process.env.AWS_SHARED_CREDENTIALS_FILE };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-profiles-'));
    fs.writeFileSync(path.join(dir, 'config'), CONFIG);
    fs.writeFileSync(path.join(dir, 'credentials'), CREDENTIALS);
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  });
  after(() => {
    for (const [k, v] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.creds]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists every profile of both files with its kind, default first', async () => {
    const { profiles } = await listProfiles();
    assert.deepEqual(profiles.map((p) => [p.name, p.kind]), [
      ['default', 'static'],
      ['chained', 'assume-role'],
      ['dev', 'sso'],
      ['from-env', 'assume-role'],
      ['k8s-irsa', 'web-identity'],
      ['legacy-sso', 'sso'],
      ['only-in-credentials', 'static'],
      ['prod-admin', 'assume-role'],
      ['regional-only', 'other'],
      ['static-creds', 'static'],
      ['vault', 'process'],
    ]);
  });

  it('carries region, role, source profile, MFA serial and sso-session', async () => {
    const byName = new Map((await listProfiles()).profiles.map((p) => [p.name, p]));
    assert.deepEqual(byName.get('prod-admin'), { name: 'prod-admin', kind: 'assume-role', region: 'eu-central-1', roleArn: 'arn:aws:iam::111122223333:role/Admin', sourceProfile: 'default', mfaSerial: 'arn:aws:iam::999988887777:mfa/alice' });
    assert.deepEqual(byName.get('dev'), { name: 'dev', kind: 'sso', region: 'us-west-2', ssoSession: 'my-sso', ssoAccountId: '123456789012', ssoRoleName: 'Developer' });
    assert.equal(byName.get('default')?.region, 'eu-west-1');
    assert.equal(byName.get('from-env')?.credentialSource, 'Environment');
  });

  it('lists complete sso-sessions with their parsed registration scopes', async () => {
    const { ssoSessions } = await listProfiles();
    assert.deepEqual(ssoSessions, [{ name: 'my-sso', startUrl: 'https://my-sso.awsapps.com/start', region: 'eu-west-1', scopes: ['sso:account:access'] }]);
    assert.deepEqual(await findSsoSession('my-sso'), ssoSessions[0]);
    assert.equal(await findSsoSession('incomplete'), undefined);
  });

  it('gives a legacy sso profile its own portal, keyed by start URL', async () => {
    const { profiles, ssoSessions } = await listProfiles();
    const legacy = profiles.find((p) => p.name === 'legacy-sso')!;
    assert.deepEqual(ssoSessionOfProfile(legacy, ssoSessions), { name: 'legacy-sso', startUrl: 'https://legacy.awsapps.com/start', region: 'us-east-1', legacy: true });
    assert.equal(ssoSessionOfProfile(profiles.find((p) => p.name === 'dev')!, ssoSessions)?.name, 'my-sso');
  });

  it('reads the files again on every call (an edit shows up without a restart)', async () => {
    fs.appendFileSync(path.join(dir, 'config'), '\n[profile added-later]\nregion = sa-east-1\n');
    assert.ok((await listProfiles()).profiles.some((p) => p.name === 'added-later'));
  });

  it('lists 5,000 profiles (correctness here; the timing is test/bench/profiles.ts)', async () => {
    const big = path.join(dir, 'config-5000');
    fs.writeFileSync(big, generateConfig(5000));
    process.env.AWS_CONFIG_FILE = big;
    try {
      const { profiles, ssoSessions } = await listProfiles();
      assert.equal(profiles.length, 5000 + 3); // + the credentials file's three
      assert.equal(ssoSessions.length, 10);
      const p = profiles.find((x) => x.name === 'team-4999')!;
      assert.equal(p.kind, 'sso');
      assert.equal(p.ssoSession, 'sso-9');
      assert.equal(profiles.filter((x) => x.kind === 'assume-role').length, 2500);
    } finally {
      process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    }
  });
});
