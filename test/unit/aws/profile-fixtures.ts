// A generated AWS config for scale tests (test/unit/aws/profiles.test.ts) and the benchmark (test/bench/profiles.ts).

/** A large organisation's config: half sso profiles over 10 sessions, half assume-role. Shared with the benchmark. */
export function generateConfig(n: number): string {
  const out: string[] = [];
  for (let s = 0; s < 10; s++) out.push(`[sso-session sso-${s}]\nsso_start_url = https://org-${s}.awsapps.com/start\nsso_region = us-east-1\n`);
  for (let i = 0; i < n; i++) {
    const account = String(100000000000 + i);
    out.push(i % 2
      ? `[profile team-${i}]\nsso_session = sso-${i % 10}\nsso_account_id = ${account}\nsso_role_name = Developer\nregion = eu-west-1\n`
      : `[profile team-${i}]\nrole_arn = arn:aws:iam::${account}:role/Admin\nsource_profile = default\nregion = us-east-1\n`);
  }
  return out.join('\n');
}
