import { defineRule } from '../rule';
import { serviceAccountOf } from './_service-account';

export default defineRule({
  meta: {
    id: 'no-default-service-account',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'A workload runs as its namespace\'s `default` ServiceAccount.',
    rationale:
      'Every pod that names no ServiceAccount shares `default`, so a permission granted to one of them (an RBAC binding, an IRSA role, a Pod Identity association) is granted to all. Amazon GuardDuty reports the default ServiceAccount being given admin access (Policy:Kubernetes/AdminAccessToDefaultServiceAccount), and the EKS Best Practices Guide (security: identity and access management) asks for a dedicated ServiceAccount per application.',
    fixable: 'none',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      const sa = serviceAccountOf(pod);
      if (sa.name !== 'default') continue;
      const advice = 'create a ServiceAccount for this workload and name it in serviceAccountName.';
      ctx.report({
        object: pod.object,
        path: sa.key ? [...pod.specPath, sa.key] : pod.specPath,
        prefer: sa.key ? 'value' : 'key',
        message: sa.key
          ? `runs as the \`default\` ServiceAccount, which every pod of the namespace shares; ${advice}`
          : `names no ServiceAccount, so it runs as \`default\`, which every pod of the namespace shares; ${advice}`,
      });
    }
  },
});
