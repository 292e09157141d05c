import { defineRule } from '../rule';

// What each namespace exposes, so the message says why this key matters rather than only that it is set.
const EXPOSES: Record<string, string> = {
  hostNetwork: "the node's network: it can reach the kubelet and the instance metadata service and see the node's traffic",
  hostPID: "the node's process namespace: it can see and signal every process on the node, other pods' included",
  hostIPC: "the node's IPC namespace: it can read the shared memory of processes outside the pod",
};

export default defineRule({
  meta: {
    id: 'no-host-namespaces',
    category: 'security',
    defaultSeverity: 'error',
    description: 'A pod shares the node\'s network, process or IPC namespace (hostNetwork, hostPID, hostIPC).',
    rationale:
      'hostNetwork, hostPID and hostIPC remove the isolation between the pod and the node: the pod sees every process, can reach node-local services such as the kubelet and IMDS, and can sniff traffic. The EKS Best Practices Guide (security: pod security) and the baseline Pod Security Standard forbid them.',
    fixable: 'none',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      for (const key of Object.keys(EXPOSES)) {
        if (pod.spec[key] !== true) continue;
        ctx.report({
          object: pod.object,
          path: [...pod.specPath, key],
          prefer: 'key',
          message: `sets ${key}: true, sharing ${EXPOSES[key]}; remove it unless this is a node agent that cannot work without it.`,
        });
      }
    }
  },
});
