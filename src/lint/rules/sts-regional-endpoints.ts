import { appendTo } from '../edit';
import { defineRule } from '../rule';
import { containers, envVars, get, isObj, namespaceOf } from '../walk';

export default defineRule({
  meta: {
    id: 'sts-regional-endpoints',
    category: 'eks',
    defaultSeverity: 'info',
    description: 'A pod using IRSA does not set AWS_STS_REGIONAL_ENDPOINTS=regional.',
    rationale:
      'Older AWS SDKs exchange the IRSA web identity token at the global STS endpoint in us-east-1: extra latency and a dependency on one Region. The EKS Best Practices Guide (security: IAM, IRSA) and the EKS user guide recommend the regional endpoint, set by this variable or the ServiceAccount annotation eks.amazonaws.com/sts-regional-endpoints: "true".',
    fixable: 'fix',
    crossDocument: true,
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      const name = typeof pod.spec.serviceAccountName === 'string' ? pod.spec.serviceAccountName : 'default';
      const sa = ctx.workspace.find('ServiceAccount', namespaceOf(pod.object), name);
      const annotations = sa ? get(sa.value, ['metadata', 'annotations']) : undefined;
      if (!isObj(annotations) || typeof annotations['eks.amazonaws.com/role-arn'] !== 'string') continue;
      if (String(annotations['eks.amazonaws.com/sts-regional-endpoints']) === 'true') continue;
      for (const c of containers(pod, ['containers'])) {
        if (envVars(c).some((v) => v.name === 'AWS_STS_REGIONAL_ENDPOINTS' && v.entry.value === 'regional')) continue;
        ctx.report({
          object: pod.object,
          path: c.path,
          message: `container "${c.name}" uses IRSA (ServiceAccount ${name}) without AWS_STS_REGIONAL_ENDPOINTS=regional: older SDKs call the global STS endpoint.`,
          fix: { title: 'Add AWS_STS_REGIONAL_ENDPOINTS=regional', edits: appendTo(pod.object, [...c.path, 'env'], { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' }) },
          related: [{ object: sa!, path: ['metadata', 'annotations', 'eks.amazonaws.com/role-arn'], message: `ServiceAccount ${name} assumes an IAM role` }],
        });
      }
    }
  },
});
