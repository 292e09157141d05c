import { removeAt, setIn } from '../edit';
import { defineRule } from '../rule';
import { get } from '../walk';

export default defineRule({
  meta: {
    id: 'no-privileged',
    category: 'security',
    defaultSeverity: 'error',
    description: 'A container runs privileged.',
    rationale:
      'A privileged container has every capability and the host\'s devices: a compromise of it is a compromise of the node. Amazon GuardDuty reports it (PrivilegeEscalation:Kubernetes/PrivilegedContainer), and the EKS Best Practices Guide (security: pod security) says not to run privileged pods.',
    fixable: 'suggest',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (get(c.container, ['securityContext', 'privileged']) !== true) continue;
      const path = [...c.path, 'securityContext', 'privileged'];
      ctx.report({
        object: c.pod.object,
        path,
        message: `container "${c.name}" runs privileged, with full access to the node.`,
        suggest: [
          { title: 'Remove privileged: true', edits: () => removeAt(c.pod.object, path) },
          { title: 'Set privileged: false', edits: () => setIn(c.pod.object, path, false) },
        ],
      });
    }
  },
});
