import { setIn } from '../edit';
import { defineRule } from '../rule';
import { isWindowsPod } from '../windows';
import { get } from '../walk';

export default defineRule({
  meta: {
    id: 'no-privilege-escalation',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'A container does not set allowPrivilegeEscalation: false.',
    rationale:
      'Unless it is false, a process can gain more privileges than its parent (setuid binaries, file capabilities). The EKS Best Practices Guide (security: pod security) and the Kubernetes restricted Pod Security Standard require allowPrivilegeEscalation: false.',
    fixable: 'fix',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.list === 'ephemeralContainers' || isWindowsPod(c.pod)) continue;
      const value = get(c.container, ['securityContext', 'allowPrivilegeEscalation']);
      if (value === false) continue;
      const path = [...c.path, 'securityContext', 'allowPrivilegeEscalation'];
      ctx.report({
        object: c.pod.object,
        path: value === undefined ? c.path : path,
        message: `container "${c.name}" ${value === undefined ? 'does not set' : 'sets'} allowPrivilegeEscalation${value === undefined ? ': false' : ': true'}.`,
        fix: { title: 'Set allowPrivilegeEscalation: false', edits: () => setIn(c.pod.object, path, false) },
      });
    }
  },
});
