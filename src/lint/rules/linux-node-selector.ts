import { setIn } from '../edit';
import { defineRule } from '../rule';
import { isWindowsPod, workspaceHasWindows } from '../windows';
import { firstWindowsWorkload, pinnedOs } from './_node-os';

export default defineRule({
  meta: {
    id: 'linux-node-selector',
    category: 'eks',
    defaultSeverity: 'info',
    description: 'In a workspace with Windows workloads, a Linux workload has no nodeSelector kubernetes.io/os: linux.',
    rationale:
      'A cluster that runs Windows workloads has Windows nodes, and a Linux pod without an OS selector can be scheduled onto one and never start. The Amazon EKS user guide (Windows support) recommends nodeSelector kubernetes.io/os: linux on the Linux workloads of mixed clusters.',
    fixable: 'fix',
    crossDocument: true,
  },
  check(ctx) {
    if (ctx.pods().length === 0 || !workspaceHasWindows(ctx.workspace)) return;
    const windows = firstWindowsWorkload(ctx.workspace);
    for (const pod of ctx.pods()) {
      if (isWindowsPod(pod) || pinnedOs(pod) !== undefined) continue;
      ctx.report({
        object: pod.object,
        path: pod.specPath,
        prefer: 'key',
        message: 'has no kubernetes.io/os node selector in a workspace with Windows workloads: it may be scheduled on a Windows node and never start; add nodeSelector kubernetes.io/os: linux.',
        fix: { title: 'Add nodeSelector kubernetes.io/os: linux', edits: () => setIn(pod.object, [...pod.specPath, 'nodeSelector', 'kubernetes.io/os'], 'linux') },
        related: windows ? [{ object: windows, message: `${windows.kind} ${windows.name} runs on Windows nodes` }] : undefined,
      });
    }
  },
});
