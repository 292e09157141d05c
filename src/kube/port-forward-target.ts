// What a port-forward points at, and how it finds the pod and port to reach: a pod (itself), a workload (a ready pod
// from its selector) or a Service (a ready pod its selector matches, the Service port mapped through targetPort,
// named or numbered, to the container port). The pure parts (readiness, selectors, port mapping, the choices a person
// is offered) are separate from the two reads, so tests drive them with objects written by hand.
import { KubeError } from './errors';
import type { KubeObject, ResourceKind } from './model';
import { RESOURCES } from './resources';

export type ForwardTarget =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'workload'; namespace: string; name: string; resource: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' }
  | { kind: 'service'; namespace: string; name: string };

/** The part of KubeClient resolution uses. */
export interface TargetClient {
  get(kind: ResourceKind, name: string, namespace?: string, signal?: AbortSignal): Promise<KubeObject>;
  list(kind: ResourceKind, opts: { namespace?: string; labelSelector?: string; limit?: number }, signal?: AbortSignal): Promise<{ items: KubeObject[] }>;
}

/** A port a person can pick: for a pod or workload a container port, for a Service one of its ports. */
export interface PortChoice {
  /** What `?ports=` gets (pods, workloads) or the Service port (services). */
  port: number;
  /** The port's name, if it has one. */
  name?: string;
  /** For the quick pick: "8080/TCP · container app", "80 → http (8080)". */
  detail: string;
  protocol?: string;
}

interface ContainerPort {
  containerPort: number;
  name?: string;
  protocol?: string;
}
interface PodSpec {
  containers?: { name: string; ports?: ContainerPort[] }[];
}
interface ServicePort {
  port: number;
  name?: string;
  protocol?: string;
  targetPort?: number | string;
}
interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const WORKLOAD_RESOURCE: Record<Extract<ForwardTarget, { kind: 'workload' }>['resource'], ResourceKind> = {
  Deployment: RESOURCES.deployments,
  StatefulSet: RESOURCES.statefulsets,
  DaemonSet: RESOURCES.daemonsets,
  ReplicaSet: RESOURCES.replicasets,
  Job: RESOURCES.jobs,
};

export function describeTarget(t: ForwardTarget): string {
  const kind = t.kind === 'pod' ? 'pod' : t.kind === 'service' ? 'service' : t.resource.toLowerCase();
  return `${kind}/${t.name} in ${t.namespace}`;
}

/** Running, Ready, and not being deleted: a pod traffic can go to (what a Service's endpoints would hold). */
export function podIsReady(pod: KubeObject): boolean {
  const p = pod as KubeObject & { metadata: { deletionTimestamp?: string }; status?: { phase?: string; conditions?: { type: string; status: string }[] } };
  if (p.metadata.deletionTimestamp) return false;
  if (p.status?.phase !== 'Running') return false;
  return p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** A label selector in the API's query syntax ("app=web,tier in (a,b)"); undefined when it selects nothing. */
export function selectorString(sel: LabelSelector | Record<string, string> | undefined): string | undefined {
  if (!sel) return undefined;
  const s = 'matchLabels' in sel || 'matchExpressions' in sel ? (sel as LabelSelector) : { matchLabels: sel as Record<string, string> };
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const vals = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : undefined;
}

/**
 * The pod to use among a selector's pods: ready ones only, the oldest first (it has proven itself, and a rollout
 * replaces it last), never one in `avoid` (the pod that just went away) unless it is the only one.
 */
export function choosePod(pods: KubeObject[], avoid: ReadonlySet<string> = new Set()): KubeObject | undefined {
  const ready = pods.filter(podIsReady).sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
  return ready.find((p) => !avoid.has(p.metadata.name)) ?? ready[0];
}

function containersOf(spec: PodSpec | undefined): NonNullable<PodSpec['containers']> {
  return spec?.containers ?? [];
}

/** A port given by name ("http") or number, as the container port of this pod. */
export function containerPort(pod: KubeObject, port: number | string): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  for (const c of containersOf((pod as { spec?: PodSpec }).spec)) {
    const p = c.ports?.find((x) => x.name === port);
    if (p) return p.containerPort;
  }
  throw new KubeError({ kind: 'invalid', message: `pod ${pod.metadata.namespace}/${pod.metadata.name} has no container port named "${port}"` });
}

/** The Service port (by number or name) -> its targetPort (a number, or a container port's name); targetPort defaults to port. */
export function serviceTargetPort(service: KubeObject, port: number | string): number | string {
  const ports = ((service as { spec?: { ports?: ServicePort[] } }).spec?.ports ?? []) as ServicePort[];
  const sp = ports.find((p) => (typeof port === 'number' ? p.port === port : p.name === port || String(p.port) === port));
  if (!sp) throw new KubeError({ kind: 'invalid', message: `service ${service.metadata.namespace}/${service.metadata.name} has no port ${port} (it has ${ports.map((p) => p.name ?? p.port).join(', ') || 'none'})` });
  return sp.targetPort ?? sp.port;
}

/** The container ports of a pod spec, for a person to pick from. */
export function podPortChoices(spec: PodSpec | undefined): PortChoice[] {
  const out: PortChoice[] = [];
  for (const c of containersOf(spec)) {
    for (const p of c.ports ?? []) {
      const protocol = p.protocol ?? 'TCP';
      out.push({ port: p.containerPort, name: p.name, protocol, detail: `${p.containerPort}/${protocol}${p.name ? ` (${p.name})` : ''} · container ${c.name}` });
    }
  }
  return out;
}

export function servicePortChoices(service: KubeObject): PortChoice[] {
  const ports = ((service as { spec?: { ports?: ServicePort[] } }).spec?.ports ?? []) as ServicePort[];
  return ports.map((p) => {
    const target = p.targetPort ?? p.port;
    const protocol = p.protocol ?? 'TCP';
    return { port: p.port, name: p.name, protocol, detail: `${p.port}/${protocol}${p.name ? ` (${p.name})` : ''} → target port ${target}` };
  });
}

/** The ports a person is offered for a target, read from the server (the pod, the workload's template, the Service). */
export async function portChoices(client: TargetClient, t: ForwardTarget, signal?: AbortSignal): Promise<PortChoice[]> {
  if (t.kind === 'pod') return podPortChoices((await client.get(RESOURCES.pods, t.name, t.namespace, signal) as { spec?: PodSpec }).spec);
  if (t.kind === 'service') return servicePortChoices(await client.get(RESOURCES.services, t.name, t.namespace, signal));
  const w = (await client.get(WORKLOAD_RESOURCE[t.resource], t.name, t.namespace, signal)) as { spec?: { template?: { spec?: PodSpec } } };
  return podPortChoices(w.spec?.template?.spec);
}

/** Where one connection goes now: the pod (with its resourceVersion, to watch it from) and the port on it. */
export interface ResolvedPod {
  pod: string;
  port: number;
  resourceVersion: string;
}

/**
 * Finds the pod and container port for `remote` (a container port for pods and workloads, a Service port for
 * Services). Throws a KubeError a person can act on when there is no ready pod.
 */
export async function resolveTarget(client: TargetClient, t: ForwardTarget, remote: number | string, signal?: AbortSignal, avoid: ReadonlySet<string> = new Set()): Promise<ResolvedPod> {
  if (t.kind === 'pod') {
    const pod = await client.get(RESOURCES.pods, t.name, t.namespace, signal);
    if (!podIsReady(pod)) {
      const phase = (pod as { status?: { phase?: string } }).status?.phase ?? 'Unknown';
      throw new KubeError({ kind: 'invalid', message: `pod ${t.namespace}/${t.name} is not ready (${(pod.metadata as { deletionTimestamp?: string }).deletionTimestamp ? 'terminating' : phase}), so nothing can be forwarded to it.` });
    }
    return { pod: t.name, port: containerPort(pod, remote), resourceVersion: pod.metadata.resourceVersion ?? '' };
  }
  let selector: string | undefined;
  let port: number | string = remote;
  if (t.kind === 'service') {
    const svc = await client.get(RESOURCES.services, t.name, t.namespace, signal);
    selector = selectorString((svc as { spec?: { selector?: Record<string, string> } }).spec?.selector);
    if (!selector) throw new KubeError({ kind: 'invalid', message: `service ${t.namespace}/${t.name} has no selector (its endpoints are managed by hand), so there is no pod to forward to.` });
    port = serviceTargetPort(svc, remote);
  } else {
    const w = await client.get(WORKLOAD_RESOURCE[t.resource], t.name, t.namespace, signal);
    selector = selectorString((w as { spec?: { selector?: LabelSelector } }).spec?.selector);
    if (!selector) throw new KubeError({ kind: 'invalid', message: `${describeTarget(t)} has no pod selector.` });
  }
  const pods = (await client.list(RESOURCES.pods, { namespace: t.namespace, labelSelector: selector, limit: 500 }, signal)).items;
  const pod = choosePod(pods, avoid);
  if (!pod) {
    const why = pods.length ? `none of its ${pods.length} pod(s) is ready` : 'it has no pods';
    throw new KubeError({ kind: 'invalid', message: `${describeTarget(t)}: ${why}, so nothing can be forwarded to it yet.` });
  }
  return { pod: pod.metadata.name, port: containerPort(pod, port), resourceVersion: pod.metadata.resourceVersion ?? '' };
}

const WEB_PORTS = new Set([80, 443, 3000, 4200, 5000, 5173, 8000, 8008, 8080, 8081, 8443, 8888, 9000, 9090]);
const TLS_PORTS = new Set([443, 8443]);

/**
 * The URL to open for a forward when its port looks like a web server's (a well-known web port, or a port named
 * http/https/web/ui...), else undefined: "Open in Browser" is offered only then.
 */
export function browserUrl(localPort: number, remotePorts: (number | string | undefined)[], name?: string): string | undefined {
  const numbers = remotePorts.filter((p): p is number => typeof p === 'number');
  const names = [name, ...remotePorts.filter((p): p is string => typeof p === 'string')].filter((n): n is string => !!n);
  const tls = numbers.some((p) => TLS_PORTS.has(p)) || names.some((n) => /^https\b|tls/.test(n));
  const web = tls || numbers.some((p) => WEB_PORTS.has(p)) || names.some((n) => /^(http|web|ui|dashboard|console|admin|metrics)/.test(n));
  return web ? `${tls ? 'https' : 'http'}://localhost:${localPort}/` : undefined;
}
