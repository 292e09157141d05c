import { defineRule } from '../rule';
import { hasPorts, isLongRunning } from './_probes';

export default defineRule({
  meta: {
    id: 'readiness-probe',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container that declares ports has no readinessProbe.',
    rationale:
      'Without a readiness probe a pod is added to Service endpoints and load balancer targets as soon as its processes start, before it can answer, and stays there when it stops answering. The EKS Best Practices Guide (reliability: applications, and networking: load balancing, "use readiness probes") asks for one on every container that serves traffic.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // Native sidecars count towards the pod's readiness too; run-to-completion init containers can't be probed.
      if (!isLongRunning(c) || !hasPorts(c.container)) continue;
      if (c.container.readinessProbe !== undefined) continue;
      ctx.report({
        object: c.pod.object,
        path: c.path,
        message: `container "${c.name}" declares ports but has no readinessProbe: it receives traffic before it is ready and while it can't answer; add one (the "k8s-deployment-eks" snippet has an example).`,
      });
    }
  },
});
