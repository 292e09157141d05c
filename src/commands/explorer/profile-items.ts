// The rows of the profile picker, from listProfiles(): pure, so that 5,000 profiles are built and tested without VS
// Code. The person's current profiles come first; sso-sessions are offered for browsing their accounts.
import type { ProfileInfo, SsoSessionInfo } from '../../aws/profiles';
import { formatProfileEntry, parseProfileEntry, profileLabel } from './profile-entry';

export type ProfileRow =
  | { kind: 'default'; label: string; description: string; entry: undefined; picked: boolean }
  | { kind: 'profile'; label: string; description: string; entry: string; picked: boolean }
  | { kind: 'ssoSession'; label: string; description: string; session: string }
  | { kind: 'separator'; label: string };

const KIND_TEXT: Record<ProfileInfo['kind'], string> = {
  static: 'access keys',
  sso: 'IAM Identity Center',
  'assume-role': 'assume role',
  process: 'credential_process',
  'web-identity': 'web identity',
  other: '',
};

export function describeProfile(p: ProfileInfo): string {
  const parts = [KIND_TEXT[p.kind]];
  if (p.kind === 'sso' && p.ssoSession) parts[0] = `IAM Identity Center (${p.ssoSession})`;
  if (p.kind === 'assume-role' && p.roleArn) parts.push(p.roleArn.replace(/^arn:[^:]+:iam::/, ''));
  if (p.mfaSerial) parts.push('MFA');
  if (p.region) parts.push(p.region);
  return parts.filter(Boolean).join(' · ');
}

export function profileRows(profiles: readonly ProfileInfo[], ssoSessions: readonly SsoSessionInfo[], current: readonly string[]): ProfileRow[] {
  const chosen = new Set(current.map((e) => formatProfileEntry(parseProfileEntry(e))));
  const rows: ProfileRow[] = [];
  rows.push({
    kind: 'default',
    label: 'Default credentials',
    description: 'environment, AWS_PROFILE, [default], or instance role',
    entry: undefined,
    picked: chosen.size === 0,
  });
  // SSO account roles chosen earlier have no profile of their own: keep them pickable.
  const ssoScopes = current.filter((e) => parseProfileEntry(e).sso);
  const sorted = [...profiles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const mine = sorted.filter((p) => chosen.has(p.name));
  const rest = sorted.filter((p) => !chosen.has(p.name));
  const row = (p: ProfileInfo): ProfileRow => ({ kind: 'profile', label: p.name, description: describeProfile(p), entry: p.name, picked: chosen.has(p.name) });
  if (mine.length || ssoScopes.length) {
    rows.push({ kind: 'separator', label: 'shown now' });
    rows.push(...mine.map(row));
    rows.push(...ssoScopes.map((e): ProfileRow => ({ kind: 'profile', label: profileLabel(parseProfileEntry(e)), description: 'IAM Identity Center account role', entry: e, picked: true })));
  }
  if (rest.length) {
    rows.push({ kind: 'separator', label: 'profiles' });
    rows.push(...rest.map(row));
  }
  if (ssoSessions.length) {
    rows.push({ kind: 'separator', label: 'IAM Identity Center' });
    for (const s of ssoSessions) rows.push({ kind: 'ssoSession', label: `Accounts and roles of ${s.name}…`, description: s.startUrl, session: s.name });
  }
  return rows;
}
