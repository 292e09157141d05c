// Which command a container terminal runs. A person expects bash when the image has it and sh otherwise (what
// `kubectl exec -it POD -- bash || sh` does by hand), cmd.exe on Windows nodes, or the command they typed.
import type { KubeObject } from '../kube/model';

export type ContainerOs = 'linux' | 'windows';

/** bash if present, else sh; `exec` so the shell is the process the terminal talks to (and its exit code is ours). */
export const LINUX_SHELL = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];
/** cmd.exe is in every Windows image (nanoserver has no PowerShell). */
export const WINDOWS_SHELL = ['cmd.exe'];

/** The OS a pod's containers run on: spec.os.name, else the kubernetes.io/os node selector, else Linux. */
export function containerOs(pod: KubeObject): ContainerOs {
  const spec = (pod as { spec?: { os?: { name?: string }; nodeSelector?: Record<string, string> } }).spec;
  const os = spec?.os?.name ?? spec?.nodeSelector?.['kubernetes.io/os'];
  return os === 'windows' ? 'windows' : 'linux';
}

/**
 * The argv to exec. `userCommand` (what a person typed) runs as given when it is a plain word list, so it works in
 * images without a shell (distroless: `/busybox/sh`); with shell syntax in it, it goes through the container's shell.
 */
export function shellCommand(os: ContainerOs, userCommand?: string): string[] {
  const typed = userCommand?.trim();
  if (!typed) return os === 'windows' ? [...WINDOWS_SHELL] : [...LINUX_SHELL];
  if (!/[|&;<>()$`\\"'*?[\]#~=%{}]/.test(typed)) return typed.split(/\s+/);
  return os === 'windows' ? ['cmd.exe', '/c', typed] : ['/bin/sh', '-c', typed];
}
