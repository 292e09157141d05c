import { setIn } from '../edit';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'hpa-min-replicas',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'An HPA may scale its target down to a single replica.',
    rationale:
      'At minReplicas 1 a quiet period leaves one pod, and the next node drain or zone event is an outage. The EKS Best Practices Guide (reliability: applications) asks for at least two replicas at all times.',
    fixable: 'suggest',
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'HorizontalPodAutoscaler') continue;
      const min = (o.value.spec as Record<string, unknown> | undefined)?.minReplicas;
      const value = typeof min === 'number' ? min : 1;
      if (value >= 2) continue;
      ctx.report({
        object: o,
        path: typeof min === 'number' ? ['spec', 'minReplicas'] : ['spec'],
        prefer: typeof min === 'number' ? 'value' : 'key',
        message: `${typeof min === 'number' ? `has minReplicas ${min}` : 'sets no minReplicas (1 by default)'}; keep at least 2 so one disruption isn't an outage.`,
        suggest: [{ title: 'Set minReplicas: 2', edits: setIn(o, ['spec', 'minReplicas'], 2) }],
      });
    }
  },
});
