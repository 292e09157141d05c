import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'no-default-service-account',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'A workload runs as its namespace\'s `default` ServiceAccount.',
    rationale:
      'Every pod that names no ServiceAccount shares `default`, so a permission granted to one of them is granted to all. Amazon GuardDuty flags the default ServiceAccount being given access (Policy:Kubernetes/...), and the EKS Best Practices Guide (security: IAM, "use dedicated service accounts") asks for one ServiceAccount per application.',
    fixable: 'none',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      const key = typeof pod.spec.serviceAccountName === 'string' ? 'serviceAccountName' : typeof pod.spec.serviceAccount === 'string' ? 'serviceAccount' : undefined;
      const name = key ? (pod.spec[key] as string) : undefined;
      if (name && name !== 'default') continue;
      ctx.report({
        object: pod.object,
        path: key ? [...pod.specPath, key] : pod.specPath,
        prefer: key ? 'value' : 'key',
        message: key ? 'runs as the default ServiceAccount; give it a ServiceAccount of its own.' : 'names no ServiceAccount, so it runs as `default`; give it a ServiceAccount of its own.',
      });
    }
  },
});
