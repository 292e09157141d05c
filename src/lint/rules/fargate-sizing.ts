import { parseQuantity } from '../quantity';
import { defineRule } from '../rule';
import { containers, get } from '../walk';
import { fargateReason } from './_fargate';

const GiB = 2 ** 30;
// Fargate adds this to every pod's memory for the kubelet, kube-proxy and containerd it runs beside the pod.
const OVERHEAD = 256 * 2 ** 20;
// Worth a note when at least this share of the billed vCPU or memory is left unrequested.
const UNUSED_SHARE = 0.25;

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

// The vCPU / memory (GB, meaning GiB) combinations Fargate provisions for EKS pods, from the Amazon EKS user guide,
// "Understand Fargate Pod configuration details" (fargate-pod-configuration), table of vCPU and memory values.
const COMBINATIONS: readonly { vcpu: number; memoryGiB: readonly number[] }[] = [
  { vcpu: 0.25, memoryGiB: [0.5, 1, 2] },
  { vcpu: 0.5, memoryGiB: [1, 2, 3, 4] },
  { vcpu: 1, memoryGiB: [2, 3, 4, 5, 6, 7, 8] },
  { vcpu: 2, memoryGiB: range(4, 16, 1) },
  { vcpu: 4, memoryGiB: range(8, 30, 1) },
  { vcpu: 8, memoryGiB: range(16, 60, 4) },
  { vcpu: 16, memoryGiB: range(32, 120, 8) },
];

/** The smallest combination holding `vcpu` and `memoryBytes` (overhead already added), or undefined when none does. */
export function fargateSize(vcpu: number, memoryBytes: number): { vcpu: number; memoryGiB: number } | undefined {
  for (const c of COMBINATIONS) {
    if (c.vcpu < vcpu) continue;
    const mem = c.memoryGiB.find((m) => m * GiB >= memoryBytes);
    if (mem !== undefined) return { vcpu: c.vcpu, memoryGiB: mem };
  }
  return undefined;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const gb = (bytes: number) => `${round(bytes / GiB)} GB`;

/** A container's request, which the API server defaults to its limit when only the limit is given. */
function request(container: Record<string, unknown>, resource: 'cpu' | 'memory'): number | undefined {
  return parseQuantity(get(container, ['resources', 'requests', resource])) ?? parseQuantity(get(container, ['resources', 'limits', resource]));
}

export default defineRule({
  meta: {
    id: 'fargate-sizing',
    category: 'eks',
    defaultSeverity: 'info',
    description: 'On Fargate, the pod\'s requests round up to a noticeably larger (billed) vCPU and memory combination.',
    rationale:
      'Fargate provisions, and bills, the smallest vCPU/memory combination that holds the larger of the sum of the regular containers\' requests and the largest init container\'s, plus 256 MB for Kubernetes components; requests just past a step pay for capacity nobody asked for (1 vCPU / 8 GB becomes 2 vCPU / 9 GB). Source: the Amazon EKS user guide, "Understand Fargate Pod configuration details".',
    fixable: 'none',
  },
  check(ctx) {
    const profiles = ctx.config.fargateProfiles;
    for (const pod of ctx.pods()) {
      if (!fargateReason(pod, profiles)) continue;
      let cpu = 0;
      let mem = 0;
      let initCpu = 0;
      let initMem = 0;
      let any = false;
      for (const c of containers(pod, ['initContainers', 'containers'])) {
        const rc = request(c.container, 'cpu');
        const rm = request(c.container, 'memory');
        if (rc !== undefined || rm !== undefined) any = true;
        if (c.list === 'initContainers') {
          initCpu = Math.max(initCpu, rc ?? 0);
          initMem = Math.max(initMem, rm ?? 0);
        } else {
          cpu += rc ?? 0;
          mem += rm ?? 0;
        }
      }
      // Without requests Fargate picks the smallest combination: nothing is billed beyond what was asked.
      if (!any) continue;
      const vcpu = round(Math.max(cpu, initCpu));
      const memory = Math.max(mem, initMem) + OVERHEAD;
      const size = fargateSize(vcpu, memory);
      if (!size) {
        ctx.report({
          object: pod.object,
          path: pod.specPath,
          prefer: 'key',
          message: `requests ${vcpu} vCPU and ${gb(memory)} (with the 256 MB Fargate adds), more than the largest Fargate combination (16 vCPU, 120 GB): it will not be scheduled on Fargate.`,
        });
        continue;
      }
      if (size.vcpu === COMBINATIONS[0].vcpu && size.memoryGiB === COMBINATIONS[0].memoryGiB[0]) continue;
      const unusedCpu = (size.vcpu - vcpu) / size.vcpu;
      const unusedMem = (size.memoryGiB * GiB - memory) / (size.memoryGiB * GiB);
      if (unusedCpu < UNUSED_SHARE && unusedMem < UNUSED_SHARE) continue;
      ctx.report({
        object: pod.object,
        path: pod.specPath,
        prefer: 'key',
        message: `is billed on Fargate as ${size.vcpu} vCPU / ${size.memoryGiB} GB for requests of ${vcpu} vCPU / ${gb(memory)} (256 MB of it added by Fargate): size the requests to use that combination, or trim them to fit a smaller one.`,
      });
    }
  },
});
