// Windows containers on EKS: they run only on Windows nodes, which the scheduler picks by kubernetes.io/os.
import { containers, podSite, type PodSite } from './walk';
import type { Workspace } from './workspace';

// Microsoft's Windows base images and anything built on their nanoserver / servercore variants (in the path or tag).
const WINDOWS_IMAGE = /^mcr\.microsoft\.com\/(?:windows|dotnet\/framework\/)|nanoserver|servercore/i;

export function isWindowsImage(image: unknown): boolean {
  return typeof image === 'string' && WINDOWS_IMAGE.test(image);
}

export function osSelector(pod: PodSite): string | undefined {
  const ns = pod.spec.nodeSelector as Record<string, unknown> | undefined;
  const v = ns?.['kubernetes.io/os'] ?? ns?.['beta.kubernetes.io/os'];
  return typeof v === 'string' ? v : undefined;
}

const windowsPods = new WeakMap<PodSite, boolean>();

/**
 * A pod that runs on Windows nodes. Linux-only security fields (runAsNonRoot, seccomp, capabilities, read-only
 * root, privilege escalation) don't apply to it; the Pod Security Standards exempt it the same way.
 */
export function isWindowsPod(pod: PodSite): boolean {
  let v = windowsPods.get(pod);
  if (v === undefined) {
    const os = (pod.spec.os as Record<string, unknown> | undefined)?.name;
    v = os === 'windows' || osSelector(pod) === 'windows' || containers(pod).some((c) => isWindowsImage(c.container.image));
    windowsPods.set(pod, v);
  }
  return v;
}

export function workspaceHasWindows(ws: Workspace): boolean {
  return ws.memo('has-windows', () => {
    for (const f of ws.allFiles()) {
      for (const o of f.objects) {
        const p = podSite(o);
        if (p && isWindowsPod(p)) return true;
      }
    }
    return false;
  });
}
