import { defineRule } from '../rule';
import { containers, get, isObj } from '../walk';

export default defineRule({
  meta: {
    id: 'ephemeral-storage-request',
    category: 'reliability',
    defaultSeverity: 'info',
    description: 'A container writes to a disk-backed emptyDir but requests no ephemeral-storage.',
    rationale:
      'An emptyDir on disk counts against the node\'s ephemeral storage. Without an ephemeral-storage request the scheduler places the pod regardless of free disk, and under disk pressure the kubelet evicts pods that use more than they requested first. The EKS Best Practices Guide (reliability: applications, "configure and size resource requests/limits for all workloads") and the Kubernetes docs on local ephemeral storage ask for requests (and limits) where pods write to local disk. emptyDirs with `medium: Memory` count as memory and are not reported.',
    fixable: 'none',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      const volumes = pod.spec.volumes;
      if (!Array.isArray(volumes)) continue;
      const diskDirs = new Set(
        volumes.filter((v) => isObj(v) && isObj(v.emptyDir) && v.emptyDir.medium !== 'Memory' && typeof v.name === 'string').map((v) => (v as { name: string }).name),
      );
      if (diskDirs.size === 0) continue;
      for (const c of containers(pod, ['initContainers', 'containers'])) {
        const mounts = c.container.volumeMounts;
        const used = Array.isArray(mounts) ? mounts.filter((m) => isObj(m) && diskDirs.has(String(m.name))).map((m) => String((m as { name: unknown }).name)) : [];
        if (used.length === 0) continue;
        const requested = get(c.container, ['resources', 'requests', 'ephemeral-storage']) ?? get(c.container, ['resources', 'limits', 'ephemeral-storage']);
        if (requested !== undefined) continue;
        ctx.report({
          object: pod.object,
          path: c.path,
          message: `container "${c.name}" writes to emptyDir ${used.map((u) => `"${u}"`).join(', ')} on the node's disk but requests no ephemeral-storage: it may be scheduled onto a full disk and is evicted first under disk pressure; request what it writes.`,
        });
      }
    }
  },
});
