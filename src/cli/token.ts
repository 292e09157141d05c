// `wharf token` (the dist/cli-token.js entry): an EKS token as an ExecCredential on stdout, for kubectl's exec
// plugin. kubectl runs it whenever its cached token expires, so it loads only what it needs: the SigV4 signer here,
// the SDK's credential chain (dist/cli-token-sdk.js) only when the credentials need it, and never the lint engine
// (src/cli.ts dispatches to this bundle alone).
import * as path from 'node:path';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { getEksToken } from '../aws/eks-token';
import { requireWithCodeCache } from './compile-cache';
import { execApiVersion, execCredential, parseTokenArgs, TOKEN_USAGE, TokenUsageError, type TokenArgs } from './token-args';

export interface TokenIo {
  out(s: string): void;
  err(s: string): void;
  /** The variables read here (region, profile, keys, KUBERNETES_EXEC_INFO); the SDK's providers read process.env. */
  env: NodeJS.ProcessEnv;
}

const defaultIo = (): TokenIo => ({ out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env });

/** A failure worth one clear sentence on stderr (exit 1), never a stack trace. */
class TokenError extends Error {}

export async function main(argv: readonly string[], io: TokenIo = defaultIo()): Promise<number> {
  let args: TokenArgs;
  try {
    args = parseTokenArgs(argv);
  } catch (e) {
    if (!(e instanceof TokenUsageError)) throw e;
    io.err(`wharf token: ${e.message}\n\n${TOKEN_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(TOKEN_USAGE);
    return 0;
  }
  try {
    const profile = args.profile ?? (io.env.AWS_PROFILE || undefined);
    const region = args.region ?? (io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION || (await sdk().profileRegion(profile)));
    if (!region) {
      io.err(`wharf token: no Region for cluster ${args.clusterName}: pass --region, set AWS_REGION, or set region in the ${profile ? `"${profile}"` : 'default'} profile.\n`);
      return 2;
    }
    const { token, expiresAt } = await getEksToken({ clusterName: args.clusterName, region, credentials: credentials(args, profile, region, io.env) }).catch((e: unknown) => {
      throw new TokenError(credentialFailure(e, args, profile));
    });
    const { apiVersion, warning } = execApiVersion(io.env.KUBERNETES_EXEC_INFO);
    if (warning) io.err(`wharf token: ${warning}\n`);
    // Indented like the AWS CLI's JSON output; kubectl reads either.
    io.out(`${JSON.stringify(execCredential(apiVersion, token, expiresAt), null, 4)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof TokenError) {
      io.err(`wharf token: ${e.message}\n`);
      return 1;
    }
    io.err(`wharf token: ${oneLine(e)}\n`);
    return 1;
  }
}

type Sdk = typeof import('./token-credentials');
declare const WHARF_VERSION: string | undefined;

/** The SDK's credential providers: dist/cli-token-sdk.js next to this bundle, or the module itself from source. */
function sdk(): Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof WHARF_VERSION !== 'string') return require(path.join(__dirname, 'token-credentials')) as Sdk;
  // The bundle is most of this command's start-up: V8's code cache saves compiling it on every kubectl refresh.
  return requireWithCodeCache(path.join(__dirname, 'cli-token-sdk.js'), WHARF_VERSION) as Sdk;
}

/**
 * Static keys in the environment with no profile and no role: exactly what the SDK's default chain would answer (its
 * fromEnv comes first unless AWS_PROFILE is set), without loading the SDK. Anything else goes through the SDK.
 */
function credentials(args: TokenArgs, profile: string | undefined, region: string, env: NodeJS.ProcessEnv): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  if (!profile && !args.roleArn && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
  }
  return sdk().credentialProvider({ profile: args.profile, roleArn: args.roleArn, region });
}

function credentialFailure(e: unknown, args: TokenArgs, profile: string | undefined): string {
  if (e instanceof TokenError || (e instanceof Error && e.name === 'RoleError')) return e.message;
  const where = profile ? `profile "${profile}"` : 'the default credential chain (environment, default profile, SSO, container or instance metadata)';
  const msg = oneLine(e);
  let next = `Check ${profile ? `the "${profile}" profile` : 'your AWS credentials'} (aws configure list${profile ? ` --profile ${profile}` : ''}).`;
  if (/sso/i.test(msg)) next = `Sign in again: aws sso login${profile ? ` --profile ${profile}` : ''} (or "Sign in" in Wharf's explorer).`;
  else if (/could not load credentials from any providers/i.test(msg)) next = 'Set AWS_PROFILE or pass --profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.';
  else if (/profile .* (could not be found|not found)/i.test(msg)) next = 'Pass a profile that exists in ~/.aws/config (or AWS_CONFIG_FILE).';
  return `no AWS credentials for an EKS token for cluster ${args.clusterName} from ${where}: ${msg}. ${next}`;
}

/** An error's message on one line, without a stack. SDK messages carry no secrets. */
function oneLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0].replace(/\.$/, '');
}
