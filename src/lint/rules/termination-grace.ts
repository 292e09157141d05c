import { setIn } from '../edit';
import { defineRule } from '../rule';
import { containers } from '../walk';
import { isLongRunning, preStopSleepSeconds } from './_probes';

// The Kubernetes default when a pod spec sets none.
const DEFAULT_GRACE = 30;

export default defineRule({
  meta: {
    id: 'termination-grace',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'terminationGracePeriodSeconds is shorter than the longest preStop sleep plus time to shut down.',
    rationale:
      'The grace period counts from the start of the preStop hook: when the hook sleeps for most of it, the process gets SIGKILL before it can finish in-flight requests. The EKS Best Practices Guide (networking: load balancing, "gracefully shutdown applications") asks for a grace period long enough for the preStop delay and the application\'s own cleanup.',
    fixable: 'fix',
    options: {
      marginSeconds: { type: 'number', default: 5, description: 'Seconds the application needs to shut down after the preStop sleep ends.' },
    },
  },
  check(ctx) {
    const margin = ctx.options.marginSeconds as number;
    for (const pod of ctx.pods()) {
      let longest = 0;
      for (const c of containers(pod, ['initContainers', 'containers'])) {
        if (!isLongRunning(c)) continue;
        longest = Math.max(longest, preStopSleepSeconds(c.container) ?? 0);
      }
      if (longest === 0) continue;
      const declared = pod.spec.terminationGracePeriodSeconds;
      const explicit = typeof declared === 'number';
      const grace = explicit ? declared : DEFAULT_GRACE;
      const want = longest + margin;
      if (grace >= want) continue;
      const gracePath = [...pod.specPath, 'terminationGracePeriodSeconds'];
      ctx.report({
        object: pod.object,
        path: explicit ? gracePath : pod.specPath,
        prefer: explicit ? 'value' : 'key',
        message: `terminationGracePeriodSeconds is ${grace}${explicit ? '' : ' (the default)'} but a preStop hook sleeps ${longest}s, leaving ${Math.max(0, grace - longest)}s to shut down: raise it to at least ${want}.`,
        fix: { title: `Set terminationGracePeriodSeconds: ${want}`, edits: () => setIn(pod.object, gracePath, want) },
      });
    }
  },
});
