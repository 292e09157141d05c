import { defineRule } from '../rule';
import { get } from '../walk';

export default defineRule({
  meta: {
    id: 'memory-limit',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container has no memory limit.',
    rationale:
      'A container without a memory limit can take the node\'s memory until the kernel kills other pods (or the kubelet). The EKS Best Practices Guide (reliability: applications, resource management) recommends a memory limit, usually equal to the request.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.list === 'ephemeralContainers') continue;
      if (get(c.container, ['resources', 'limits', 'memory']) !== undefined) continue;
      const limits = get(c.container, ['resources', 'limits']);
      ctx.report({
        object: c.pod.object,
        path: limits === undefined ? c.path : [...c.path, 'resources', 'limits'],
        message: `container "${c.name}" has no memory limit and can exhaust the node's memory.`,
      });
    }
  },
});
