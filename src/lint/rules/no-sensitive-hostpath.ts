import { defineRule } from '../rule';
import { get, isObj } from '../walk';

// GuardDuty's "sensitive host path" list (Persistence/PrivilegeEscalation:Kubernetes/ContainerWithSensitiveMount)
// plus the container runtime sockets; a path below one of these is as sensitive as the directory itself.
const SENSITIVE = ['/', '/etc', '/root', '/proc', '/sys', '/var/lib/kubelet', '/var/run/docker.sock', '/run/containerd', '/var/run/containerd', '/run/docker.sock'];

export function normalizeHostPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

function sensitive(p: string): string | undefined {
  const n = normalizeHostPath(p);
  if (n === '/') return '/';
  return SENSITIVE.find((s) => s !== '/' && (n === s || n.startsWith(s + '/')));
}

export default defineRule({
  meta: {
    id: 'no-sensitive-hostpath',
    category: 'security',
    defaultSeverity: 'error',
    description: 'A pod mounts a sensitive host path (/, /etc, /proc, the kubelet\'s or the container runtime\'s files).',
    rationale:
      'A container that mounts the node\'s root, /etc, /proc, /sys, the kubelet directory or the container runtime socket can read credentials and take over the node. Amazon GuardDuty reports these mounts, and the EKS Best Practices Guide (security: pod security) asks to avoid hostPath or to restrict it to specific read-only directories.',
    fixable: 'none',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      const volumes = pod.spec.volumes;
      if (!Array.isArray(volumes)) continue;
      volumes.forEach((v, i) => {
        const p = isObj(v) ? get(v, ['hostPath', 'path']) : undefined;
        if (typeof p !== 'string') return;
        const hit = sensitive(p);
        if (!hit) return;
        const n = normalizeHostPath(p);
        ctx.report({
          object: pod.object,
          path: [...pod.specPath, 'volumes', i, 'hostPath', 'path'],
          message: `volume "${String(v.name)}" mounts the host path ${p}${n !== p ? ` (${n})` : ''}${hit !== n ? `, under ${hit},` : ''} which gives the pod control of the node.`,
        });
      });
    }
  },
});
