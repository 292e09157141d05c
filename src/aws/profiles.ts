// The profiles and sso-sessions of the shared config and credentials files, read with the SDK's own ini loader
// (@smithy/core/config loadSharedConfigFiles), so Wharf sees exactly what the SDK's credential chain will see:
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, `[profile x]` vs `[x]`, comments, sub-sections, merge order.
// Files are read again whenever they changed (size, mtime): a person edits ~/.aws/config and picks again.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { getHomeDir, loadSharedConfigFiles, type ParsedIniData } from '@smithy/core/config';

export type ProfileKind = 'static' | 'sso' | 'assume-role' | 'process' | 'web-identity' | 'other';

export interface ProfileInfo {
  name: string;
  kind: ProfileKind;
  region?: string;
  ssoSession?: string;
  roleArn?: string;
  sourceProfile?: string;
  mfaSerial?: string;
  /** Added: sso profiles without an sso-session (the legacy form) carry their portal here. */
  ssoStartUrl?: string;
  ssoRegion?: string;
  ssoAccountId?: string;
  ssoRoleName?: string;
  /** Added: assume-role with credential_source (Environment, Ec2InstanceMetadata, EcsContainer). */
  credentialSource?: string;
}

export interface SsoSessionInfo {
  name: string;
  startUrl: string;
  region: string;
  scopes?: string[];
  /**
   * Added: a legacy sso profile's portal (no [sso-session] section). Its token cache file is keyed by the start
   * URL instead of the session name, as the AWS CLI does; `name` is then the profile's name, for display.
   */
  legacy?: boolean;
}

const SSO_SESSION_PREFIX = 'sso-session.';
const SERVICES_PREFIX = 'services.';

function kindOf(p: Record<string, string | undefined>): ProfileKind {
  if (p.role_arn && p.web_identity_token_file) return 'web-identity';
  if (p.role_arn && (p.source_profile || p.credential_source)) return 'assume-role';
  if (p.sso_session || p.sso_start_url || p.sso_account_id) return 'sso';
  if (p.credential_process) return 'process';
  if (p.aws_access_key_id) return 'static';
  if (p.source_profile) return 'assume-role';
  return 'other';
}

/** sso_registration_scopes as the AWS CLI parses them: comma-separated, trimmed, empties dropped. */
export function parseScopes(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export interface ListedProfiles {
  profiles: ProfileInfo[];
  ssoSessions: SsoSessionInfo[];
}

// The ini keys each ProfileInfo field comes from (legacy sso fields only without an sso-session).
const FIELDS: [keyof ProfileInfo, string][] = [
  ['region', 'region'], ['ssoSession', 'sso_session'], ['roleArn', 'role_arn'], ['sourceProfile', 'source_profile'], ['mfaSerial', 'mfa_serial'],
  ['ssoAccountId', 'sso_account_id'], ['ssoRoleName', 'sso_role_name'], ['credentialSource', 'credential_source'],
];

function profileInfo(name: string, p: Record<string, string | undefined>): ProfileInfo {
  const info: ProfileInfo = { name, kind: kindOf(p) };
  const out = info as unknown as Record<string, string>;
  for (const [field, key] of FIELDS) if (p[key]) out[field] = p[key];
  if (!p.sso_session && p.sso_start_url) {
    out.ssoStartUrl = p.sso_start_url;
    if (p.sso_region) out.ssoRegion = p.sso_region;
  }
  return info;
}

/** Builds the listing from parsed files (exported for tests that parse once). */
export function profilesFrom(configFile: ParsedIniData, credentialsFile: ParsedIniData): ListedProfiles {
  const ssoSessions: SsoSessionInfo[] = [];
  const names: string[] = [];
  for (const key of Object.keys(configFile)) {
    if (key.startsWith(SSO_SESSION_PREFIX)) {
      const values = configFile[key];
      if (values.sso_start_url && values.sso_region) {
        const scopes = parseScopes(values.sso_registration_scopes);
        ssoSessions.push({ name: key.slice(SSO_SESSION_PREFIX.length), startUrl: values.sso_start_url, region: values.sso_region, ...(scopes ? { scopes } : {}) });
      }
    } else if (!key.startsWith(SERVICES_PREFIX)) names.push(key);
  }
  for (const key of Object.keys(credentialsFile)) if (!(key in configFile)) names.push(key);
  const profiles = names.map((name) => {
    const c = configFile[name];
    const k = credentialsFile[name];
    // The SDK merges credentials over config, key by key (parseKnownFiles).
    return profileInfo(name, c && k ? { ...c, ...k } : (c ?? k));
  });
  // "default" first, then by name: a stable order for quick picks and the tree.
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  profiles.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : byName(a, b)));
  ssoSessions.sort(byName);
  return { profiles, ssoSessions };
}

/** The files the SDK reads, as it names them (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, ~ expanded). */
function sharedFiles(): string[] {
  const home = getHomeDir();
  const expand = (p: string) => (p.startsWith('~/') ? path.join(home, p.slice(2)) : p);
  return [
    expand(process.env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config')),
    expand(process.env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials')),
  ];
}

async function fingerprint(files: string[]): Promise<string> {
  const parts = await Promise.all(files.map(async (f) => {
    try {
      const st = await fs.stat(f);
      return `${f}:${st.size}:${st.mtimeMs}:${st.ino}`;
    } catch {
      return `${f}:absent`;
    }
  }));
  return parts.join('|');
}

// The last listing and the files' size and modification time it came from: quick picks and the tree ask often,
// a 5,000-profile config takes tens of milliseconds to parse, and an unchanged file needs no second parse.
let last: { key: string; value: ListedProfiles } | undefined;

export async function listProfiles(): Promise<ListedProfiles> {
  const key = await fingerprint(sharedFiles());
  if (last?.key !== key) {
    const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
    last = { key, value: profilesFrom(configFile, credentialsFile) };
  }
  // Fresh arrays: a caller may sort or filter its copy.
  return { profiles: [...last.value.profiles], ssoSessions: [...last.value.ssoSessions] };
}

/** One sso-session by name (for AwsSession's `sso` option and sign-in), or undefined. */
export async function findSsoSession(name: string): Promise<SsoSessionInfo | undefined> {
  return (await listProfiles()).ssoSessions.find((s) => s.name === name);
}

/** The portal a profile signs in to: its sso-session, or the legacy start URL it names itself. */
export function ssoSessionOfProfile(p: ProfileInfo, sessions: SsoSessionInfo[]): SsoSessionInfo | undefined {
  if (p.ssoSession) return sessions.find((s) => s.name === p.ssoSession);
  if (p.ssoStartUrl && p.ssoRegion) return { name: p.name, startUrl: p.ssoStartUrl, region: p.ssoRegion, legacy: true };
  return undefined;
}
