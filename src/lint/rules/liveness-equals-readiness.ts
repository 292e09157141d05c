import { isDeepStrictEqual } from 'node:util';
import { defineRule } from '../rule';
import { isObj } from '../walk';

// Timing that only shifts when a probe starts or how often it runs: with the same handler and thresholds, the
// probes still fail together under load.
const TIMING = ['initialDelaySeconds', 'periodSeconds'];
// The API server's defaults, so `failureThreshold: 3` and an unset one compare equal.
const DEFAULTS: Record<string, unknown> = { failureThreshold: 3, successThreshold: 1, timeoutSeconds: 1 };

/** The probe without its timing fields and with defaults filled in; undefined when it is not a map. */
function failureMode(probe: unknown): Record<string, unknown> | undefined {
  if (!isObj(probe)) return undefined;
  const out: Record<string, unknown> = { ...DEFAULTS };
  for (const [k, v] of Object.entries(probe)) if (!TIMING.includes(k)) out[k] = v;
  return out;
}

export default defineRule({
  meta: {
    id: 'liveness-equals-readiness',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container\'s livenessProbe has the same check and thresholds as its readinessProbe.',
    rationale:
      'With identical probes, a pod that is only overloaded (and should just leave the load balancer for a while) is restarted as well, and restarts under load cascade across replicas. The EKS Best Practices Guide (reliability: applications, "use liveness probes to remove unhealthy pods") asks for a liveness probe that checks only that the process is alive, with a higher failure threshold than readiness.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const { livenessProbe, readinessProbe } = c.container;
      if (livenessProbe === undefined || livenessProbe === null || readinessProbe === undefined) continue;
      // Compared as data: key order, flow or block style and quoting don't matter.
      const liveness = failureMode(livenessProbe);
      if (!liveness || !isDeepStrictEqual(liveness, failureMode(readinessProbe))) continue;
      const timing = isDeepStrictEqual(livenessProbe, readinessProbe) ? [] : TIMING.filter((k) => !isDeepStrictEqual((livenessProbe as Record<string, unknown>)[k], (readinessProbe as Record<string, unknown>)[k]));
      const what = timing.length ? `the same liveness and readiness check and thresholds (they differ only in ${timing.join(' and ')})` : 'identical liveness and readiness probes';
      ctx.report({
        object: c.pod.object,
        path: [...c.path, 'livenessProbe'],
        prefer: 'key',
        message: `container "${c.name}" has ${what}: a busy pod is restarted instead of only taken out of rotation; make the liveness check cheaper or its failureThreshold higher.`,
      });
    }
  },
});
