// How an explorer scope is written in the `wharf.profiles` setting: a profile name as the AWS config names it, or
// `sso:<session>/<accountId>/<roleName>` for an sso-session account role browsed without writing a profile (the same
// string as AwsSession's label for it). Plain strings keep the setting readable and editable by hand. No vscode here:
// the tree reads the setting with the same parser.
import type { AwsScope } from '../../views/target';

export type ProfileScope = Omit<AwsScope, 'region'>;

const SSO = /^sso:([^/]+)\/(\d{12})\/(.+)$/;

export function parseProfileEntry(entry: string): ProfileScope {
  const s = entry.trim();
  const m = SSO.exec(s);
  if (m) return { sso: { session: m[1], accountId: m[2], roleName: m[3] } };
  return { profile: s };
}

export function formatProfileEntry(scope: ProfileScope): string {
  if (scope.sso) return `sso:${scope.sso.session}/${scope.sso.accountId}/${scope.sso.roleName}`;
  return scope.profile ?? 'default';
}

/** The scopes the explorer shows for a `wharf.profiles` value; empty means one scope: the SDK's default chain. */
export function scopesOf(entries: readonly string[]): ProfileScope[] {
  const seen = new Set<string>();
  const out: ProfileScope[] = [];
  for (const e of entries) {
    const scope = parseProfileEntry(e);
    const key = formatProfileEntry(scope);
    if (!e.trim() || seen.has(key)) continue;
    seen.add(key);
    out.push(scope);
  }
  return out.length ? out : [{}];
}

/** A short label for the status bar and pickers: "wharf-admin", "Admin @ 123456789012 (my-sso)", "default credentials". */
export function profileLabel(scope: ProfileScope): string {
  if (scope.sso) return `${scope.sso.roleName} @ ${scope.sso.accountId} (${scope.sso.session})`;
  return scope.profile ?? 'default credentials';
}

/** The item's text and tooltip lines for the settings and the Regions actually shown. Pure. */
export function statusText(profiles: readonly string[], regions: readonly string[]): { text: string; lines: string[] } {
  const scopes = scopesOf(profiles);
  const who = scopes.length === 1 ? profileLabel(scopes[0]).replace(/ \(.*\)$/, '') : scopes.length === 2 ? scopes.map((s) => profileLabel(s).replace(/ \(.*\)$/, '')).join(', ') : `${scopes.length} profiles`;
  const where = regions.length <= 2 ? regions.join(', ') : `${regions[0]} +${regions.length - 1}`;
  return {
    text: `$(cloud) ${[who, where].filter(Boolean).join(' · ')}`,
    lines: [
      `**Profiles:** ${profiles.length ? profiles.map((p) => `\`${profileLabel(parseProfileEntry(p))}\``).join(', ') : 'default credentials (environment, AWS_PROFILE, default profile)'}`,
      `**Regions:** ${regions.length ? regions.map((r) => `\`${r}\``).join(', ') : "each profile's own Region"}`,
    ],
  };
}
