import { setIn } from '../edit';
import { defineRule } from '../rule';
import { isWindowsPod } from '../windows';
import { containers, get } from '../walk';

const CONFINED = new Set(['RuntimeDefault', 'Localhost']);
const ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';

export default defineRule({
  meta: {
    id: 'seccomp-profile',
    category: 'security',
    defaultSeverity: 'info',
    description: 'No seccomp profile (RuntimeDefault) at pod or container level, or a profile set to Unconfined.',
    rationale:
      'Without a seccomp profile a container may call every system call, including the ones container escapes use. The EKS Best Practices Guide (security: runtime security) recommends the RuntimeDefault profile; the restricted Pod Security Standard requires it. Adding RuntimeDefault at pod level is offered as a safe fix (it blocks only calls ordinary applications never make); replacing an explicit Unconfined is a suggestion.',
    fixable: 'fix',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      if (isWindowsPod(pod)) continue;
      const podTypePath = [...pod.specPath, 'securityContext', 'seccompProfile', 'type'];
      const podType = get(pod.spec, ['securityContext', 'seccompProfile', 'type']);
      const podConfined = CONFINED.has(podType as string);
      const inheritUnconfined: string[] = [];
      let missing = 0;
      for (const c of containers(pod, ['initContainers', 'containers'])) {
        const own = get(c.container, ['securityContext', 'seccompProfile', 'type']);
        if (CONFINED.has(own as string)) continue;
        if (own === 'Unconfined') {
          const path = [...c.path, 'securityContext', 'seccompProfile', 'type'];
          ctx.report({
            object: pod.object,
            path,
            message: `container "${c.name}" turns seccomp off (Unconfined), so it may make any system call; use RuntimeDefault, or a Localhost profile that allows the calls it needs.`,
            suggest: [{ title: `Use RuntimeDefault for container ${c.name}`, edits: () => setIn(pod.object, path, 'RuntimeDefault') }],
          });
        } else if (podType === 'Unconfined') inheritUnconfined.push(c.name);
        else if (!podConfined) missing++;
      }
      if (inheritUnconfined.length > 0) {
        ctx.report({
          object: pod.object,
          path: podTypePath,
          message: `the pod turns seccomp off (Unconfined) for ${inheritUnconfined.map((n) => `"${n}"`).join(', ')}; use RuntimeDefault.`,
          suggest: [{ title: 'Use RuntimeDefault for the pod', edits: () => setIn(pod.object, podTypePath, 'RuntimeDefault') }],
        });
      } else if (missing > 0) {
        const legacy = pod.annotations[ANNOTATION] !== undefined ? ` (the ${ANNOTATION} annotation is deprecated and ignored by current Kubernetes versions)` : '';
        ctx.report({
          object: pod.object,
          path: [...pod.specPath, 'securityContext'],
          prefer: 'key',
          message: `sets no seccomp profile${legacy}; set securityContext.seccompProfile.type: RuntimeDefault for the pod.`,
          fix: { title: 'Set seccompProfile RuntimeDefault for the pod', edits: () => setIn(pod.object, podTypePath, 'RuntimeDefault') },
        });
      }
    }
  },
});
