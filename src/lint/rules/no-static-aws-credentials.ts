import { defineRule } from '../rule';
import { envVars } from '../walk';

export const AWS_CREDENTIAL_VARS = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

export default defineRule({
  meta: {
    id: 'no-static-aws-credentials',
    category: 'security',
    defaultSeverity: 'error',
    description: 'A pod gets AWS credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.',
    rationale:
      'Long-lived IAM user keys in a pod never rotate and leak with the manifest, the Secret or the process environment. The EKS Best Practices Guide (security: IAM) asks for IAM Roles for Service Accounts (IRSA) or EKS Pod Identity, which hand the pod short-lived credentials.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      for (const { index: i, name, entry: e } of envVars(c)) {
        if (!AWS_CREDENTIAL_VARS.has(name)) continue;
        if (e.value === undefined && e.valueFrom === undefined) continue;
        ctx.report({
          object: c.pod.object,
          path: [...c.path, 'env', i, 'name'],
          message: `container "${c.name}" sets ${name}: static AWS keys; use IRSA or EKS Pod Identity instead.`,
        });
      }
    }
  },
});
