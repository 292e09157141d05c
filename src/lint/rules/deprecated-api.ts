import { lookupDeprecated, type DeprecatedApi, type Replacement } from '../data/deprecated-apis';
import { setIn } from '../edit';
import { defineRule } from '../rule';
import { atLeast, formatVersion, type KubeVersion } from '../version';

const removedAt = (d: DeprecatedApi | undefined, target: KubeVersion) => d?.removedIn !== undefined && atLeast(target, d.removedIn);

/**
 * What to move to at the target version: the newest replacement it serves, else the newest one (served later);
 * replacements that are themselves gone by then are skipped, following the chain (extensions/v1beta1
 * PodSecurityPolicy -> policy/v1beta1 -> nothing).
 */
function resolve(d: DeprecatedApi, kind: string, target: KubeVersion, depth = 0): { rep?: Replacement; note?: string } {
  const live = d.replacements.filter((r) => !removedAt(lookupDeprecated(r.apiVersion, kind), target));
  if (live.length) return { rep: live.find((r) => atLeast(target, r.since)) ?? live[0] };
  const next = d.replacements.length ? lookupDeprecated(d.replacements[0].apiVersion, kind) : undefined;
  if (next && depth < 4) return resolve(next, kind, target, depth + 1);
  return { note: d.note };
}

export default defineRule({
  meta: {
    id: 'deprecated-api',
    category: 'eks',
    defaultSeverity: 'error',
    description: 'An apiVersion is removed (error) or deprecated (warning) at the target Kubernetes version.',
    rationale:
      'The API server rejects manifests of API versions it no longer serves, so a cluster upgrade breaks every pipeline that still applies them; deprecated versions warn first. The Kubernetes Deprecated API Migration Guide and the Amazon EKS cluster upgrade guidance ask to migrate before upgrading. The target version comes from .wharf.yaml kubernetesVersion, the editor setting, --k8s-version or the linked cluster, else the newest release this linter knows.',
    fixable: 'fix',
  },
  check(ctx) {
    const target = ctx.targetVersion;
    for (const o of ctx.objects) {
      const d = lookupDeprecated(o.apiVersion, o.kind);
      if (!d || !atLeast(target, d.deprecatedIn)) continue;
      const removed = removedAt(d, target);
      const { rep, note } = resolve(d, o.kind, target);
      const when = removed
        ? `was removed in Kubernetes ${d.removedIn} (target ${formatVersion(target)})`
        : `is deprecated since Kubernetes ${d.deprecatedIn}${d.removedIn ? ` and removed in ${d.removedIn}` : ', with no removal scheduled'} (target ${formatVersion(target)})`;
      let instead: string;
      let fixable = false;
      if (!rep) instead = `; nothing replaces it${note ? `: ${note}` : '.'}`;
      else {
        const served = atLeast(target, rep.since);
        const blocker = typeof rep.sameSchema === 'function' ? rep.sameSchema(o.value) : undefined;
        fixable = served && (rep.sameSchema === true || (typeof rep.sameSchema === 'function' && blocker === undefined));
        instead = `; use ${rep.apiVersion}${served ? '' : ` (served from ${rep.since})`}`;
        if (rep.note) instead += `: ${rep.note}`;
        else if (blocker) instead += `, but check the object first: ${blocker}.`;
        else instead += '.';
      }
      ctx.report({
        object: o,
        path: ['apiVersion'],
        severity: removed ? 'error' : 'warning',
        message: `${o.apiVersion} ${o.kind} ${when}${instead}`,
        fix: fixable && rep ? { title: `Change apiVersion to ${rep.apiVersion}`, edits: () => setIn(o, ['apiVersion'], rep.apiVersion) } : undefined,
      });
    }
  },
});
