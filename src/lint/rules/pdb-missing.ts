import { defineRule } from '../rule';
import { isMultiReplica } from '../workloads';

export default defineRule({
  meta: {
    id: 'pdb-missing',
    category: 'reliability',
    defaultSeverity: 'info',
    description: 'A multi-replica workload has no PodDisruptionBudget.',
    rationale:
      'Node drains (managed node group updates, Karpenter consolidation, cluster upgrades) evict pods without limit unless a PodDisruptionBudget says how many may be down. The EKS Best Practices Guide (reliability: applications, "use pod disruption budgets") recommends one per replicated workload.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      if (pod.object.kind === 'Job' || pod.object.kind === 'CronJob' || pod.object.kind === 'DaemonSet') continue;
      if (!isMultiReplica(ctx.workspace, pod)) continue;
      if (ctx.workspace.selecting('PodDisruptionBudget', pod, ['spec', 'selector']).length) continue;
      ctx.report({ object: pod.object, path: ['metadata', 'name'], message: 'has no PodDisruptionBudget: a node drain may evict all its replicas at once (use the "k8s-pdb" snippet).' });
    }
  },
});
