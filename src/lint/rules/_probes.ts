// Container facts for the rules about probes and graceful shutdown.
import { get, type ContainerSite } from '../walk';

// `sleep 10`, `sleep 10s`, `sleep 1m` anywhere in a shell line (`sh -c "sleep 5 && nginx -s quit"`).
const SLEEP = /(?:^|[\s;&|(])sleep\s+(\d+(?:\.\d+)?)([smh]?)(?![\w.])/;
const UNIT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

/** How long a container's preStop hook sleeps: the `sleep` action, or an exec command that runs `sleep N`. */
export function preStopSleepSeconds(container: Record<string, unknown>): number | undefined {
  const hook = get(container, ['lifecycle', 'preStop']);
  const s = get(hook, ['sleep', 'seconds']);
  if (typeof s === 'number') return s;
  const cmd = get(hook, ['exec', 'command']);
  if (!Array.isArray(cmd)) return undefined;
  const m = SLEEP.exec(cmd.map(String).join(' '));
  return m ? Math.ceil(Number(m[1]) * UNIT[m[2]]) : undefined;
}

/** A native sidecar: an init container with restartPolicy Always, which runs (and serves) beside the app. */
export function isSidecar(c: ContainerSite): boolean {
  return c.list === 'initContainers' && c.container.restartPolicy === 'Always';
}

/** Containers that run for the pod's whole life: the app containers and native sidecars. */
export function isLongRunning(c: ContainerSite): boolean {
  return c.list === 'containers' || isSidecar(c);
}

/** Whether the container declares at least one port. */
export function hasPorts(container: Record<string, unknown>): boolean {
  return Array.isArray(container.ports) && container.ports.length > 0;
}
