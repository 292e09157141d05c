// Which operating system a pod is pinned to, for the Windows/Linux node-selector rules. The scheduler places a pod
// by its nodeSelector or its required node affinity on the kubernetes.io/os node label; `spec.os.name` is only
// validated by the kubelet, it steers nothing.
import type { KObject } from '../source';
import { isObj, podSite, type PodSite } from '../walk';
import { isWindowsPod, osSelector } from '../windows';
import type { Workspace } from '../workspace';

const OS_LABELS = new Set(['kubernetes.io/os', 'beta.kubernetes.io/os']);

/** The OS every required node-affinity term restricts to (`In` with one value), or undefined. */
function affinityOs(pod: PodSite): string | undefined {
  const terms = (pod.spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: unknown } } } | undefined)
    ?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms) || terms.length === 0) return undefined;
  let os: string | undefined;
  // Terms are ORed: the pod is pinned only if every term pins the same OS.
  for (const term of terms) {
    const exprs = isObj(term) && Array.isArray(term.matchExpressions) ? term.matchExpressions : [];
    const e = exprs.find((x) => isObj(x) && OS_LABELS.has(String(x.key)) && x.operator === 'In' && Array.isArray(x.values) && x.values.length === 1);
    const v = isObj(e) && Array.isArray(e.values) ? String(e.values[0]) : undefined;
    if (v === undefined || (os !== undefined && os !== v)) return undefined;
    os = v;
  }
  return os;
}

/** The OS the pod's scheduling constraints pin it to: nodeSelector first, then required node affinity. */
export function pinnedOs(pod: PodSite): string | undefined {
  return osSelector(pod) ?? affinityOs(pod);
}

/** The first Windows workload of the workspace (memoized until it changes), for pointing at it. */
export function firstWindowsWorkload(ws: Workspace): KObject | undefined {
  return ws.memo('node-os:first-windows-workload', () => {
    for (const f of ws.allFiles()) {
      for (const o of f.objects) {
        const p = podSite(o);
        if (p && isWindowsPod(p)) return o;
      }
    }
    return undefined;
  });
}
