import { defineRule } from '../rule';
import type { RelatedReport } from '../rule';
import { get } from '../walk';
import { podsOfPdb, replication } from './_replicas';

const PERCENT = /^(\d+)%$/;

function percent(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = PERCENT.exec(v.trim());
  return m ? Number(m[1]) : undefined;
}

export default defineRule({
  meta: {
    id: 'pdb-blocks-drain',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A PodDisruptionBudget allows no eviction (maxUnavailable 0, or minAvailable covering every replica).',
    rationale:
      'A budget that never allows an eviction blocks every node drain: managed node group updates stall and fail after their timeout, and cluster upgrades and Karpenter consolidation cannot proceed. The EKS Best Practices Guide (reliability: data plane, and the cluster upgrades guide) warns against PDBs that allow zero disruptions.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'PodDisruptionBudget') continue;
      const maxU = get(o.value, ['spec', 'maxUnavailable']);
      if (maxU !== undefined) {
        // A positive percentage always allows at least one pod: the disruption controller rounds it up.
        if (maxU === 0 || percent(maxU) === 0) {
          ctx.report({ object: o, path: ['spec', 'maxUnavailable'], message: `allows no pod to be evicted (maxUnavailable: ${String(maxU)}), so node drains never finish; allow at least 1.` });
        }
        continue;
      }
      const minA = get(o.value, ['spec', 'minAvailable']);
      const pct = percent(minA);
      if (pct !== undefined && pct >= 100) {
        ctx.report({ object: o, path: ['spec', 'minAvailable'], message: `requires every pod to stay up (minAvailable: ${String(minA)}), so node drains never finish; use maxUnavailable: 1.` });
        continue;
      }
      if ((typeof minA !== 'number' || !Number.isInteger(minA) || minA < 1) && pct === undefined) continue;

      // The budget counts the pods of everything it selects; the count is known only when each selected template
      // is a replicated workload (at its fewest replicas under an HPA) or a single Pod.
      const selected = podsOfPdb(ctx.workspace, o);
      if (selected.length === 0) continue;
      let total = 0;
      let known = true;
      const related: RelatedReport[] = [];
      const parts: string[] = [];
      for (const site of selected) {
        if (site.object.kind === 'Pod') {
          total += 1;
          parts.push(`Pod ${site.object.name}`);
          related.push({ object: site.object, message: `Pod ${site.object.name} is selected by this budget` });
          continue;
        }
        const r = replication(ctx.workspace, site);
        if (!r) {
          known = false;
          break;
        }
        total += r.min;
        const what = `${site.object.kind} ${site.object.name}`;
        parts.push(r.hpa ? `${what} may run ${r.min} (HorizontalPodAutoscaler ${r.hpa.name} minReplicas)` : `${what} runs ${r.min}`);
        related.push({
          object: site.object,
          path: r.hpa || get(site.object.value, ['spec', 'replicas']) === undefined ? ['metadata', 'name'] : ['spec', 'replicas'],
          message: r.hpa ? `${what} may scale down to ${r.min} replicas` : `${what} runs ${r.min} replica${r.min === 1 ? '' : 's'}`,
        });
      }
      if (!known || total === 0) continue;
      // Percentages are rounded up, as the disruption controller does.
      const needed = pct !== undefined ? Math.ceil((pct * total) / 100) : (minA as number);
      if (needed < total) continue;
      ctx.report({
        object: o,
        path: ['spec', 'minAvailable'],
        message: `requires ${pct !== undefined ? `${needed} (${pct}%)` : needed} pod${needed === 1 ? '' : 's'} available but ${parts.join(', ')}: no pod can be evicted, so node drains never finish; lower minAvailable or use maxUnavailable: 1.`,
        related,
      });
    }
  },
});
