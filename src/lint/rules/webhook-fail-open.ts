import { appendTo, setIn } from '../edit';
import { defineRule } from '../rule';
import { get, isObj, selects } from '../walk';
import type { Workspace } from '../workspace';
import { WEBHOOK_KINDS } from './webhook-timeout';

const KUBE_SYSTEM = 'kube-system';
const NAME_LABEL = 'kubernetes.io/metadata.name';

/** kube-system's labels: the API server always sets kubernetes.io/metadata.name; the workspace may add others. */
function kubeSystemLabels(ws: Workspace): Record<string, string> {
  return ws.memo('webhook-fail-open:kube-system-labels', () => {
    const labels: Record<string, string> = {};
    const ns = ws.ofKind('Namespace').find((n) => n.name === KUBE_SYSTEM);
    const declared = ns ? get(ns.value, ['metadata', 'labels']) : undefined;
    if (isObj(declared)) for (const [k, v] of Object.entries(declared)) labels[k] = String(v);
    labels[NAME_LABEL] = KUBE_SYSTEM;
    return labels;
  });
}

function requiresSomething(selector: unknown): boolean {
  if (!isObj(selector)) return false;
  return (isObj(selector.matchLabels) && Object.keys(selector.matchLabels).length > 0) || (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0);
}

/** A missing or empty label selector matches everything (unlike a Service's). */
function matchesAll(selector: unknown, labels: Record<string, string>): boolean {
  return !requiresSomething(selector) || selects(selector, labels);
}

/** Whether a rule intercepts pods (or every resource) in namespaces: the pods kube-system needs to heal itself. */
function interceptsPods(rules: unknown): boolean {
  if (!Array.isArray(rules)) return false;
  return rules.some((r) => {
    if (!isObj(r) || r.scope === 'Cluster') return false;
    const groups = Array.isArray(r.apiGroups) ? r.apiGroups.map(String) : [];
    const resources = Array.isArray(r.resources) ? r.resources.map(String) : [];
    return resources.some((x) => {
      const base = x.split('/')[0];
      return base === '*' || (base === 'pods' && (groups.includes('') || groups.includes('*')));
    });
  });
}

export default defineRule({
  meta: {
    id: 'webhook-fail-open',
    category: 'eks',
    defaultSeverity: 'warning',
    description: 'A fail-closed admission webhook intercepts pods (or everything) in every namespace, kube-system included.',
    rationale:
      'With failurePolicy: Fail an unreachable webhook rejects every request it matches; if that includes kube-system pods, the pods that would bring the cluster back (CoreDNS, the VPC CNI, the webhook\'s own) can\'t be created. The EKS Best Practices Guide (reliability: control plane, admission webhooks) asks to exclude kube-system with a namespaceSelector or to fail open.',
    fixable: 'suggest',
    crossDocument: true,
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (!WEBHOOK_KINDS.has(o.kind) || !Array.isArray(o.value.webhooks)) continue;
      // The failurePolicy default changed from Ignore (v1beta1) to Fail (v1).
      const defaultPolicy = o.apiVersion === 'admissionregistration.k8s.io/v1beta1' ? 'Ignore' : 'Fail';
      o.value.webhooks.forEach((w, i) => {
        if (!isObj(w) || (w.failurePolicy ?? defaultPolicy) !== 'Fail' || !interceptsPods(w.rules)) return;
        // An objectSelector that only matches labelled objects opts pods in: system pods carry no such label.
        if (!matchesAll(w.objectSelector, {})) return;
        if (!matchesAll(w.namespaceSelector, kubeSystemLabels(ctx.workspace))) return;
        const explicit = w.failurePolicy !== undefined;
        ctx.report({
          object: o,
          path: explicit ? ['webhooks', i, 'failurePolicy'] : ['webhooks', i, 'name'],
          message: `webhook ${String(w.name)} fails closed${explicit ? '' : ' (the v1 default)'} on pods in every namespace, kube-system included: while it is unreachable, no kube-system pod can be created and the cluster can't heal; exclude kube-system with a namespaceSelector or set failurePolicy: Ignore.`,
          suggest: [
            {
              title: 'Exclude kube-system with the namespaceSelector',
              edits: () => appendTo(o, ['webhooks', i, 'namespaceSelector', 'matchExpressions'], { key: NAME_LABEL, operator: 'NotIn', values: [KUBE_SYSTEM] }),
            },
            { title: 'Set failurePolicy: Ignore', edits: () => setIn(o, ['webhooks', i, 'failurePolicy'], 'Ignore') },
          ],
        });
      });
    }
  },
});
