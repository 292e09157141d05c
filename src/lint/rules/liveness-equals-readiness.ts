import { isDeepStrictEqual } from 'node:util';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'liveness-equals-readiness',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container\'s livenessProbe is identical to its readinessProbe.',
    rationale:
      'With identical probes, a pod that is only overloaded (and should just leave the load balancer for a while) is restarted as well, and restarts under load cascade across replicas. The EKS Best Practices Guide (reliability: applications, "use liveness probes to remove unhealthy pods") asks for a liveness probe that checks only that the process is alive, with a higher failure threshold than readiness.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const { livenessProbe, readinessProbe } = c.container;
      if (livenessProbe === undefined || livenessProbe === null || readinessProbe === undefined) continue;
      // Compared as data: key order, flow or block style and quoting don't matter.
      if (!isDeepStrictEqual(livenessProbe, readinessProbe)) continue;
      ctx.report({
        object: c.pod.object,
        path: [...c.path, 'livenessProbe'],
        prefer: 'key',
        message: `container "${c.name}" has identical liveness and readiness probes: a busy pod is restarted instead of only taken out of rotation; make the liveness check cheaper or its failureThreshold higher.`,
      });
    }
  },
});
