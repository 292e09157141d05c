import { defineRule } from '../rule';
import { get, isObj } from '../walk';

const BROAD_GROUPS = new Set(['system:authenticated', 'system:anonymous', 'system:unauthenticated']);

export default defineRule({
  meta: {
    id: 'no-cluster-admin-binding',
    category: 'security',
    defaultSeverity: 'error',
    description: 'A binding grants cluster-admin to a ServiceAccount or to every (or anonymous) user.',
    rationale:
      'cluster-admin can do anything in the cluster; bound to a ServiceAccount, any pod using it (or anyone who steals its token) owns the cluster, and bound to system:authenticated or system:anonymous, so does everyone. Amazon GuardDuty reports such bindings, and the EKS Best Practices Guide (security: IAM) asks for least privilege.',
    fixable: 'none',
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'ClusterRoleBinding' && o.kind !== 'RoleBinding') continue;
      if (get(o.value, ['roleRef', 'kind']) !== 'ClusterRole' || get(o.value, ['roleRef', 'name']) !== 'cluster-admin') continue;
      const subjects = o.value.subjects;
      if (!Array.isArray(subjects)) continue;
      subjects.forEach((s, i) => {
        if (!isObj(s)) return;
        const who =
          s.kind === 'ServiceAccount' ? `ServiceAccount ${String(s.namespace ?? o.namespace ?? 'default')}/${String(s.name)}`
          : (s.kind === 'Group' || s.kind === 'User') && BROAD_GROUPS.has(String(s.name)) ? `${String(s.kind)} ${String(s.name)}`
          : undefined;
        if (!who) return;
        ctx.report({ object: o, path: ['subjects', i, 'name'], message: `grants cluster-admin to ${who}; bind a Role with only the permissions it needs.` });
      });
    }
  },
});
