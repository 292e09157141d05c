// Container facts for the rules about probes and graceful shutdown.
import type { KObject } from '../source';
import { containers, get, isObj, type ContainerSite } from '../walk';
import type { Workspace } from '../workspace';
import { servicesSelecting } from './_replicas';

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

function declaredPorts(container: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(container.ports) ? container.ports.filter(isObj) : [];
}

/**
 * The Service that sends traffic to a container which declares no ports, if any: a Service selecting the pod whose
 * port targets a number that no other container of the pod declares (the container may listen on it undeclared).
 * A named targetPort resolves only to a container that declares that name, and a number another container declares
 * goes to that container: the kube-rbac-proxy sidecar pattern, where the Service's ports all belong to the sidecar.
 */
export function serviceTargeting(ws: Workspace, c: ContainerSite): KObject | undefined {
  const others = containers(c.pod, ['containers', 'initContainers']).filter((o) => o.container !== c.container && isLongRunning(o));
  const claimed = new Set(others.flatMap((o) => declaredPorts(o.container).map((p) => p.containerPort)));
  for (const svc of servicesSelecting(ws, c.pod)) {
    const ports = get(svc.value, ['spec', 'ports']);
    if (!Array.isArray(ports)) continue;
    for (const p of ports.filter(isObj)) {
      const target = p.targetPort ?? p.port;
      if (typeof target === 'number' && !claimed.has(target)) return svc;
      // A numeric string ("8080") is a number to the API server too.
      if (typeof target === 'string' && /^\d+$/.test(target) && !claimed.has(Number(target))) return svc;
    }
  }
  return undefined;
}
