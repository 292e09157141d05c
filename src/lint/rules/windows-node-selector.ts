import { setIn } from '../edit';
import { defineRule } from '../rule';
import { containers } from '../walk';
import { isWindowsImage, osSelector } from '../windows';

export default defineRule({
  meta: {
    id: 'windows-node-selector',
    category: 'eks',
    defaultSeverity: 'error',
    description: 'A Windows image runs without nodeSelector kubernetes.io/os: windows.',
    rationale:
      'Without the selector the pod may be scheduled on a Linux node, where the image can\'t start (ImagePullBackOff or "no matching manifest"). The Amazon EKS user guide (Windows support) requires kubernetes.io/os: windows on Windows workloads.',
    fixable: 'fix',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      const win = containers(pod).find((c) => isWindowsImage(c.container.image));
      if (!win || osSelector(pod) === 'windows') continue;
      ctx.report({
        object: pod.object,
        path: [...win.path, 'image'],
        message: `container "${win.name}" runs the Windows image ${String(win.container.image)} without nodeSelector kubernetes.io/os: windows.`,
        fix: { title: 'Add nodeSelector kubernetes.io/os: windows', edits: setIn(pod.object, [...pod.specPath, 'nodeSelector', 'kubernetes.io/os'], 'windows') },
      });
    }
  },
});
