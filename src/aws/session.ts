// One AWS identity (a profile, the default chain, or an sso-session account role) and the SDK clients made with it.
// The credential chain is the SDK's own (fromIni / fromNodeProviderChain), memoised once for all clients
// (credentials.ts). Clients are cached per Region and configured alike (client-config.ts): timeouts that throw,
// bounded adaptive retries, failures as AwsError. Nothing here imports `vscode`: prompts (MFA code) come in as
// functions.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EKSClient } from '@aws-sdk/client-eks';
import { STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadConfig } from '@smithy/core/config';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { addAwsErrorMiddleware, clientDefaults, type MiddlewareClient } from './client-config';
import { memoizeCredentials, type MemoizedCredentials, type MemoOptions } from './credentials';
import { useProfileEndpoints } from './endpoint-config';
import { AwsError, isAwsError, toAwsError, withPrincipal, type AwsErrorWhere } from './errors';
import { getCallerIdentity, type CallerIdentity } from './identity';
import { findSsoSession, listProfiles, type ProfileInfo, type SsoSessionInfo } from './profiles';
import { ssoRoleCredentials } from './sso';

export type { CallerIdentity } from './identity';

export interface AwsSessionOptions {
  /** undefined: the SDK default chain (env, AWS_PROFILE or default profile, container/IMDS). */
  profile?: string;
  /** An sso-session's account role, no profile. */
  sso?: { session: string; accountId: string; roleName: string };
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** Added: the Region for STS (identity) when neither the environment nor the profile names one. */
  region?: string;
  /** Added, for tests: the memo's clock and windows. */
  memo?: MemoOptions;
}

/** The fallback Region for STS GetCallerIdentity, as the AWS CLI uses for global calls. */
const FALLBACK_REGION = 'us-east-1';
const IDENTITY_TIMEOUT_MS = 15_000;

type Client = MiddlewareClient & { destroy(): void };

export class AwsSession {
  readonly label: string;
  readonly credentialProvider: MemoizedCredentials;
  private readonly clients = new Map<string, Client>();
  private identityPromise?: Promise<CallerIdentity>;
  private identityValue?: CallerIdentity;
  private profilePromise?: Promise<{ profile?: ProfileInfo; ssoSessions: SsoSessionInfo[] }>;
  private disposed = false;

  constructor(private readonly opts: AwsSessionOptions) {
    this.label = opts.sso ? `sso:${opts.sso.session}/${opts.sso.accountId}/${opts.sso.roleName}` : (opts.profile ?? 'default');
    this.credentialProvider = memoizeCredentials(this.baseProvider(), opts.memo);
  }

  private baseProvider(): AwsCredentialIdentityProvider {
    const { sso, profile, mfaCodeProvider } = this.opts;
    if (sso) {
      const resolveSession = async () => {
        const s = await findSsoSession(sso.session);
        if (!s) {
          throw new AwsError({
            kind: 'no-credentials', service: 'sso', operation: 'GetRoleCredentials', ssoSession: sso.session,
            message: `There is no [sso-session ${sso.session}] in the AWS config file.`,
            nextStep: `Add the sso-session ${sso.session} to your AWS config, or choose another profile.`, actions: ['chooseProfile'],
          });
        }
        return s;
      };
      return ssoRoleCredentials(resolveSession, sso.accountId, sso.roleName);
    }
    // ignoreCache: each resolution (first use, then only near expiry) reads the files again, so edits apply.
    if (profile) return fromIni({ profile, mfaCodeProvider, ignoreCache: true });
    return fromNodeProviderChain({ mfaCodeProvider });
  }

  eks(region: string): EKSClient {
    return this.client('eks', region, (cfg) => new EKSClient(cfg));
  }

  ecs(region: string): ECSClient {
    return this.client('ecs', region, (cfg) => new ECSClient(cfg));
  }

  sts(region: string): STSClient {
    return this.client('sts', region, (cfg) => new STSClient(cfg));
  }

  logs(region: string): CloudWatchLogsClient {
    return this.client('logs', region, (cfg) => new CloudWatchLogsClient(cfg));
  }

  private client<T extends object>(service: string, region: string, make: (cfg: ReturnType<typeof clientDefaults> & Record<string, unknown>) => T): T {
    if (this.disposed) throw new Error(`AwsSession ${this.label} is disposed`);
    const key = `${service}/${region}`;
    let c = this.clients.get(key);
    if (!c) {
      const made = make({ ...clientDefaults(region), credentials: this.credentialProvider, ...(this.opts.profile ? { profile: this.opts.profile } : {}) }) as unknown as Client;
      // The SDK reads configured endpoints (endpoint_url, services) only for AWS_PROFILE's profile.
      if (this.opts.profile) useProfileEndpoints(made, this.opts.profile);
      addAwsErrorMiddleware(made, service, region, () => this.errorContext(), (e) => this.afterError(e));
      this.clients.set(key, made);
      c = made;
    }
    return c as unknown as T;
  }

  /**
   * AWS refused the credentials as expired or unknown: resolve them again on the next request, reading the files
   * afresh. Tools that rewrite ~/.aws/credentials with new session keys (no expiry to go by) are then picked up.
   */
  private afterError(e: AwsError): void {
    if (e.kind === 'expired-credentials' || (e.kind === 'no-credentials' && e.httpStatus !== undefined)) this.credentialProvider.invalidate();
  }

  /** What an error from this session's clients should also say: the profile, its sso-session, the caller. */
  private async errorContext(): Promise<Partial<AwsErrorWhere>> {
    const extra: Partial<AwsErrorWhere> = { profile: this.opts.profile };
    if (this.opts.sso) extra.ssoSession = this.opts.sso.session;
    else if (this.opts.profile) extra.ssoSession = (await this.profileInfo()).profile?.ssoSession;
    if (this.identityValue) extra.principalArn = this.identityValue.principalArn;
    return extra;
  }

  private profileInfo(): Promise<{ profile?: ProfileInfo; ssoSessions: SsoSessionInfo[] }> {
    this.profilePromise ??= listProfiles()
      .then((l) => ({ profile: l.profiles.find((p) => p.name === this.opts.profile), ssoSessions: l.ssoSessions }))
      .catch(() => ({ ssoSessions: [] }));
    return this.profilePromise;
  }

  /**
   * The Region for STS: the option, then AWS_REGION / the profile's region (the SDK's own loader, without its
   * instance-metadata fallback, which stalls off EC2), then us-east-1.
   */
  private async homeRegion(): Promise<string> {
    if (this.opts.region) return this.opts.region;
    try {
      const region = await loadConfig<string>(
        { environmentVariableSelector: (env) => env.AWS_REGION || undefined, configFileSelector: (p) => p.region, default: FALLBACK_REGION },
        { profile: this.opts.profile, ignoreCache: true },
      )();
      return region || FALLBACK_REGION;
    } catch {
      return FALLBACK_REGION;
    }
  }

  /**
   * STS GetCallerIdentity, once per session. A caller's signal stops its own wait, not the shared request; a
   * failed request is forgotten so the next caller asks again.
   */
  identity(signal?: AbortSignal): Promise<CallerIdentity> {
    if (!this.identityPromise) {
      const p = (async () => {
        const region = await this.homeRegion();
        const knownRole = this.opts.profile ? (await this.profileInfo()).profile?.roleArn : undefined;
        return getCallerIdentity(this.sts(region), AbortSignal.timeout(IDENTITY_TIMEOUT_MS), knownRole);
      })();
      this.identityPromise = p;
      p.then((v) => (this.identityValue = v), () => { if (this.identityPromise === p) this.identityPromise = undefined; });
    }
    return raceSignal(this.identityPromise, signal);
  }

  /**
   * An error as a person should read it: classified (AwsError), and for an access denial naming the caller's IAM
   * principal ("arn:aws:iam::1:role/Dev may not eks:ListClusters"). The identity comes from the cache, or one
   * GetCallerIdentity; if that fails too, the message stays without it.
   */
  async describeError(e: unknown, where?: AwsErrorWhere): Promise<AwsError> {
    const err = isAwsError(e) ? e : toAwsError(e, where ?? { service: 'aws', operation: 'Unknown', ...(await this.errorContext()) });
    if (err.kind !== 'access-denied' || err.principalArn) return err;
    try {
      const id = await this.identity(AbortSignal.timeout(IDENTITY_TIMEOUT_MS));
      return withPrincipal(err, id.principalArn);
    } catch {
      return err;
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}

function raceSignal<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
