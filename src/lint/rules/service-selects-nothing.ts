import { defineRule } from '../rule';
import type { KObject } from '../source';
import { isObj, namespaceOf, podSite } from '../walk';
import type { Workspace } from '../workspace';

/** Namespaces whose workloads the workspace holds: only there is "no pod template matches" a finding. */
function namespacesWithPods(ws: Workspace): Set<string> {
  return ws.memo('rules/service-selects-nothing:namespaces', () => {
    const out = new Set<string>();
    for (const f of ws.allFiles()) for (const o of f.objects) if (podSite(o)) out.add(namespaceOf(o));
    return out;
  });
}

function selector(svc: KObject): Record<string, unknown> | undefined {
  const spec = svc.value.spec;
  if (!isObj(spec) || spec.type === 'ExternalName' || !isObj(spec.selector) || Object.keys(spec.selector).length === 0) return undefined;
  return spec.selector;
}

export default defineRule({
  meta: {
    id: 'service-selects-nothing',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A Service\'s selector matches no pod template of its namespace in the workspace.',
    rationale:
      'A Service whose selector matches no pod has no endpoints: clients and load balancers get connection refused or 503s, usually after a label was renamed on one side only. Reported only when the workspace holds workloads of the Service\'s namespace, so Services for pods deployed elsewhere stay quiet.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const svc of ctx.objects) {
      if (svc.kind !== 'Service' || svc.apiVersion !== 'v1') continue;
      const sel = selector(svc);
      if (!sel) continue;
      const ns = namespaceOf(svc);
      if (!namespacesWithPods(ctx.workspace).has(ns)) continue;
      if (ctx.workspace.podsSelectedBy(ns, sel).length > 0) continue;
      const wanted = Object.entries(sel).map(([k, v]) => `${k}=${String(v)}`).join(', ');
      ctx.report({ object: svc, path: ['spec', 'selector'], prefer: 'key', message: `selects ${wanted}, but no pod template of namespace "${ns}" in the workspace has those labels: the Service gets no endpoints; match the workload's template labels.` });
    }
  },
});
