import { setIn } from '../edit';
import { defineRule } from '../rule';
import { isWindowsPod, osSelector, workspaceHasWindows } from '../windows';

export default defineRule({
  meta: {
    id: 'linux-node-selector',
    category: 'eks',
    defaultSeverity: 'info',
    description: 'In a workspace with Windows workloads, a Linux workload has no nodeSelector kubernetes.io/os: linux.',
    rationale:
      'In a cluster with Windows nodes, a Linux pod without the selector can be scheduled onto a Windows node and fail to start. The Amazon EKS user guide (Windows support) recommends kubernetes.io/os: linux on Linux workloads of mixed clusters.',
    fixable: 'fix',
    crossDocument: true,
  },
  check(ctx) {
    if (ctx.pods().length === 0 || !workspaceHasWindows(ctx.workspace)) return;
    for (const pod of ctx.pods()) {
      if (osSelector(pod) !== undefined || isWindowsPod(pod)) continue;
      ctx.report({
        object: pod.object,
        path: pod.specPath,
        prefer: 'key',
        message: 'may be scheduled on a Windows node of this mixed cluster; add nodeSelector kubernetes.io/os: linux.',
        fix: { title: 'Add nodeSelector kubernetes.io/os: linux', edits: setIn(pod.object, [...pod.specPath, 'nodeSelector', 'kubernetes.io/os'], 'linux') },
      });
    }
  },
});
