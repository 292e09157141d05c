import { defineRule } from '../rule';
import type { Path } from '../types';
import { containers, get, isObj, podSite } from '../walk';
import { hpaTarget } from '../workloads';

/** Resources the HPA computes utilization of, with where each is declared. */
function utilizationMetrics(hpa: Record<string, unknown>): { resource: string; path: Path }[] {
  const out: { resource: string; path: Path }[] = [];
  if (get(hpa, ['spec', 'targetCPUUtilizationPercentage']) !== undefined) out.push({ resource: 'cpu', path: ['spec', 'targetCPUUtilizationPercentage'] });
  const metrics = get(hpa, ['spec', 'metrics']);
  if (Array.isArray(metrics)) {
    metrics.forEach((m, i) => {
      if (!isObj(m)) return;
      for (const type of ['Resource', 'ContainerResource']) {
        if (m.type !== type) continue;
        const key = type === 'Resource' ? 'resource' : 'containerResource';
        const name = get(m, [key, 'name']);
        const util = get(m, [key, 'target', 'type']) === 'Utilization' || get(m, [key, 'targetAverageUtilization']) !== undefined;
        if (typeof name === 'string' && util) out.push({ resource: name, path: ['spec', 'metrics', i, key, 'name'] });
      }
    });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'hpa-needs-requests',
    category: 'reliability',
    defaultSeverity: 'error',
    description: 'An HPA scales on CPU or memory utilization, but its target\'s containers don\'t request that resource.',
    rationale:
      'Utilization is usage divided by request: when a container has no request for the resource, the HPA cannot compute it, reports FailedGetResourceMetric and never scales. Kubernetes\' HorizontalPodAutoscaler documentation and the EKS Best Practices Guide (autoscaling) require the requests.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const hpa of ctx.objects) {
      if (hpa.kind !== 'HorizontalPodAutoscaler') continue;
      const metrics = utilizationMetrics(hpa.value);
      if (metrics.length === 0) continue;
      const target = hpaTarget(ctx.workspace, hpa);
      const pod = target && podSite(target);
      if (!pod) continue;
      for (const m of metrics) {
        const lacking = containers(pod, ['containers']).filter((c) => get(c.container, ['resources', 'requests', m.resource]) === undefined);
        if (lacking.length === 0) continue;
        ctx.report({
          object: hpa,
          path: m.path,
          message: `scales on ${m.resource} utilization but ${target.kind} ${target.name} has no ${m.resource} request in container${lacking.length > 1 ? 's' : ''} ${lacking.map((c) => `"${c.name}"`).join(', ')}: the HPA can't compute utilization and won't scale.`,
          related: lacking.map((c) => ({ object: target, path: c.path, message: `container "${c.name}" has no ${m.resource} request` })),
        });
      }
    }
  },
});
