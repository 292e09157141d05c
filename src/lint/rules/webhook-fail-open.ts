import { setIn } from '../edit';
import { defineRule } from '../rule';
import { isObj } from '../walk';
import { WEBHOOK_KINDS } from './webhook-timeout';

/** Whether the namespace selector keeps kube-system out. */
function excludesKubeSystem(selector: unknown): boolean {
  if (!isObj(selector)) return false;
  if (isObj(selector.matchLabels) && Object.keys(selector.matchLabels).length > 0) return true; // opt-in by label
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return exprs.some((e) => {
    if (!isObj(e)) return false;
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    if (e.operator === 'NotIn') return values.includes('kube-system') || e.key !== 'kubernetes.io/metadata.name';
    return e.operator === 'In' || e.operator === 'Exists';
  });
}

function matchesBroadly(rules: unknown): boolean {
  if (!Array.isArray(rules)) return false;
  return rules.some((r) => {
    const resources = isObj(r) && Array.isArray(r.resources) ? r.resources.map(String) : [];
    return resources.some((x) => x === '*' || x === '*/*' || x === 'pods' || x.startsWith('pods/'));
  });
}

export default defineRule({
  meta: {
    id: 'webhook-fail-open',
    category: 'eks',
    defaultSeverity: 'warning',
    description: 'A fail-closed admission webhook matches pods or everything in every namespace, kube-system included.',
    rationale:
      'With failurePolicy: Fail, an unreachable webhook rejects every request it matches: if it matches kube-system pods, the pods that would bring it back (CoreDNS, the VPC CNI, its own) can\'t be created and the cluster can\'t heal. The EKS Best Practices Guide (reliability: control plane, admission webhooks) asks to exclude kube-system or fail open.',
    fixable: 'suggest',
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (!WEBHOOK_KINDS.has(o.kind) || !Array.isArray(o.value.webhooks)) continue;
      const v1 = o.apiVersion === 'admissionregistration.k8s.io/v1';
      o.value.webhooks.forEach((w, i) => {
        if (!isObj(w)) return;
        const policy = w.failurePolicy ?? (v1 ? 'Fail' : 'Ignore'); // v1 defaults to Fail, v1beta1 to Ignore
        if (policy !== 'Fail' || !matchesBroadly(w.rules) || excludesKubeSystem(w.namespaceSelector)) return;
        const hasSelector = w.namespaceSelector !== undefined;
        ctx.report({
          object: o,
          path: w.failurePolicy !== undefined ? ['webhooks', i, 'failurePolicy'] : ['webhooks', i, 'name'],
          message: `webhook ${String(w.name)} fails closed${w.failurePolicy === undefined ? ' (the v1 default)' : ''} for pods in every namespace, kube-system included: if it goes down, the cluster can't recover; exclude kube-system.`,
          suggest: hasSelector
            ? []
            : [{
              title: 'Exclude kube-system with a namespaceSelector',
              edits: setIn(o, ['webhooks', i, 'namespaceSelector'], { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] }),
            }],
        });
      });
    }
  },
});
