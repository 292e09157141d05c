// An AWS config and credentials file for a VS Code under test (the demo, end-to-end tests): the harness's admin and
// viewer principals as named profiles, and an sso-session on the stand-in's IAM Identity Center, so a person sees
// profile switching, the viewer's 403 diagnosis and SSO sign-in without any real account. The keys written here
// are the test-only values of kube.ts's PRINCIPALS, which exist nowhere but this harness.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SSO_REGION, SSO_START_URL, TEST_REGION } from './aws';
import { PRINCIPALS } from './kube';

export const ADMIN_PROFILE = 'wharf-admin';
export const VIEWER_PROFILE = 'wharf-viewer';
export const SSO_SESSION = 'wharf-sso';
export const SSO_PROFILE = 'wharf-sso';

export interface AwsProfileFiles {
  configFile: string;
  credentialsFile: string;
  /** The variables that point the SDK (and the aws CLI) at these files instead of ~/.aws; keys cleared from the env. */
  env: Record<string, string>;
}

export function writeAwsProfiles(dir: string): AwsProfileFiles {
  fs.mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  fs.writeFileSync(configFile, [
    '# Wharf test environment: profiles for the local AWS stand-in (AWS_ENDPOINT_URL). No real account.',
    `[profile ${ADMIN_PROFILE}]`,
    `region = ${TEST_REGION}`,
    '',
    `[profile ${VIEWER_PROFILE}]`,
    `region = ${TEST_REGION}`,
    '',
    `[sso-session ${SSO_SESSION}]`,
    `sso_start_url = ${SSO_START_URL}`,
    `sso_region = ${SSO_REGION}`,
    'sso_registration_scopes = sso:account:access',
    '',
    `[profile ${SSO_PROFILE}]`,
    `sso_session = ${SSO_SESSION}`,
    'sso_account_id = 123456789012',
    'sso_role_name = AdministratorAccess',
    `region = ${TEST_REGION}`,
    '',
  ].join('\n'));
  fs.writeFileSync(credentialsFile, [
    '# Test-only keys of the local harness (test/env/kube.ts PRINCIPALS): valid nowhere but here.',
    `[${ADMIN_PROFILE}]`,
    `aws_access_key_id = ${PRINCIPALS.admin.accessKeyId}`,
    `aws_secret_access_key = ${PRINCIPALS.admin.secretAccessKey}`,
    '',
    `[${VIEWER_PROFILE}]`,
    `aws_access_key_id = ${PRINCIPALS.viewer.accessKeyId}`,
    `aws_secret_access_key = ${PRINCIPALS.viewer.secretAccessKey}`,
    '',
  ].join('\n'), { mode: 0o600 });
  return {
    configFile,
    credentialsFile,
    env: {
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      // Empty is unset for the SDK: the profiles, not the seed's environment keys, say who the user is.
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: '',
      AWS_PROFILE: ADMIN_PROFILE,
    },
  };
}
