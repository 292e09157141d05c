import { setIn } from '../edit';
import { defineRule } from '../rule';
import { isObj } from '../walk';

export const WEBHOOK_KINDS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
// admissionregistration.k8s.io/v1beta1 defaulted timeoutSeconds to 30 s, v1 to 10 s (Deprecated API Migration Guide, v1.22).
const V1BETA1 = 'admissionregistration.k8s.io/v1beta1';
const V1BETA1_DEFAULT = 30;

export default defineRule({
  meta: {
    id: 'webhook-timeout',
    category: 'eks',
    defaultSeverity: 'warning',
    description: 'An admission webhook\'s timeoutSeconds is above the budget (default 15 s).',
    rationale:
      'Every API request a webhook matches waits up to timeoutSeconds for it, so a slow or unreachable webhook stalls kubectl, controllers and the EKS control plane\'s own operations. The EKS Best Practices Guide (reliability: control plane, admission webhooks) asks for short timeouts, well under the API maximum of 30 s, together with failing open.',
    fixable: 'suggest',
    options: { budgetSeconds: { type: 'number', default: 15, description: 'Largest acceptable timeoutSeconds.' } },
  },
  check(ctx) {
    const budget = ctx.options.budgetSeconds as number;
    for (const o of ctx.objects) {
      if (!WEBHOOK_KINDS.has(o.kind) || !Array.isArray(o.value.webhooks)) continue;
      o.value.webhooks.forEach((w, i) => {
        if (!isObj(w)) return;
        const explicit = typeof w.timeoutSeconds === 'number';
        const timeout = explicit ? (w.timeoutSeconds as number) : o.apiVersion === V1BETA1 ? V1BETA1_DEFAULT : undefined;
        if (timeout === undefined || timeout <= budget) return;
        ctx.report({
          object: o,
          path: explicit ? ['webhooks', i, 'timeoutSeconds'] : ['webhooks', i, 'name'],
          message: `webhook ${String(w.name)} may hold every matching API request for ${timeout}s${explicit ? '' : ` (the ${V1BETA1} default)`}; keep timeoutSeconds within ${budget}s.`,
          suggest: [{ title: `Set timeoutSeconds: ${budget}`, edits: () => setIn(o, ['webhooks', i, 'timeoutSeconds'], budget) }],
        });
      });
    }
  },
});
