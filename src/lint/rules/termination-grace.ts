import { setIn } from '../edit';
import { defineRule } from '../rule';
import { containers } from '../walk';
import { preStopSleepSeconds } from './_probes';

const DEFAULT_GRACE = 30;

export default defineRule({
  meta: {
    id: 'termination-grace',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'terminationGracePeriodSeconds is shorter than the preStop sleep plus time to shut down.',
    rationale:
      'The grace period counts from the start of the preStop hook: when the hook sleeps for most of it, the process is killed before it can drain in-flight requests. The EKS Best Practices Guide (reliability: applications, graceful shutdown) asks for a grace period longer than the preStop sleep plus the application\'s shutdown time.',
    fixable: 'fix',
    options: {
      marginSeconds: { type: 'number', default: 5, description: 'Seconds the application needs to shut down after the preStop sleep.' },
    },
  },
  check(ctx) {
    const margin = ctx.options.marginSeconds as number;
    for (const pod of ctx.pods()) {
      let longest = 0;
      for (const c of containers(pod, ['containers'])) longest = Math.max(longest, preStopSleepSeconds(c.container) ?? 0);
      if (longest === 0) continue;
      const declared = pod.spec.terminationGracePeriodSeconds;
      const grace = typeof declared === 'number' ? declared : DEFAULT_GRACE;
      if (grace >= longest + margin) continue;
      const want = longest + margin;
      ctx.report({
        object: pod.object,
        path: typeof declared === 'number' ? [...pod.specPath, 'terminationGracePeriodSeconds'] : pod.specPath,
        prefer: typeof declared === 'number' ? 'value' : 'key',
        message: `terminationGracePeriodSeconds is ${grace}${typeof declared === 'number' ? '' : ' (default)'} but preStop sleeps ${longest}s: allow at least ${want}s.`,
        fix: { title: `Set terminationGracePeriodSeconds: ${want}`, edits: setIn(pod.object, [...pod.specPath, 'terminationGracePeriodSeconds'], want) },
      });
    }
  },
});
