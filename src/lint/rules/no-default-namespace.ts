import { defineRule } from '../rule';
import { get } from '../walk';

export default defineRule({
  meta: {
    id: 'no-default-namespace',
    category: 'security',
    defaultSeverity: 'off',
    description: 'An object explicitly sets `namespace: default`.',
    rationale:
      'The default namespace has no quota, limit range, network policy or RBAC of its own unless someone adds them, and everything left unnamespaced piles up there. The EKS Best Practices Guide (multi-tenancy and security) uses namespaces as the unit of isolation. Off by default; a missing namespace is not reported, since tools such as kustomize and `kubectl apply -n` set it at deploy time.',
    fixable: 'none',
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (get(o.value, ['metadata', 'namespace']) !== 'default') continue;
      ctx.report({ object: o, path: ['metadata', 'namespace'], prefer: 'value', message: 'is placed in the default namespace, which has no quota, network policy or RBAC of its own; use a namespace for the application.' });
    }
  },
});
