// The AWS SDK's credential chain for `wharf token`: its own bundle (dist/cli-token-sdk.js), required only when the
// token needs more than static keys in the environment (a profile, SSO, assume-role, process, metadata), so the
// common CI case never parses the SDK's ~360 KB.
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/core/config';

/** The role session name `aws eks get-token --role-arn` uses, so CloudTrail shows the same thing for both. */
export const ROLE_SESSION_NAME = 'EKSGetTokenAuth';

/** The profile's `region` from the shared config file, read by the SDK's own ini loader (AWS_CONFIG_FILE honoured). */
export async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  const { configFile } = await loadSharedConfigFiles();
  return configFile[profile ?? 'default']?.region;
}

/**
 * The SDK's chain: an explicit profile wins over environment keys (as in the AWS CLI); without one, the default chain
 * (environment keys unless AWS_PROFILE is set, then the profile with SSO, assume-role, credential_process; web
 * identity; container and instance metadata). With a role ARN, those credentials assume the role first, through STS
 * in the cluster's Region. `onRoleFailure` words an AssumeRole failure.
 */
export function credentialProvider(opts: { profile?: string; roleArn?: string; region: string }): AwsCredentialIdentityProvider {
  // The SDK warns on Node < 22 that its *future* releases will need Node 22. The SDK inside this bundle is fixed at
  // build time, so that is a note for Wharf's maintainers, not for a person whose every kubectl command would print it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const base = opts.profile ? fromIni({ profile: opts.profile }) : fromNodeProviderChain();
  if (!opts.roleArn) return base;
  const roleArn = opts.roleArn;
  const assumed = fromTemporaryCredentials({ masterCredentials: base, params: { RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME }, clientConfig: { region: opts.region } });
  return async () => {
    try {
      return await assumed();
    } catch (e) {
      throw new RoleError(`could not assume ${roleArn}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  };
}

export class RoleError extends Error {
  override name = 'RoleError';
}
