import { setIn } from '../edit';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';
import { get } from '../walk';

export default defineRule({
  meta: {
    id: 'hpa-min-replicas',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'An HPA may scale its target down to fewer than 2 replicas.',
    rationale:
      'At minReplicas 1 a quiet period leaves a single pod, and the next node drain, Spot interruption or zone event is an outage. The EKS Best Practices Guide (reliability: applications, "run multiple replicas") asks for at least two replicas at all times.',
    fixable: 'suggest',
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'HorizontalPodAutoscaler') continue;
      const min = get(o.value, ['spec', 'minReplicas']);
      const explicit = typeof min === 'number';
      // minReplicas defaults to 1.
      if ((explicit ? min : 1) >= 2) continue;
      const max = get(o.value, ['spec', 'maxReplicas']);
      // minReplicas may not exceed maxReplicas: raise both when the maximum is below 2.
      const raiseMax = typeof max === 'number' && max < 2;
      // Made only when the suggestion is shown or applied.
      const edits = (): TextEdit[] | undefined => {
        const min2 = setIn(o, ['spec', 'minReplicas'], 2);
        if (!min2 || !raiseMax) return min2;
        const more = setIn(o, ['spec', 'maxReplicas'], 2);
        return more ? [...min2, ...more] : undefined;
      };
      ctx.report({
        object: o,
        path: explicit ? ['spec', 'minReplicas'] : ['spec'],
        prefer: explicit ? 'value' : 'key',
        message: `${explicit ? `has minReplicas ${min}` : 'sets no minReplicas (1 by default)'}: a quiet period leaves ${explicit && min === 0 ? 'no pod' : 'one pod'}, so one disruption is an outage; keep at least 2.`,
        suggest: [{ title: raiseMax ? 'Set minReplicas and maxReplicas to 2' : 'Set minReplicas: 2', edits }],
      });
    }
  },
});
