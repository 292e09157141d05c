import { lookupDeprecated } from '../data/deprecated-apis';
import { setIn } from '../edit';
import { defineRule } from '../rule';
import { atLeast, formatVersion } from '../version';

export default defineRule({
  meta: {
    id: 'deprecated-api',
    category: 'eks',
    defaultSeverity: 'error',
    description: 'An apiVersion is removed (error) or deprecated (warning) at the target Kubernetes version.',
    rationale:
      'The API server rejects manifests of removed API versions, so a cluster upgrade breaks every pipeline that still applies them. The Amazon EKS upgrade guide and the Kubernetes Deprecated API Migration Guide ask to migrate before upgrading; the target version comes from .wharf.yaml, the setting, --k8s-version or the linked cluster.',
    fixable: 'fix',
  },
  check(ctx) {
    const target = ctx.targetVersion;
    for (const o of ctx.objects) {
      const d = lookupDeprecated(o.apiVersion, o.kind);
      if (!d || !atLeast(target, d.deprecatedIn)) continue;
      const removed = d.removedIn !== undefined && atLeast(target, d.removedIn);
      // Prefer the newest replacement the target serves.
      const replacement = d.replacement && d.replacementSince && !atLeast(target, d.replacementSince) && d.fallback && atLeast(target, d.fallback.since) ? d.fallback.apiVersion : d.replacement;
      const instead = replacement ? `use ${replacement}${d.replacement === replacement && d.replacementSince ? ` (available since ${d.replacementSince})` : ''}` : 'it has no replacement';
      const when = removed ? `was removed in Kubernetes ${d.removedIn}` : `is deprecated since ${d.deprecatedIn}${d.removedIn ? ` and removed in ${d.removedIn}` : ''}`;
      ctx.report({
        object: o,
        path: ['apiVersion'],
        severity: removed ? 'error' : 'warning',
        message: `${o.apiVersion} ${o.kind} ${when} (target ${formatVersion(target)}); ${instead}${d.note ? `: ${d.note}` : '.'}`,
        ...(replacement && d.sameSchema && d.kinds.includes(o.kind)
          ? { fix: { title: `Change apiVersion to ${replacement}`, edits: setIn(o, ['apiVersion'], replacement) } }
          : {}),
      });
    }
  },
});
