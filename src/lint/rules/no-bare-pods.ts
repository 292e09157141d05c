import { defineRule } from '../rule';
import { isObj } from '../walk';

export default defineRule({
  meta: {
    id: 'no-bare-pods',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A Pod is created directly, not by a controller.',
    rationale:
      'A bare Pod is not rescheduled when its node is drained, replaced or reclaimed (Spot, Karpenter consolidation, AMI updates). The EKS Best Practices Guide (reliability: applications, "avoid running singleton pods") asks for a Deployment, StatefulSet or Job.',
    fixable: 'none',
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'Pod') continue;
      const owners = (o.value.metadata as Record<string, unknown> | undefined)?.ownerReferences;
      if (Array.isArray(owners) && owners.some((r) => isObj(r) && r.controller === true)) continue;
      ctx.report({ object: o, path: ['kind'], message: 'is a bare Pod: nothing recreates it when its node goes away; use a Deployment, StatefulSet or Job.' });
    }
  },
});
