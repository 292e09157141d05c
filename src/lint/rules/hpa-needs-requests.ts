import { defineRule } from '../rule';
import type { Path } from '../types';
import { containers, get, isObj, podSite } from '../walk';
import { scaleTarget } from './_replicas';

interface UtilizationMetric {
  resource: string;
  /** Only this container's request counts (a ContainerResource metric); otherwise every app container's. */
  container?: string;
  path: Path;
  /** The HPA scales on the API's default target (80% CPU) because it names no metric. */
  implicit?: boolean;
}

/** The resources whose utilization (usage / request) the HPA computes, with where each is declared. */
function utilizationMetrics(hpa: Record<string, unknown>, apiVersion: string): UtilizationMetric[] {
  if (apiVersion === 'autoscaling/v1') {
    const explicit = get(hpa, ['spec', 'targetCPUUtilizationPercentage']) !== undefined;
    return [{ resource: 'cpu', path: explicit ? ['spec', 'targetCPUUtilizationPercentage'] : ['spec'], implicit: !explicit }];
  }
  const metrics = get(hpa, ['spec', 'metrics']);
  if (!Array.isArray(metrics) || metrics.length === 0) return [{ resource: 'cpu', path: ['spec'], implicit: true }];
  const out: UtilizationMetric[] = [];
  metrics.forEach((m, i) => {
    if (!isObj(m)) return;
    const key = m.type === 'Resource' ? 'resource' : m.type === 'ContainerResource' ? 'containerResource' : undefined;
    if (!key) return;
    const spec = m[key];
    if (!isObj(spec) || typeof spec.name !== 'string') return;
    // autoscaling/v2 and v2beta2: target.type Utilization; v2beta1: targetAverageUtilization.
    const utilization = get(spec, ['target', 'type']) === 'Utilization' || spec.targetAverageUtilization !== undefined;
    if (!utilization) return;
    out.push({
      resource: spec.name,
      ...(key === 'containerResource' && typeof spec.container === 'string' ? { container: spec.container } : {}),
      path: ['spec', 'metrics', i, key, 'name'],
    });
  });
  return out;
}

export default defineRule({
  meta: {
    id: 'hpa-needs-requests',
    category: 'reliability',
    defaultSeverity: 'error',
    description: 'An HPA scales on CPU or memory utilization, but containers of its target don\'t request that resource.',
    rationale:
      'Utilization is usage divided by request: when a container has no request for the resource, the HPA cannot compute it, reports FailedGetResourceMetric and never scales. The Kubernetes HorizontalPodAutoscaler documentation and the EKS Best Practices Guide (reliability: applications, "horizontal pod autoscaler") require the requests.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const hpa of ctx.objects) {
      if (hpa.kind !== 'HorizontalPodAutoscaler') continue;
      const metrics = utilizationMetrics(hpa.value, hpa.apiVersion);
      if (metrics.length === 0) continue;
      const target = scaleTarget(ctx.workspace, hpa);
      const pod = target && podSite(target);
      if (!pod) continue;
      // The HPA sums the requests of the pod's app containers; init containers don't count.
      const app = containers(pod, ['containers']);
      for (const m of metrics) {
        const lacking = app.filter((c) => (m.container === undefined || c.name === m.container) && get(c.container, ['resources', 'requests', m.resource]) === undefined);
        if (lacking.length === 0) continue;
        const names = lacking.map((c) => `"${c.name}"`).join(', ');
        ctx.report({
          object: hpa,
          path: m.path,
          prefer: m.implicit ? 'key' : 'auto',
          message: `${m.implicit ? 'names no metric, so it scales on the default 80% cpu utilization,' : `scales on ${m.resource} utilization`} but ${target.kind} ${target.name} has no ${m.resource} request in container${lacking.length > 1 ? 's' : ''} ${names}: the HPA can't compute utilization and won't scale; add resources.requests.${m.resource}.`,
          related: lacking.map((c) => ({ object: target, path: c.path, message: `container "${c.name}" has no ${m.resource} request` })),
        });
      }
    }
  },
});
