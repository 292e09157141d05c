import { setIn } from '../edit';
import { defineRule } from '../rule';
import { isWindowsPod } from '../windows';
import { get } from '../walk';

export default defineRule({
  meta: {
    id: 'read-only-root-fs',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'A container\'s root filesystem is writable (readOnlyRootFilesystem is not true).',
    rationale:
      'A read-only root filesystem stops an attacker from dropping tools or changing binaries in the container; write to mounted emptyDir volumes instead. The EKS Best Practices Guide (security: runtime, "configure your images with a read-only root file system") recommends it.',
    fixable: 'suggest',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.list === 'ephemeralContainers' || isWindowsPod(c.pod)) continue;
      const path = [...c.path, 'securityContext', 'readOnlyRootFilesystem'];
      const v = get(c.container, ['securityContext', 'readOnlyRootFilesystem']);
      if (v === true) continue;
      ctx.report({
        object: c.pod.object,
        path: v === undefined ? c.path : path,
        message: `container "${c.name}" has a writable root filesystem; set readOnlyRootFilesystem: true and mount emptyDir where it must write.`,
        suggest: [{ title: 'Set readOnlyRootFilesystem: true', edits: () => setIn(c.pod.object, path, true) }],
      });
    }
  },
});
