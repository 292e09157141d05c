import { setIn } from '../edit';
import { defineRule } from '../rule';
import type { PodSite } from '../walk';
import { isWindowsImage } from '../windows';
import { pinnedOs } from './_node-os';

export default defineRule({
  meta: {
    id: 'windows-node-selector',
    category: 'eks',
    defaultSeverity: 'error',
    description: 'A Windows image runs without nodeSelector kubernetes.io/os: windows.',
    rationale:
      'EKS clusters always have Linux nodes (CoreDNS and the other system pods need them), so a Windows pod without the selector can be scheduled on a Linux node, where its image can\'t start ("no matching manifest", ImagePullBackOff). The Amazon EKS user guide (Windows support: deploy Windows workloads) requires nodeSelector kubernetes.io/os: windows on Windows workloads.',
    fixable: 'fix',
  },
  check(ctx) {
    const seen = new Set<PodSite>();
    for (const win of ctx.containers()) {
      const pod = win.pod;
      if (seen.has(pod) || !isWindowsImage(win.container.image)) continue;
      seen.add(pod);
      const os = pinnedOs(pod);
      if (os === 'windows') continue;
      const edit = { title: 'Set nodeSelector kubernetes.io/os: windows', edits: () => setIn(pod.object, [...pod.specPath, 'nodeSelector', 'kubernetes.io/os'], 'windows') };
      const image = String(win.container.image);
      if (os !== undefined) {
        // The author pinned another OS on purpose, or copied it from a Linux template: offer, don't apply.
        ctx.report({
          object: pod.object,
          path: [...win.path, 'image'],
          message: `container "${win.name}" runs the Windows image ${image}, but the pod is pinned to kubernetes.io/os: ${os} nodes, where it can't start.`,
          suggest: [edit],
        });
        continue;
      }
      ctx.report({
        object: pod.object,
        path: [...win.path, 'image'],
        message: `container "${win.name}" runs the Windows image ${image} without nodeSelector kubernetes.io/os: windows: it may be scheduled on a Linux node and fail to start.`,
        fix: edit,
      });
    }
  },
});
