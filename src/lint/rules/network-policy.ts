import { defineRule } from '../rule';
import type { KObject } from '../source';
import { get, isObj, namespaceOf, selects } from '../walk';
import type { Workspace } from '../workspace';

function policiesByNamespace(ws: Workspace): Map<string, KObject[]> {
  return ws.memo('rules/network-policy:by-namespace', () => {
    const index = new Map<string, KObject[]>();
    for (const p of ws.ofKind('NetworkPolicy')) {
      const ns = namespaceOf(p);
      const list = index.get(ns);
      if (list) list.push(p);
      else index.set(ns, [p]);
    }
    return index;
  });
}

/** A NetworkPolicy's podSelector: `{}` selects every pod of its namespace (a default-deny policy usually). */
function policySelects(policy: KObject, labels: Record<string, string>): boolean {
  const selector = get(policy.value, ['spec', 'podSelector']);
  if (!isObj(selector)) return false;
  const ml = selector.matchLabels;
  const me = selector.matchExpressions;
  if ((!isObj(ml) || Object.keys(ml).length === 0) && (!Array.isArray(me) || me.length === 0)) return true;
  return selects({ matchLabels: ml ?? {}, matchExpressions: me ?? [] }, labels);
}

export default defineRule({
  meta: {
    id: 'network-policy',
    category: 'security',
    defaultSeverity: 'info',
    description: 'No NetworkPolicy in the workspace selects a workload\'s pods.',
    rationale:
      'Kubernetes lets every pod reach every other pod unless a NetworkPolicy selects it. EKS enforces network policies in the Amazon VPC CNI (and through Calico or Cilium), and the EKS Best Practices Guide (security: network security, "create a default deny policy") recommends a default-deny policy per namespace plus rules for the traffic each app needs. Info by default: policies are often managed outside the application\'s manifests.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      // A bare Pod or a Job's pod is selected the same way; report the object that owns the template.
      const ns = namespaceOf(pod.object);
      const policies = policiesByNamespace(ctx.workspace).get(ns) ?? [];
      if (policies.some((p) => policySelects(p, pod.labels))) continue;
      ctx.report({
        object: pod.object,
        message: policies.length
          ? `no NetworkPolicy of namespace "${ns}" selects its pods: they accept traffic from every pod; add a policy that allows only what they need.`
          : `namespace "${ns}" has no NetworkPolicy in the workspace: every pod can reach these pods; add a default-deny policy and allow what they need.`,
      });
    }
  },
});
