// The 401/403 diagnosis as a Markdown document: what the cluster saw, why access failed, and the exact commands that
// fix it. Pure, unit-tested.
import type { AuthDiagnosis } from '../../kube/diagnose';
import type { KubeFailure } from '../../kube/model';
import type { EksClusterRef } from '../../views/target';

export interface DiagnosisFacts {
  ref: EksClusterRef;
  failure: KubeFailure;
  /** Problems met while gathering the facts (no permission to read access entries...). */
  notes?: string[];
}

/** Commands hold ARNs and names, never secrets; fence them so that they copy as they are. */
export function diagnosisMarkdown(d: AuthDiagnosis, f: DiagnosisFacts): string {
  const who = f.ref.sso ? `${f.ref.sso.roleName} in ${f.ref.sso.accountId} (sso-session ${f.ref.sso.session})` : f.ref.profile ? `profile ${f.ref.profile}` : 'the default credentials';
  const status = f.failure.status ?? (f.failure.kind === 'unauthorized' ? 401 : f.failure.kind === 'forbidden' ? 403 : undefined);
  const out = [`# ${d.title}`, '', `Cluster **${f.ref.clusterName}** (${f.ref.region}), as ${who}.`, ''];
  out.push(`The API server answered${status ? ` ${status}` : ''}: ${f.failure.message}`, '');
  for (const l of d.lines) out.push(l.startsWith('- ') || l.startsWith('#') || l === '' ? l : `- ${l}`);
  if (d.commands.length) {
    out.push('', '## Fix', '', 'Run as someone who administers the cluster (the commands name the IAM principal to grant):', '');
    for (const c of d.commands) out.push(/^\s*[a-z]+:/m.test(c) && !c.startsWith('aws ') && !c.startsWith('kubectl ') ? '```yaml' : '```sh', c, '```', '');
  }
  if (f.notes?.length) {
    out.push('', '## What could not be checked', '');
    for (const n of f.notes) out.push(`- ${n}`);
  }
  out.push('', d.commands.length ? '_"Copy Command" in the notification copies the fix. Once it has run, refresh the cluster in the Wharf view._' : '_Once access is fixed, refresh the cluster in the Wharf view._', '');
  return out.join('\n');
}
