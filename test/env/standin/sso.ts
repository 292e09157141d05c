// IAM Identity Center for the harness: the SSO-OIDC API (RegisterClient, StartDeviceAuthorization, CreateToken) and
// the SSO portal API (ListAccounts, ListAccountRoles, GetRoleCredentials, Logout), neither of which moto has
// (RegisterClient answers 500). Shapes and errors follow @aws-sdk/client-sso-oidc and client-sso: OIDC errors carry
// `error` / `error_description` with the type in x-amzn-errortype; the portal's carry `message`. The person who
// would approve the device code in a browser is a test hook (approve / deny / expire) or the small page at
// verificationUriComplete. Role credentials are the harness principals' keys, so a signed-in session also works
// against the local Kubernetes API servers, whose token webhook knows only those keys.
import { randomBytes, randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import type { StandinContext } from './context';
import { paginate, restJsonError, sendJson, type Incoming } from './http';

export interface SsoRole {
  roleName: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: SsoRole[];
}

export interface SsoOptions {
  accounts: SsoAccount[];
  /** Seconds. Defaults: access tokens 8 hours, device codes 10 minutes, polling interval 1 second. */
  tokenTtl?: number;
  deviceTtl?: number;
  interval?: number;
}

export const OIDC_PATHS: Record<string, string> = { '/client/register': 'RegisterClient', '/device_authorization': 'StartDeviceAuthorization', '/token': 'CreateToken' };
export const PORTAL_PATHS: Record<string, string> = { '/federation/credentials': 'GetRoleCredentials', '/assignment/accounts': 'ListAccounts', '/assignment/roles': 'ListAccountRoles', '/logout': 'Logout' };

interface Client { secret: string; name: string; scopes: string[]; expiresAt: number }
interface Device { clientId: string; userCode: string; expiresAt: number; lastPoll: number; interval: number; state: 'pending' | 'approved' | 'denied' }
interface Token { clientId: string; expiresAt: number; scopes: string[] }

class OidcError extends Error {
  constructor(readonly status: number, readonly type: string, readonly error: string, description: string) {
    super(description);
  }
}

const secret = (n = 32) => randomBytes(n).toString('base64url');

export class SsoStandin {
  private readonly clients = new Map<string, Client>();
  private readonly devices = new Map<string, Device>();
  private readonly tokens = new Map<string, Token>();
  private readonly refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();

  constructor(private readonly ctx: StandinContext, readonly opts: SsoOptions) {}

  private get tokenTtl() { return this.opts.tokenTtl ?? 8 * 3600; }

  async handle(inc: Incoming, op: string): Promise<void> {
    try {
      if (op in { RegisterClient: 1, StartDeviceAuthorization: 1, CreateToken: 1 }) {
        const body = inc.body.length ? (JSON.parse(inc.body.toString('utf8')) as Record<string, unknown>) : {};
        const out = op === 'RegisterClient' ? this.register(body) : op === 'StartDeviceAuthorization' ? this.startDevice(body) : this.createToken(body);
        return sendJson(inc.res, 200, out);
      }
      return this.portal(inc, op);
    } catch (e) {
      if (e instanceof OidcError) return restJsonError(inc.res, e.status, e.type, { error: e.error, error_description: e.message });
      if (e instanceof SyntaxError) return restJsonError(inc.res, 400, 'InvalidRequestException', { error: 'invalid_request', error_description: 'Malformed request body' });
      throw e;
    }
  }

  private register(b: Record<string, unknown>) {
    if (typeof b.clientName !== 'string' || !b.clientName) throw new OidcError(400, 'InvalidRequestException', 'invalid_request', 'clientName is required');
    if (b.clientType !== 'public') throw new OidcError(400, 'InvalidClientMetadataException', 'invalid_client_metadata', 'Invalid client type');
    const now = this.ctx.now();
    const clientId = secret(16);
    const client = { secret: secret(48), name: b.clientName, scopes: (b.scopes as string[] | undefined) ?? [], expiresAt: now + 90 * 86_400_000 };
    this.clients.set(clientId, client);
    return { clientId, clientSecret: client.secret, clientIdIssuedAt: Math.floor(now / 1000), clientSecretExpiresAt: Math.floor(client.expiresAt / 1000) };
  }

  private client(b: Record<string, unknown>): [string, Client] {
    const c = this.clients.get(b.clientId as string);
    if (!c || c.secret !== b.clientSecret || c.expiresAt <= this.ctx.now()) throw new OidcError(401, 'InvalidClientException', 'invalid_client', 'Invalid client provided');
    return [b.clientId as string, c];
  }

  private startDevice(b: Record<string, unknown>) {
    const [clientId] = this.client(b);
    if (typeof b.startUrl !== 'string' || !/^https:\/\/\S+$/.test(b.startUrl)) throw new OidcError(400, 'InvalidRequestException', 'invalid_request', 'Invalid start url');
    const deviceCode = secret(48);
    const letters = 'BCDFGHJKLMNPQRSTVWXZ';
    const userCode = Array.from(randomBytes(8), (x, i) => (i === 4 ? '-' : '') + letters[x % letters.length]).join('');
    const interval = this.opts.interval ?? 1;
    const ttl = this.opts.deviceTtl ?? 600;
    this.devices.set(deviceCode, { clientId, userCode, expiresAt: this.ctx.now() + ttl * 1000, lastPoll: 0, interval, state: 'pending' });
    const uri = `${this.ctx.self()}/__standin/sso/verify`;
    return { deviceCode, userCode, verificationUri: uri, verificationUriComplete: `${uri}?user_code=${userCode}`, expiresIn: ttl, interval };
  }

  private createToken(b: Record<string, unknown>) {
    const [clientId, client] = this.client(b);
    const now = this.ctx.now();
    if (b.grantType === 'refresh_token') {
      const r = this.refreshTokens.get(b.refreshToken as string);
      if (!r || r.clientId !== clientId) throw new OidcError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
      this.refreshTokens.delete(b.refreshToken as string);
      return this.issue(clientId, r.scopes);
    }
    if (b.grantType !== 'urn:ietf:params:oauth:grant-type:device_code') throw new OidcError(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type: ${String(b.grantType)}`);
    const d = this.devices.get(b.deviceCode as string);
    if (!d || d.clientId !== clientId) throw new OidcError(400, 'InvalidGrantException', 'invalid_grant', 'Invalid grant provided');
    if (d.expiresAt <= now) throw new OidcError(400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
    if (d.state === 'denied') throw new OidcError(400, 'AccessDeniedException', 'access_denied', 'Access denied');
    if (d.state === 'pending') {
      // RFC 8628: polling faster than the interval is answered slow_down, and the interval grows by 5 seconds.
      const early = now - d.lastPoll < d.interval * 1000;
      d.lastPoll = now;
      if (early) {
        d.interval += 5;
        throw new OidcError(400, 'SlowDownException', 'slow_down', 'Client is polling too quickly');
      }
      throw new OidcError(400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization pending');
    }
    this.devices.delete(b.deviceCode as string);
    return this.issue(clientId, client.scopes);
  }

  /** Refresh tokens only for clients registered with scopes, as the real service issues them. */
  private issue(clientId: string, scopes: string[]) {
    const accessToken = `aoa${secret(96)}`;
    this.tokens.set(accessToken, { clientId, scopes, expiresAt: this.ctx.now() + this.tokenTtl * 1000 });
    const out: Record<string, unknown> = { accessToken, tokenType: 'Bearer', expiresIn: this.tokenTtl };
    if (scopes.length) {
      const refreshToken = `aor${secret(96)}`;
      this.refreshTokens.set(refreshToken, { clientId, scopes });
      out.refreshToken = refreshToken;
    }
    return out;
  }

  private portal(inc: Incoming, op: string): void {
    const q = inc.url.searchParams;
    const raw = inc.req.headers['x-amz-sso_bearer_token'];
    const t = typeof raw === 'string' ? this.tokens.get(raw) : undefined;
    if (!t || t.expiresAt <= this.ctx.now()) return restJsonError(inc.res, 401, 'UnauthorizedException', { message: 'Session token not found or invalid' });
    const invalid = (message: string) => Object.assign(new Error(message), { portal: true });
    try {
      switch (op) {
        case 'Logout':
          this.tokens.delete(raw as string);
          return void inc.res.writeHead(200, { 'content-length': 0 }).end();
        case 'ListAccounts': {
          const p = paginate(this.opts.accounts, maxResult(q), q.get('next_token') ?? undefined, { max: 1000, def: 20, invalid });
          return sendJson(inc.res, 200, { nextToken: p.nextToken, accountList: p.items.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress })) });
        }
        case 'ListAccountRoles': {
          const account = this.opts.accounts.find((a) => a.accountId === q.get('account_id'));
          if (!account) return restJsonError(inc.res, 403, 'ForbiddenException', { message: 'No access' });
          const p = paginate(account.roles, maxResult(q), q.get('next_token') ?? undefined, { max: 1000, def: 20, invalid });
          return sendJson(inc.res, 200, { nextToken: p.nextToken, roleList: p.items.map((r) => ({ roleName: r.roleName, accountId: account.accountId })) });
        }
        case 'GetRoleCredentials': {
          const role = this.opts.accounts.find((a) => a.accountId === q.get('account_id'))?.roles.find((r) => r.roleName === q.get('role_name'));
          // What the portal says for a role the user has no assignment for (not in the SDK's model, so a generic error there).
          if (!role) return restJsonError(inc.res, 403, 'ForbiddenException', { message: 'No access' });
          const expiration = Math.min(t.expiresAt, this.ctx.now() + 3600_000);
          return sendJson(inc.res, 200, { roleCredentials: { accessKeyId: role.accessKeyId, secretAccessKey: role.secretAccessKey, sessionToken: `IQoJ${secret(120)}`, expiration } });
        }
      }
    } catch (e) {
      if ((e as { portal?: boolean }).portal) return restJsonError(inc.res, 400, 'InvalidRequestException', { message: (e as Error).message });
      throw e;
    }
  }

  // ---- test hooks (the person at the browser) ----

  deviceByUserCode(userCode: string): Device | undefined {
    return [...this.devices.values()].find((d) => d.userCode === userCode.toUpperCase());
  }

  approve(userCode: string, verdict: 'approved' | 'denied' = 'approved'): boolean {
    const d = this.deviceByUserCode(userCode);
    if (!d || d.expiresAt <= this.ctx.now()) return false;
    d.state = verdict;
    return true;
  }

  /** Expires a device code now, or (no code) every access token issued so far. */
  expire(userCode?: string): boolean {
    if (userCode) {
      const d = this.deviceByUserCode(userCode);
      if (d) d.expiresAt = 0;
      return Boolean(d);
    }
    for (const t of this.tokens.values()) t.expiresAt = 0;
    return true;
  }

  /** The page verificationUriComplete opens: shows the code and an Allow button (for a person trying the demo). */
  verifyPage(res: http.ServerResponse, userCode: string, done?: string): void {
    const esc = userCode.replace(/[^A-Z0-9-]/gi, '');
    const html = `<!doctype html><meta charset="utf-8"><title>Wharf test sign-in</title>
<body style="font-family:sans-serif;max-width:32em;margin:4em auto">
<h1>Local IAM Identity Center (test stand-in)</h1>
${done ? `<p><b>${done}</b> You can close this tab and return to VS Code.</p>` : `<p>Authorize request with code <b>${esc}</b>?</p>
<form method="post" action="/__standin/sso/verify"><input type="hidden" name="user_code" value="${esc}">
<button name="verdict" value="approved">Allow</button> <button name="verdict" value="denied">Deny</button></form>`}
<p style="color:#666">No AWS account is involved: this page belongs to Wharf's test environment (request ${randomUUID()}).</p>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  }
}

function maxResult(q: URLSearchParams): number | undefined {
  const v = q.get('max_result');
  return v === null ? undefined : Number(v);
}
