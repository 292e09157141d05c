import { isDeepStrictEqual } from 'node:util';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'liveness-equals-readiness',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container\'s livenessProbe is identical to its readinessProbe.',
    rationale:
      'When both probes are the same, a pod that is only busy (and should just leave the load balancer) is restarted too, and restarts under load cascade across replicas. The EKS Best Practices Guide (reliability: applications, probes) asks for a liveness probe that checks only that the process is alive, with a longer threshold.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const { livenessProbe, readinessProbe } = c.container;
      if (livenessProbe === undefined || readinessProbe === undefined) continue;
      if (!isDeepStrictEqual(livenessProbe, readinessProbe)) continue;
      ctx.report({
        object: c.pod.object,
        path: [...c.path, 'livenessProbe'],
        message: `container "${c.name}" has the same liveness and readiness probes: a busy pod gets restarted instead of only taken out of rotation.`,
      });
    }
  },
});
