// IAM Identity Center in-process, so no `aws` CLI is needed: the device-authorization sign-in (SSO-OIDC
// RegisterClient, StartDeviceAuthorization, CreateToken), the token cache it writes (sso-cache.ts, the CLI's own
// format and place), and the portal calls that use the token: ListAccounts, ListAccountRoles, GetRoleCredentials.
// Polling follows the device flow RFC as the CLI does: wait `interval` seconds between CreateToken calls, keep going
// on AuthorizationPendingException, add 5 s on SlowDownException, give up on ExpiredTokenException.
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Page } from '../page';
import { addAwsErrorMiddleware, clientDefaults } from './client-config';
import { AwsError, toAwsError } from './errors';
import type { SsoSessionInfo } from './profiles';
import { cliTimestamp, readRegistration, readToken, writeRegistration, writeToken, type CacheLocation, type SsoRegistrationFile } from './sso-cache';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_S = 5;
/** The CLI registers again when its registration has less than this left. */
const REGISTRATION_WINDOW_MS = 15 * 60_000;
/** Refresh an access token this close to expiry, as the SDK's token provider does. */
const TOKEN_REFRESH_WINDOW_MS = 5 * 60_000;

export interface SsoOptions extends CacheLocation {
  /** Test hook: how to wait between polls (defaults to a timer honouring the signal). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function signInRequired(session: SsoSessionInfo, message: string, operation = 'SignIn', cause?: unknown): AwsError {
  return new AwsError({
    kind: 'sso-login-required', service: 'sso-oidc', operation, region: session.region, ssoSession: session.name, message,
    nextStep: `Sign in with IAM Identity Center (session ${session.name}).`, actions: ['signIn'], cause,
  });
}

function abortError(): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const errorName = (e: unknown) => (e as { name?: string } | undefined)?.name ?? '';

function oidcClient(session: SsoSessionInfo): SSOOIDCClient {
  // Unsigned operations: no credentials are needed or looked for.
  return new SSOOIDCClient(clientDefaults(session.region));
}

function portalClient(session: SsoSessionInfo): SSOClient {
  const client = new SSOClient(clientDefaults(session.region));
  addAwsErrorMiddleware(client, 'sso', session.region, () => ({ ssoSession: session.name }));
  return client;
}

async function registration(oidc: SSOOIDCClient, session: SsoSessionInfo, at: CacheLocation, signal?: AbortSignal): Promise<SsoRegistrationFile> {
  const cached = await readRegistration(session, at);
  if (cached && Date.parse(cached.expiresAt) - Date.now() > REGISTRATION_WINDOW_MS) return cached;
  const scopes = session.scopes?.length ? session.scopes : undefined;
  const r = await oidc.send(new RegisterClientCommand({ clientName: `wharf-${session.legacy ? Math.floor(Date.now() / 1000) : session.name}`, clientType: 'public', scopes }), { abortSignal: signal });
  if (!r.clientId || !r.clientSecret || !r.clientSecretExpiresAt) throw new Error('SSO-OIDC RegisterClient returned no client id, secret or expiry');
  const reg: SsoRegistrationFile = { clientId: r.clientId, clientSecret: r.clientSecret, expiresAt: cliTimestamp(new Date(r.clientSecretExpiresAt * 1000)), ...(scopes ? { scopes } : {}) };
  await writeRegistration(session, reg, at);
  return reg;
}

/**
 * Signs in to an sso-session with the device flow and writes the token where the AWS CLI does. `openUrl` shows the
 * verification page (with the code filled in) and the code to compare; the promise settles when the person approved
 * (or the request expired, or `signal` aborted).
 */
export async function ssoSignIn(opts: {
  session: SsoSessionInfo;
  openUrl: (verificationUriComplete: string, userCode: string) => void | Promise<void>;
  signal?: AbortSignal;
} & SsoOptions): Promise<{ expiresAt: string }> {
  const { session, signal } = opts;
  const sleep = opts.sleep ?? timerSleep;
  const oidc = oidcClient(session);
  let operation = 'RegisterClient';
  try {
    const reg = await registration(oidc, session, opts, signal);
    operation = 'StartDeviceAuthorization';
    const auth = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: session.startUrl }), { abortSignal: signal });
    if (!auth.deviceCode || !auth.verificationUriComplete || !auth.userCode) throw new Error('SSO-OIDC StartDeviceAuthorization returned no device code or verification URL');
    const deadline = Date.now() + (auth.expiresIn ?? 600) * 1000;
    let intervalS = auth.interval ?? DEFAULT_INTERVAL_S;
    operation = 'CreateToken';

    // One attempt before showing anything, as the CLI does: a pre-authorized client gets its token at once.
    let opened = false;
    for (;;) {
      try {
        const t = await oidc.send(new CreateTokenCommand({ grantType: DEVICE_GRANT, clientId: reg.clientId, clientSecret: reg.clientSecret, deviceCode: auth.deviceCode }), { abortSignal: signal });
        if (!t.accessToken || t.expiresIn === undefined) throw new Error('SSO-OIDC CreateToken returned no access token');
        const expiresAt = cliTimestamp(new Date(Date.now() + t.expiresIn * 1000));
        await writeToken(session, {
          startUrl: session.startUrl, region: session.region, accessToken: t.accessToken, expiresAt,
          clientId: reg.clientId, clientSecret: reg.clientSecret, registrationExpiresAt: reg.expiresAt, refreshToken: t.refreshToken,
        }, opts);
        return { expiresAt };
      } catch (e) {
        const name = errorName(e);
        if (name === 'SlowDownException') intervalS += SLOW_DOWN_S;
        else if (name === 'ExpiredTokenException') throw signInRequired(session, `The sign-in request for session ${session.name} expired before it was approved.`, operation, e);
        else if (name === 'AccessDeniedException') throw signInRequired(session, `The sign-in request for session ${session.name} was denied in the browser.`, operation, e);
        else if (name !== 'AuthorizationPendingException') throw e;
      }
      if (!opened) {
        opened = true;
        await opts.openUrl(auth.verificationUriComplete, auth.userCode);
      }
      if (Date.now() + intervalS * 1000 > deadline) throw signInRequired(session, `The sign-in request for session ${session.name} expired before it was approved.`, operation);
      await sleep(intervalS * 1000, signal);
    }
  } catch (e) {
    throw toAwsError(e, { service: 'sso-oidc', operation, region: session.region, ssoSession: session.name });
  } finally {
    oidc.destroy();
  }
}

/** Whether the cache holds a usable sign-in for the session (an expired one may still be refreshable). */
export async function ssoTokenStatus(session: SsoSessionInfo, at: CacheLocation = {}): Promise<'valid' | 'expired' | 'missing'> {
  const t = await readToken(session, at);
  if (!t) return 'missing';
  const exp = Date.parse(t.expiresAt);
  return Number.isFinite(exp) && exp > Date.now() ? 'valid' : 'expired';
}

/**
 * The session's access token from the cache, refreshed with its refresh token when it is about to expire (and
 * written back, as the SDK's token provider does). Missing or expired: an AwsError asking to sign in.
 */
export async function ssoAccessToken(session: SsoSessionInfo, signal?: AbortSignal, at: CacheLocation = {}): Promise<string> {
  const t = await readToken(session, at);
  if (!t) throw signInRequired(session, `No IAM Identity Center sign-in for session ${session.name}.`, 'GetToken');
  const exp = Date.parse(t.expiresAt);
  if (exp - Date.now() > TOKEN_REFRESH_WINDOW_MS) return t.accessToken;
  const canRefresh = t.refreshToken && t.clientId && t.clientSecret && (!t.registrationExpiresAt || Date.parse(t.registrationExpiresAt) > Date.now());
  if (canRefresh) {
    const oidc = oidcClient(session);
    try {
      const r = await oidc.send(new CreateTokenCommand({ grantType: 'refresh_token', clientId: t.clientId, clientSecret: t.clientSecret, refreshToken: t.refreshToken }), { abortSignal: signal });
      if (r.accessToken && r.expiresIn !== undefined) {
        await writeToken(session, { ...t, accessToken: r.accessToken, expiresAt: cliTimestamp(new Date(Date.now() + r.expiresIn * 1000)), refreshToken: r.refreshToken ?? t.refreshToken }, at);
        return r.accessToken;
      }
    } catch (e) {
      if (errorName(e) === 'AbortError') throw toAwsError(e, { service: 'sso-oidc', operation: 'CreateToken', region: session.region, ssoSession: session.name });
      // Fall through: the old token may still have a few minutes.
    } finally {
      oidc.destroy();
    }
  }
  if (exp > Date.now()) return t.accessToken;
  throw signInRequired(session, `The IAM Identity Center sign-in of session ${session.name} has expired.`, 'GetToken');
}

export interface SsoAccount { accountId: string; accountName?: string; email?: string }
export interface SsoAccountRole { roleName: string; accountId: string }

export async function listSsoAccounts(session: SsoSessionInfo, next?: string, signal?: AbortSignal, at: CacheLocation = {}): Promise<Page<SsoAccount>> {
  const accessToken = await ssoAccessToken(session, signal, at);
  const sso = portalClient(session);
  try {
    const r = await sso.send(new ListAccountsCommand({ accessToken, nextToken: next, maxResults: 100 }), { abortSignal: signal });
    const items = (r.accountList ?? []).filter((a) => a.accountId).map((a) => strip({ accountId: a.accountId!, accountName: a.accountName, email: a.emailAddress }));
    return r.nextToken ? { items, next: r.nextToken } : { items };
  } finally {
    sso.destroy();
  }
}

export async function listSsoAccountRoles(session: SsoSessionInfo, accountId: string, next?: string, signal?: AbortSignal, at: CacheLocation = {}): Promise<Page<SsoAccountRole>> {
  const accessToken = await ssoAccessToken(session, signal, at);
  const sso = portalClient(session);
  try {
    const r = await sso.send(new ListAccountRolesCommand({ accessToken, accountId, nextToken: next, maxResults: 100 }), { abortSignal: signal });
    const items = (r.roleList ?? []).filter((x) => x.roleName).map((x) => ({ roleName: x.roleName!, accountId: x.accountId ?? accountId }));
    return r.nextToken ? { items, next: r.nextToken } : { items };
  } finally {
    sso.destroy();
  }
}

/**
 * Credentials of an account role reached through an sso-session, without a profile: the portal's
 * GetRoleCredentials with the cached access token. `session` is looked up on each resolution (config edits apply).
 */
export function ssoRoleCredentials(resolveSession: () => Promise<SsoSessionInfo>, accountId: string, roleName: string, at: CacheLocation = {}): AwsCredentialIdentityProvider {
  return async () => {
    const session = await resolveSession();
    const accessToken = await ssoAccessToken(session, undefined, at);
    const sso = portalClient(session);
    try {
      const r = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }));
      const c = r.roleCredentials;
      if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || !c.expiration) throw new Error('SSO GetRoleCredentials returned incomplete credentials');
      const creds: AwsCredentialIdentity = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: new Date(c.expiration), accountId };
      return creds;
    } finally {
      sso.destroy();
    }
  };
}

function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
