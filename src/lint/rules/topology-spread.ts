import { appendTo } from '../edit';
import { defineRule } from '../rule';
import { get, isObj } from '../walk';
import { multiReplica } from './_replicas';

// Zone keys (the deprecated beta label is still set on older nodes) and the node key: spreading over either keeps
// one failure from taking every replica.
const SPREAD_KEYS: ReadonlySet<string> = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone', 'kubernetes.io/hostname']);

function nonEmpty(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

export default defineRule({
  meta: {
    id: 'topology-spread',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A multi-replica workload has no zone (or node) topology spread constraint and no pod anti-affinity.',
    rationale:
      'Without a spread constraint the scheduler may place every replica in one Availability Zone, or on one node, so a single zone outage or node drain takes them all down. The EKS Best Practices Guide (reliability: applications, "spread replicas across nodes and Availability Zones") recommends topologySpreadConstraints over topology.kubernetes.io/zone, or pod anti-affinity.',
    fixable: 'suggest',
    crossDocument: true,
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      const multi = multiReplica(ctx.workspace, pod);
      if (!multi) continue;
      const tsc = pod.spec.topologySpreadConstraints;
      if (Array.isArray(tsc) && tsc.some((t) => isObj(t) && typeof t.topologyKey === 'string' && SPREAD_KEYS.has(t.topologyKey))) continue;
      const anti = get(pod.spec, ['affinity', 'podAntiAffinity']);
      if (isObj(anti) && (nonEmpty(anti.requiredDuringSchedulingIgnoredDuringExecution) || nonEmpty(anti.preferredDuringSchedulingIgnoredDuringExecution))) continue;

      const tscPath = [...pod.specPath, 'topologySpreadConstraints'];
      // ScheduleAnyway: a skew the zones can't meet (one zone full, or fewer zones than replicas) must not leave
      // pods Pending; the scheduler still prefers the spread.
      const constraint = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: pod.labels } };
      const hasLabels = Object.keys(pod.labels).length > 0;
      const hpa = multi.hpa;
      ctx.report({
        object: pod.object,
        path: tsc === undefined ? pod.specPath : tscPath,
        prefer: 'key',
        message: `${hpa ? `may scale to ${multi.replicas} replicas` : `runs ${multi.replicas} replicas`} with no topology spread constraint over zones or nodes and no pod anti-affinity: they may all land in one Availability Zone; spread them over topology.kubernetes.io/zone.`,
        // Without template labels there is nothing for the constraint to count, so no edit is offered.
        suggest: hasLabels ? [{ title: 'Spread replicas over Availability Zones (maxSkew 1, ScheduleAnyway)', edits: () => appendTo(pod.object, tscPath, constraint) }] : [],
        ...(hpa ? { related: [{ object: hpa, path: ['spec', 'maxReplicas'], message: `HorizontalPodAutoscaler ${hpa.name} may scale it to ${multi.replicas} replicas` }] } : {}),
      });
    }
  },
});
