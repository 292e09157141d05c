import { defineRule } from '../rule';

const KEYS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default defineRule({
  meta: {
    id: 'no-host-namespaces',
    category: 'security',
    defaultSeverity: 'error',
    description: 'A pod shares the node\'s network, process or IPC namespace.',
    rationale:
      'hostNetwork, hostPID and hostIPC remove the isolation between the pod and the node: the pod sees every process, can reach node-local services such as the kubelet and IMDS, and can sniff traffic. The EKS Best Practices Guide (security: pod security) and the baseline Pod Security Standard forbid them.',
    fixable: 'none',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      for (const key of KEYS) {
        if (pod.spec[key] !== true) continue;
        ctx.report({ object: pod.object, path: [...pod.specPath, key], prefer: 'key', message: `sets ${key}: true, sharing the node's ${key.slice(4).toLowerCase()} namespace.` });
      }
    }
  },
});
