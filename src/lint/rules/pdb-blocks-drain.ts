import { defineRule } from '../rule';
import { get } from '../walk';

function percent(v: unknown): number | undefined {
  return typeof v === 'string' && /^\d+%$/.test(v) ? Number(v.slice(0, -1)) : undefined;
}

export default defineRule({
  meta: {
    id: 'pdb-blocks-drain',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A PodDisruptionBudget allows no disruption (maxUnavailable 0, or minAvailable equal to the replicas).',
    rationale:
      'A budget that never allows an eviction blocks every node drain: managed node group updates stall and fail, and cluster upgrades and Karpenter consolidation can\'t proceed. The EKS Best Practices Guide (reliability: data plane, and the cluster upgrade guide) warns against it.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'PodDisruptionBudget') continue;
      const maxU = get(o.value, ['spec', 'maxUnavailable']);
      const minA = get(o.value, ['spec', 'minAvailable']);
      if (maxU === 0 || percent(maxU) === 0) {
        ctx.report({ object: o, path: ['spec', 'maxUnavailable'], message: 'allows no pod to be evicted (maxUnavailable: 0), so node drains never finish.' });
        continue;
      }
      if (percent(minA) === 100) {
        ctx.report({ object: o, path: ['spec', 'minAvailable'], message: 'requires every pod to stay up (minAvailable: 100%), so node drains never finish.' });
        continue;
      }
      if (typeof minA !== 'number') continue;
      const selector = get(o.value, ['spec', 'selector']);
      for (const pod of ctx.workspace.podsSelectedBy(o.namespace ?? 'default', selector)) {
        if (pod.replicas === undefined || minA < pod.replicas) continue;
        ctx.report({
          object: o,
          path: ['spec', 'minAvailable'],
          message: `requires ${minA} pods available but ${pod.object.kind} ${pod.object.name} runs ${pod.replicas}: no pod can be evicted, so node drains never finish.`,
          related: [{ object: pod.object, path: ['spec', 'replicas'], message: `${pod.object.kind} ${pod.object.name} runs ${pod.replicas} replicas` }],
        });
        break;
      }
    }
  },
});
