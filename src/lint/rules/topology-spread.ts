import { setIn } from '../edit';
import { defineRule } from '../rule';
import { get, isObj } from '../walk';
import { isMultiReplica } from '../workloads';

const SPREAD_KEYS = new Set(['topology.kubernetes.io/zone', 'kubernetes.io/hostname', 'failure-domain.beta.kubernetes.io/zone']);

export default defineRule({
  meta: {
    id: 'topology-spread',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A multi-replica workload is not spread over zones (no topology spread constraint or pod anti-affinity).',
    rationale:
      'Without a spread constraint the scheduler may put every replica in one Availability Zone or on one node, so a zone outage or a node drain takes them all. The EKS Best Practices Guide (reliability: applications, "spread replicas across AZs") recommends topologySpreadConstraints over topology.kubernetes.io/zone.',
    fixable: 'suggest',
    crossDocument: true,
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      if (!isMultiReplica(ctx.workspace, pod)) continue;
      const tsc = pod.spec.topologySpreadConstraints;
      if (Array.isArray(tsc) && tsc.some((t) => isObj(t) && SPREAD_KEYS.has(String(t.topologyKey)))) continue;
      const anti = get(pod.spec, ['affinity', 'podAntiAffinity']);
      if (isObj(anti) && (anti.requiredDuringSchedulingIgnoredDuringExecution || anti.preferredDuringSchedulingIgnoredDuringExecution)) continue;
      const constraint = {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: pod.labels },
      };
      ctx.report({
        object: pod.object,
        path: pod.specPath,
        prefer: 'key',
        message: 'runs several replicas with no topology spread constraint or pod anti-affinity: they may all land in one zone.',
        suggest: Object.keys(pod.labels).length
          ? [{ title: 'Spread replicas over zones', edits: setIn(pod.object, [...pod.specPath, 'topologySpreadConstraints'], [constraint]) }]
          : [],
      });
    }
  },
});
