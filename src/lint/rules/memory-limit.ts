import { defineRule } from '../rule';
import { get } from '../walk';

export default defineRule({
  meta: {
    id: 'memory-limit',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container has no memory limit.',
    rationale:
      'A container without a memory limit can grow until the node runs out of memory, and the kernel\'s OOM killer or the kubelet\'s eviction then takes down other pods too. The EKS Best Practices Guide (reliability: applications, and cost optimization, "configure resource requests and limits") recommends a memory limit, usually equal to the memory request. There is deliberately no CPU-limit rule, though kube-score, Polaris and Checkov have one: CPU is compressible, a CPU limit throttles a container even while its node has idle CPU, and the EKS Best Practices Guide asks for CPU requests (which protect neighbours) and memory limits, not CPU limits.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // Ephemeral (debug) containers may not declare resources.
      if (c.list === 'ephemeralContainers') continue;
      const limits = get(c.container, ['resources', 'limits']);
      if (get(limits, ['memory']) !== undefined) continue;
      const request = get(c.container, ['resources', 'requests', 'memory']);
      ctx.report({
        object: c.pod.object,
        path: limits === undefined || limits === null ? c.path : [...c.path, 'resources', 'limits'],
        message: `container "${c.name}" has no memory limit and can exhaust its node's memory; set limits.memory${typeof request === 'string' || typeof request === 'number' ? ` (e.g. equal to its request, ${String(request)})` : ''}.`,
      });
    }
  },
});
