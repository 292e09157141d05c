// The IAM Identity Center token cache shared by the AWS CLI v2 and the SDKs: ~/.aws/sso/cache/<sha1>.json.
// Read from the AWS CLI v2 source (awscli/botocore/utils.py: SSOTokenFetcher, JSONFileCache; awscli/customizations/
// sso/utils.py: _sso_json_dumps) and the JS SDK's reader (@smithy/core/config getSSOTokenFilepath):
// - token file: sha1(hex) of the sso-session name, or of the start URL for a legacy profile without a session;
//   { startUrl, region, accessToken, expiresAt, clientId, clientSecret, registrationExpiresAt, refreshToken? },
//   datetimes as "YYYY-MM-DDTHH:MM:SSZ" (UTC, no fraction).
// - client registration file: sha1 of json.dumps({tool: 'botocore', startUrl, region, scopes, session_name},
//   sort_keys=True) in Python's default separators; { clientId, clientSecret, expiresAt, scopes? }.
// Files are 0600 in a 0700 directory. The home directory is the SDK's own (getHomeDir: HOME first), so the SDK's
// fromIni reads what sign-in wrote, and tests point HOME at a temporary folder.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { getHomeDir } from '@smithy/core/config';
import type { SsoSessionInfo } from './profiles';

export interface SsoTokenFile {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

export interface SsoRegistrationFile {
  clientId: string;
  clientSecret: string;
  expiresAt: string;
  scopes?: string[];
}

export function ssoCacheDir(home: string = getHomeDir()): string {
  return path.join(home, '.aws', 'sso', 'cache');
}

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

/** The token file's name without ".json": sha1 of the session name (or of the start URL, legacy). */
export function tokenCacheKey(session: SsoSessionInfo): string {
  return sha1(session.legacy ? session.startUrl : session.name);
}

/** Python's json.dumps for the few value types the registration key holds (ensure_ascii, ", " and ": "). */
function pyJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${pyJson(k)}: ${pyJson(x)}`).join(', ')}}`;
  }
  return String(v);
}

/** The client registration file's name, as the AWS CLI v2 computes it (so both reuse one registration). */
export function registrationCacheKey(session: SsoSessionInfo): string {
  // The CLI passes None when sso_registration_scopes is absent and the parsed list (maybe empty) when present.
  const scopes = session.scopes ?? null;
  return sha1(pyJson({ tool: 'botocore', startUrl: session.startUrl, region: session.region, scopes, session_name: session.legacy ? null : session.name }));
}

/** A Date as the CLI writes it: UTC, whole seconds, "Z". */
export function cliTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes a cache file whole (a temporary file renamed over it), 0600, in a 0700 directory. */
async function writeJson(file: string, value: unknown): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await fs.open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(JSON.stringify(value));
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, file);
}

export interface CacheLocation {
  /** Defaults to the SDK's home directory. */
  home?: string;
}

export function tokenFilePath(session: SsoSessionInfo, at: CacheLocation = {}): string {
  return path.join(ssoCacheDir(at.home), `${tokenCacheKey(session)}.json`);
}

export function registrationFilePath(session: SsoSessionInfo, at: CacheLocation = {}): string {
  return path.join(ssoCacheDir(at.home), `${registrationCacheKey(session)}.json`);
}

export async function readToken(session: SsoSessionInfo, at: CacheLocation = {}): Promise<SsoTokenFile | undefined> {
  const t = await readJson<SsoTokenFile>(tokenFilePath(session, at));
  return t && typeof t.accessToken === 'string' && typeof t.expiresAt === 'string' ? t : undefined;
}

export async function writeToken(session: SsoSessionInfo, token: SsoTokenFile, at: CacheLocation = {}): Promise<void> {
  // Key order as the CLI writes them; absent refresh token left out, as the CLI does.
  const ordered: SsoTokenFile = {
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: token.expiresAt,
    clientId: token.clientId,
    clientSecret: token.clientSecret,
    registrationExpiresAt: token.registrationExpiresAt,
    ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
  };
  await writeJson(tokenFilePath(session, at), ordered);
}

export async function readRegistration(session: SsoSessionInfo, at: CacheLocation = {}): Promise<SsoRegistrationFile | undefined> {
  const r = await readJson<SsoRegistrationFile>(registrationFilePath(session, at));
  return r && typeof r.clientId === 'string' && typeof r.clientSecret === 'string' && typeof r.expiresAt === 'string' ? r : undefined;
}

export async function writeRegistration(session: SsoSessionInfo, reg: SsoRegistrationFile, at: CacheLocation = {}): Promise<void> {
  await writeJson(registrationFilePath(session, at), { clientId: reg.clientId, clientSecret: reg.clientSecret, expiresAt: reg.expiresAt, ...(reg.scopes?.length ? { scopes: reg.scopes } : {}) });
}
