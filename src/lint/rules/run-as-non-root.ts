import { setIn } from '../edit';
import { defineRule } from '../rule';
import type { Path } from '../types';
import { isWindowsPod } from '../windows';
import { containers, isObj } from '../walk';

function field(sc: unknown, key: 'runAsNonRoot' | 'runAsUser'): unknown {
  return isObj(sc) ? sc[key] : undefined;
}

export default defineRule({
  meta: {
    id: 'run-as-non-root',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'Neither the pod nor the container sets runAsNonRoot: true (or a non-zero runAsUser).',
    rationale:
      'Most images run as root by default; a container escape from a root process starts as root on the node. The EKS Best Practices Guide (security: pod security, "run the application as a non-root user") and the restricted Pod Security Standard require runAsNonRoot.',
    fixable: 'suggest',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      if (isWindowsPod(pod)) continue;
      const podSc = pod.spec.securityContext;
      const podScPath: Path = [...pod.specPath, 'securityContext'];
      const unset: string[] = [];
      // Where a pod-level value makes containers root, one finding at that value covers them all.
      let podLevelRoot: { key: 'runAsNonRoot' | 'runAsUser'; names: string[] } | undefined;
      // Ephemeral containers are added by `kubectl debug`, not written in manifests.
      for (const c of containers(pod, ['initContainers', 'containers'])) {
        const sc = c.container.securityContext;
        // Each field of the container's securityContext overrides the pod's field of the same name, one by one.
        const ownUser = field(sc, 'runAsUser');
        const user = ownUser ?? field(podSc, 'runAsUser');
        const ownNonRoot = field(sc, 'runAsNonRoot');
        const nonRoot = ownNonRoot ?? field(podSc, 'runAsNonRoot');
        if (user === 0) {
          if (ownUser === 0) {
            ctx.report({
              object: pod.object,
              path: [...c.path, 'securityContext', 'runAsUser'],
              message: `container "${c.name}" runs as root (runAsUser: 0)${nonRoot === true ? ', which also contradicts runAsNonRoot: true so the kubelet will refuse to start it' : ''}; run it as a non-zero user.`,
            });
          } else (podLevelRoot ??= { key: 'runAsUser', names: [] }).names.push(c.name);
          continue;
        }
        if (typeof user === 'number' && user > 0) continue;
        if (nonRoot === true) continue;
        if (ownNonRoot === false) {
          const path = [...c.path, 'securityContext', 'runAsNonRoot'];
          ctx.report({
            object: pod.object,
            path,
            message: `container "${c.name}" sets runAsNonRoot: false and may run as root; set it to true and give the image a numeric non-root USER.`,
            suggest: [{ title: `Set runAsNonRoot: true for container ${c.name}`, edits: () => setIn(pod.object, path, true) }],
          });
          continue;
        }
        if (nonRoot === false) (podLevelRoot ??= { key: 'runAsNonRoot', names: [] }).names.push(c.name);
        else unset.push(c.name);
      }
      const list = (names: string[]) => `container${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}`;
      if (podLevelRoot) {
        const { key, names } = podLevelRoot;
        const path = [...podScPath, key];
        ctx.report({
          object: pod.object,
          path,
          message:
            key === 'runAsUser'
              ? `the pod sets runAsUser: 0, so ${list(names)} ${names.length > 1 ? 'run' : 'runs'} as root; run as a non-zero user.`
              : `the pod sets runAsNonRoot: false, so ${list(names)} may run as root; set it to true and give the image a numeric non-root USER.`,
          ...(key === 'runAsNonRoot' ? { suggest: [{ title: 'Set runAsNonRoot: true for the pod', edits: () => setIn(pod.object, path, true) }] } : {}),
        });
      }
      if (unset.length > 0 && !podLevelRoot) {
        ctx.report({
          object: pod.object,
          path: isObj(podSc) ? podScPath : pod.specPath,
          prefer: 'key',
          message: `${list(unset)} may run as root: neither the pod nor the container sets runAsNonRoot: true or a non-zero runAsUser; set securityContext.runAsNonRoot: true for the pod (and give the image a numeric non-root USER).`,
          suggest: [{ title: 'Set runAsNonRoot: true for the pod', edits: () => setIn(pod.object, [...podScPath, 'runAsNonRoot'], true) }],
        });
      }
    }
  },
});
