import { setIn } from '../edit';
import { defineRule } from '../rule';
import { isWindowsPod } from '../windows';
import { containers, get } from '../walk';

const OK = new Set(['RuntimeDefault', 'Localhost']);

export default defineRule({
  meta: {
    id: 'seccomp-profile',
    category: 'security',
    defaultSeverity: 'info',
    description: 'No seccomp profile (RuntimeDefault) at pod or container level.',
    rationale:
      'Without a seccomp profile a container may call every system call, including the ones container escapes use. The EKS Best Practices Guide (security: runtime security) recommends the RuntimeDefault profile; the restricted Pod Security Standard requires it.',
    fixable: 'fix',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      if (isWindowsPod(pod)) continue;
      const podType = get(pod.spec, ['securityContext', 'seccompProfile', 'type']);
      let missing = false;
      for (const c of containers(pod, ['initContainers', 'containers'])) {
        const own = get(c.container, ['securityContext', 'seccompProfile', 'type']);
        if (own === 'Unconfined') {
          ctx.report({ object: pod.object, path: [...c.path, 'securityContext', 'seccompProfile', 'type'], message: `container "${c.name}" runs Unconfined by seccomp.` });
        } else if (!OK.has(String(own)) && !OK.has(String(podType))) {
          missing = true;
        }
      }
      if (podType === 'Unconfined') {
        ctx.report({ object: pod.object, path: [...pod.specPath, 'securityContext', 'seccompProfile', 'type'], message: 'the pod runs Unconfined by seccomp.' });
      } else if (missing) {
        ctx.report({
          object: pod.object,
          path: [...pod.specPath, 'securityContext'],
          message: 'sets no seccomp profile; set securityContext.seccompProfile.type: RuntimeDefault for the pod.',
          fix: { title: 'Set seccompProfile RuntimeDefault for the pod', edits: setIn(pod.object, [...pod.specPath, 'securityContext', 'seccompProfile', 'type'], 'RuntimeDefault') },
        });
      }
    }
  },
});
