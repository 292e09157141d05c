import { defineRule } from '../rule';
import { get, isObj } from '../walk';

// Groups that stand for everyone, or for every ServiceAccount of the cluster or of a namespace.
const EVERYONE = new Set(['system:authenticated', 'system:unauthenticated', 'system:anonymous']);

/** Who a subject is, when granting it cluster-admin is the hazard this rule is about; undefined otherwise. */
function hazardous(s: Record<string, unknown>, bindingNamespace: string | undefined): string | undefined {
  const name = typeof s.name === 'string' ? s.name : undefined;
  if (!name) return undefined;
  if (s.kind === 'ServiceAccount') return `ServiceAccount ${String(s.namespace ?? bindingNamespace ?? 'default')}/${name}`;
  if ((s.kind === 'Group' || s.kind === 'User') && EVERYONE.has(name)) return `${s.kind} ${name} (${name === 'system:authenticated' ? 'anyone with credentials to the cluster' : 'anonymous requests'})`;
  if (s.kind === 'Group' && (name === 'system:serviceaccounts' || name.startsWith('system:serviceaccounts:'))) {
    return `Group ${name} (every ServiceAccount ${name === 'system:serviceaccounts' ? 'of the cluster' : `of namespace ${name.slice('system:serviceaccounts:'.length)}`})`;
  }
  // A ServiceAccount may also be named as a User by its username.
  if (s.kind === 'User' && name.startsWith('system:serviceaccount:')) return `ServiceAccount ${name.slice('system:serviceaccount:'.length).replace(':', '/')}`;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'no-cluster-admin-binding',
    category: 'security',
    defaultSeverity: 'error',
    description: 'A binding grants cluster-admin to a ServiceAccount or to every (or anonymous) user.',
    rationale:
      'cluster-admin can do anything in the cluster; bound to a ServiceAccount, any pod using it (or anyone who steals its token) owns the cluster, and bound to system:authenticated or system:anonymous, so does everyone. Amazon GuardDuty reports such bindings (e.g. Policy:Kubernetes/AnonymousAccessGranted, Policy:Kubernetes/AdminAccessToDefaultServiceAccount), and the EKS Best Practices Guide (security: identity and access management) asks for least privilege.',
    fixable: 'none',
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'ClusterRoleBinding' && o.kind !== 'RoleBinding') continue;
      if (get(o.value, ['roleRef', 'kind']) !== 'ClusterRole' || get(o.value, ['roleRef', 'name']) !== 'cluster-admin') continue;
      const subjects = o.value.subjects;
      if (!Array.isArray(subjects)) continue;
      // Through a RoleBinding, cluster-admin is "only" every permission in one namespace, its Secrets and RBAC included.
      const scope = o.kind === 'RoleBinding' ? `in namespace ${o.namespace ?? 'default'}` : 'across the cluster';
      subjects.forEach((s, i) => {
        if (!isObj(s)) return;
        const who = hazardous(s, o.namespace);
        if (!who) return;
        ctx.report({
          object: o,
          path: ['subjects', i, 'name'],
          message: `grants cluster-admin ${scope} to ${who}; bind a Role or ClusterRole with only the permissions it needs.`,
        });
      });
    }
  },
});
