import { defineRule } from '../rule';
import { get, isObj } from '../walk';

export default defineRule({
  meta: {
    id: 'no-bare-pods',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A Pod is created directly, not owned by a controller.',
    rationale:
      'A bare Pod is not recreated when its node is drained, replaced or reclaimed (managed node group updates, Spot interruptions, Karpenter consolidation), nor when it fails. The EKS Best Practices Guide (reliability: applications, "avoid running singleton Pods") asks for a Deployment, StatefulSet or Job instead.',
    fixable: 'none',
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'Pod') continue;
      // Pods a controller made (and mirror pods, owned by their Node) name that controller with controller: true.
      const owners = get(o.value, ['metadata', 'ownerReferences']);
      if (Array.isArray(owners) && owners.some((r) => isObj(r) && r.controller === true)) continue;
      ctx.report({
        object: o,
        path: ['kind'],
        message: 'is a bare Pod (no controller owns it): nothing recreates it when it fails or its node is drained; run it from a Deployment, StatefulSet or Job.',
      });
    }
  },
});
