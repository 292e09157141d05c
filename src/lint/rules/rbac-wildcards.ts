import { defineRule } from '../rule';
import { isObj } from '../walk';

// What a "*" in each field hands over, beyond what the author probably meant. Secrets and pods/exec live in the core
// group (""), so a wildcard resource hands them over only when the rule's groups include it.
const FIELDS: Record<'apiGroups' | 'resources' | 'verbs', (groups: unknown[]) => string> = {
  apiGroups: () => 'every API group, including CRDs installed later',
  resources: (groups) =>
    groups.includes('') || groups.includes('*')
      ? 'every resource, Secrets and subresources such as pods/exec included'
      : `every resource of ${groups.length === 1 ? 'the API group' : 'the API groups'} ${groups.map((g) => `"${String(g)}"`).join(', ')}, subresources included`,
  verbs: () => 'every verb, including escalate, bind and impersonate where they apply',
};

export default defineRule({
  meta: {
    id: 'rbac-wildcards',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'A Role or ClusterRole uses "*" in apiGroups, resources or verbs.',
    rationale:
      'A wildcard grants everything that exists today and everything added later (new resources, CRDs, subresources such as pods/exec). The EKS Best Practices Guide (security: identity and access management, "employ least privileged access") and the Kubernetes RBAC good practices ask for explicit lists. Only the exact "*" is reported; narrower patterns such as "*/scale" are left alone.',
    fixable: 'none',
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'Role' && o.kind !== 'ClusterRole') continue;
      const rules = o.value.rules;
      if (!Array.isArray(rules)) continue;
      rules.forEach((r, i) => {
        if (!isObj(r)) return;
        const groups = Array.isArray(r.apiGroups) ? r.apiGroups : [''];
        for (const [field, grants] of Object.entries(FIELDS)) {
          const list = r[field];
          if (!Array.isArray(list)) continue;
          const at = list.indexOf('*');
          if (at < 0) continue;
          ctx.report({ object: o, path: ['rules', i, field, at], message: `rule ${i + 1} allows ${grants(groups)} ("*" in ${field}); list only what is needed.` });
        }
      });
    }
  },
});
