import { setIn } from '../edit';
import { defineRule } from '../rule';
import { get } from '../walk';
import { hpaOf } from './_replicas';

export default defineRule({
  meta: {
    id: 'replicas-min',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A Deployment or StatefulSet runs fewer than 2 replicas.',
    rationale:
      'One replica means downtime on every node drain, AMI update, Spot interruption or rollout. The EKS Best Practices Guide (reliability: applications) asks for at least two replicas spread over zones, unless an HPA keeps minReplicas at 2 or more.',
    fixable: 'suggest',
    crossDocument: true,
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      const o = pod.object;
      if (o.kind !== 'Deployment' && o.kind !== 'StatefulSet') continue;
      if ((pod.replicas ?? 1) >= 2) continue;
      const hpa = hpaOf(ctx.workspace, o);
      if (hpa) {
        const min = get(hpa.value, ['spec', 'minReplicas']);
        if ((typeof min === 'number' ? min : 1) >= 2) continue;
      }
      const explicit = get(o.value, ['spec', 'replicas']) !== undefined;
      ctx.report({
        object: o,
        path: explicit ? ['spec', 'replicas'] : ['spec'],
        message: explicit
          ? `runs ${pod.replicas} replica; run at least 2 so a node drain or zone outage doesn't take it down.`
          : 'sets no replicas (1 by default); run at least 2 so a node drain or zone outage doesn\'t take it down.',
        suggest: [{ title: 'Set replicas: 2', edits: () => setIn(o, ['spec', 'replicas'], 2) }],
        ...(hpa ? { related: [{ object: hpa, path: ['spec', 'minReplicas'], message: 'The HPA targeting it allows fewer than 2 replicas.' }] } : {}),
      });
    }
  },
});
