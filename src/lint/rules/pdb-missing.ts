import { defineRule } from '../rule';
import { multiReplica, pdbsSelecting } from './_replicas';

export default defineRule({
  meta: {
    id: 'pdb-missing',
    category: 'reliability',
    defaultSeverity: 'info',
    description: 'A multi-replica workload is selected by no PodDisruptionBudget.',
    rationale:
      'Node drains (managed node group updates, Karpenter consolidation, cluster upgrades) evict pods without limit unless a PodDisruptionBudget says how many may be down at once. The EKS Best Practices Guide (reliability: applications, "use pod disruption budgets") recommends one for each replicated workload.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      const multi = multiReplica(ctx.workspace, pod);
      if (!multi) continue;
      if (pdbsSelecting(ctx.workspace, pod).length > 0) continue;
      ctx.report({
        object: pod.object,
        path: ['metadata', 'name'],
        message: `${multi.hpa ? `may scale to ${multi.replicas} replicas` : `runs ${multi.replicas} replicas`} but no PodDisruptionBudget selects its pods: a node drain may evict them all at once; add one with maxUnavailable: 1 (the "k8s-pdb" snippet).`,
      });
    }
  },
});
