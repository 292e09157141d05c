import { setIn } from '../edit';
import { defineRule } from '../rule';
import { isObj } from '../walk';

export const WEBHOOK_KINDS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

export default defineRule({
  meta: {
    id: 'webhook-timeout',
    category: 'eks',
    defaultSeverity: 'warning',
    description: 'An admission webhook\'s timeoutSeconds is above the budget (default 15 s).',
    rationale:
      'Every API request the webhook matches waits up to timeoutSeconds for it; a slow or unreachable webhook makes kubectl, controllers and the EKS control plane\'s own operations time out. The EKS Best Practices Guide (reliability: control plane, admission webhooks) asks for short timeouts, well under the API maximum of 30 s.',
    fixable: 'suggest',
    options: { budgetSeconds: { type: 'number', default: 15, description: 'Largest acceptable timeoutSeconds.' } },
  },
  check(ctx) {
    const budget = ctx.options.budgetSeconds as number;
    for (const o of ctx.objects) {
      if (!WEBHOOK_KINDS.has(o.kind) || !Array.isArray(o.value.webhooks)) continue;
      o.value.webhooks.forEach((w, i) => {
        if (!isObj(w) || typeof w.timeoutSeconds !== 'number' || w.timeoutSeconds <= budget) return;
        ctx.report({
          object: o,
          path: ['webhooks', i, 'timeoutSeconds'],
          message: `webhook ${String(w.name)} may hold API requests for ${w.timeoutSeconds}s; keep timeoutSeconds within ${budget}s.`,
          suggest: [{ title: `Set timeoutSeconds: ${budget}`, edits: setIn(o, ['webhooks', i, 'timeoutSeconds'], budget) }],
        });
      });
    }
  },
});
