import { runsOnFargate } from '../fargate';
import { parseQuantity } from '../quantity';
import { defineRule } from '../rule';
import { containers, get } from '../walk';

const GiB = 2 ** 30;
// Fargate adds this to every pod's memory for the Kubernetes components it runs (kubelet, kube-proxy, containerd).
const OVERHEAD = 256 * 2 ** 20;

/** The vCPU / memory combinations of the Amazon EKS user guide's "Fargate pod configuration" table. */
const COMBINATIONS: { vcpu: number; memoryGiB: number[] }[] = [
  { vcpu: 0.25, memoryGiB: [0.5, 1, 2] },
  { vcpu: 0.5, memoryGiB: [1, 2, 3, 4] },
  { vcpu: 1, memoryGiB: [2, 3, 4, 5, 6, 7, 8] },
  { vcpu: 2, memoryGiB: range(4, 16, 1) },
  { vcpu: 4, memoryGiB: range(8, 30, 1) },
  { vcpu: 8, memoryGiB: range(16, 60, 4) },
  { vcpu: 16, memoryGiB: range(32, 120, 8) },
];

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** The smallest combination that fits, or undefined when the pod is too large for Fargate. */
export function fargateSize(vcpu: number, memoryBytes: number): { vcpu: number; memoryGiB: number } | undefined {
  for (const c of COMBINATIONS) {
    if (c.vcpu < vcpu) continue;
    const mem = c.memoryGiB.find((m) => m * GiB >= memoryBytes);
    if (mem !== undefined) return { vcpu: c.vcpu, memoryGiB: mem };
  }
  return undefined;
}

function fmtGiB(bytes: number): string {
  return `${Math.round((bytes / GiB) * 100) / 100} GB`;
}

export default defineRule({
  meta: {
    id: 'fargate-sizing',
    category: 'eks',
    defaultSeverity: 'info',
    description: 'On Fargate, the pod\'s requests round up to a noticeably larger (billed) vCPU and memory combination.',
    rationale:
      'Fargate bills the smallest vCPU/memory combination that holds the pod\'s requests (the larger of the sum of its containers and its largest init container) plus 256 MB for Kubernetes components. Requests just above a step pay for the next size. Source: the Amazon EKS user guide, "Fargate pod configuration".',
    fixable: 'none',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      if (!runsOnFargate(pod, ctx.config.fargateProfiles)) continue;
      let cpu = 0;
      let mem = 0;
      let initCpu = 0;
      let initMem = 0;
      let any = false;
      for (const c of containers(pod, ['initContainers', 'containers'])) {
        const rc = parseQuantity(get(c.container, ['resources', 'requests', 'cpu']));
        const rm = parseQuantity(get(c.container, ['resources', 'requests', 'memory']));
        if (rc !== undefined || rm !== undefined) any = true;
        if (c.list === 'initContainers') {
          initCpu = Math.max(initCpu, rc ?? 0);
          initMem = Math.max(initMem, rm ?? 0);
        } else {
          cpu += rc ?? 0;
          mem += rm ?? 0;
        }
      }
      if (!any) continue;
      const vcpu = Math.max(cpu, initCpu);
      const memory = Math.max(mem, initMem) + OVERHEAD;
      const size = fargateSize(vcpu, memory);
      if (!size) {
        ctx.report({ object: pod.object, path: pod.specPath, prefer: 'key', message: `requests ${vcpu} vCPU and ${fmtGiB(memory)} (with Fargate's 256 MB), more than the largest Fargate size (16 vCPU, 120 GB).` });
        continue;
      }
      // Worth saying when at least a quarter of the billed vCPU or memory goes unrequested.
      const wasteCpu = (size.vcpu - vcpu) / size.vcpu;
      const wasteMem = (size.memoryGiB * GiB - memory) / (size.memoryGiB * GiB);
      if (wasteCpu < 0.25 && wasteMem < 0.25) continue;
      ctx.report({
        object: pod.object,
        path: pod.specPath,
        prefer: 'key',
        message: `on Fargate is billed as ${size.vcpu} vCPU / ${size.memoryGiB} GB for requests of ${vcpu} vCPU / ${fmtGiB(memory)} (including 256 MB Fargate adds); size requests to the combination.`,
      });
    }
  },
});
