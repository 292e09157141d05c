import { setIn } from '../edit';
import { defineRule } from '../rule';
import { get } from '../walk';

const PLACEHOLDER: Record<string, string> = { cpu: '100m', memory: '128Mi' };

export default defineRule({
  meta: {
    id: 'resource-requests',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container has no CPU or memory request.',
    rationale:
      'The scheduler, the Cluster Autoscaler and Karpenter size and pack nodes by requests: without them pods land on full nodes, get evicted first (BestEffort) and node counts (and cost) drift. The EKS Best Practices Guide (reliability and cost optimization: "configure resource requests") asks for requests on every container.',
    fixable: 'suggest',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.list === 'ephemeralContainers') continue;
      const requests = get(c.container, ['resources', 'requests']);
      const missing = ['cpu', 'memory'].filter((r) => get(requests, [r]) === undefined);
      if (missing.length === 0) continue;
      const edits = missing.length === 2
        ? setIn(c.pod.object, [...c.path, 'resources', 'requests'], { cpu: PLACEHOLDER.cpu, memory: PLACEHOLDER.memory })
        : setIn(c.pod.object, [...c.path, 'resources', 'requests', missing[0]], PLACEHOLDER[missing[0]]);
      ctx.report({
        object: c.pod.object,
        path: requests === undefined ? c.path : [...c.path, 'resources', 'requests'],
        message: `container "${c.name}" has no ${missing.join(' or ')} request; the scheduler and autoscalers can't size nodes for it.`,
        suggest: [{ title: `Add placeholder ${missing.join(' and ')} requests (tune them)`, edits }],
      });
    }
  },
});
