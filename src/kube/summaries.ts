// What a tree row needs from a Kubernetes object, computed once per object (and per watch event). The pod STATUS
// string follows kubectl's printPod (pkg/printers/internalversion/printers.go) so Wharf and kubectl agree; the icon
// state is the one word a person scans for, with the most actionable cause first.
import type { ContainerSummary, KubeObject, NodeSummary, PodState, PodSummary, WorkloadSummary } from './model';

interface ContainerSpec {
  name: string;
  image?: string;
  restartPolicy?: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
}
interface ContainerStateShape {
  running?: { startedAt?: string };
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string; message?: string };
}
export interface ContainerStatus {
  name: string;
  image?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerStateShape;
  lastState?: ContainerStateShape;
}
interface PodShape {
  spec?: { nodeName?: string; containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; ephemeralContainers?: ContainerSpec[]; schedulerName?: string };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    conditions?: { type: string; status: string; reason?: string }[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
    ephemeralContainerStatuses?: ContainerStatus[];
  };
}

const IMAGE_PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable']);
const CANNOT_RUN = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'ContainerCannotRun', 'PreCreateHookError', 'PostStartHookError']);
const FARGATE_LABEL = 'eks.amazonaws.com/compute-type';

/** A sidecar: an init container with restartPolicy Always runs alongside the app containers (Kubernetes 1.29+). */
const isSidecar = (c: ContainerSpec | undefined) => c?.restartPolicy === 'Always';

/** kubectl's STATUS column and READY counts for a pod. */
export function podStatusText(pod: KubeObject): { status: string; ready: number; total: number; restarts: number } {
  const { spec = {}, status = {} } = pod as unknown as PodShape;
  const inits = spec.initContainers ?? [];
  const initByName = new Map(inits.map((c) => [c.name, c]));
  let total = (spec.containers ?? []).length + inits.filter(isSidecar).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let reason = status.reason || status.phase || 'Unknown';
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    const sidecar = isSidecar(initByName.get(c.name));
    if (sidecar) sidecarRestarts += c.restartCount ?? 0;
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (t) reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode ?? 0}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${inits.length}`;
    initializing = true;
    break;
  }

  const initialized = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      const t = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  if (total === 0) total = (status.containerStatuses ?? []).length;
  return { status: reason, ready, total, restarts };
}

function containerSummaries(pod: KubeObject): ContainerSummary[] {
  const { spec = {}, status = {} } = pod as unknown as PodShape;
  const one = (kind: ContainerSummary['kind'], specs: ContainerSpec[] = [], statuses: ContainerStatus[] = []): ContainerSummary[] => {
    const byName = new Map(statuses.map((s) => [s.name, s]));
    return specs.map((c) => {
      const s = byName.get(c.name);
      const st = s?.state;
      const last = s?.lastState?.terminated;
      return {
        name: c.name,
        image: c.image ?? s?.image ?? '',
        kind,
        state: st?.running ? 'running' : st?.waiting ? 'waiting' : st?.terminated ? 'terminated' : 'unknown',
        reason: st?.waiting?.reason ?? st?.terminated?.reason,
        ready: s?.ready ?? false,
        restarts: s?.restartCount ?? 0,
        lastTermination: last ? { reason: last.reason, exitCode: last.exitCode, finishedAt: last.finishedAt } : undefined,
        ports: c.ports ?? [],
      };
    });
  };
  return [
    ...one('init', spec.initContainers, status.initContainerStatuses),
    ...one('container', spec.containers, status.containerStatuses),
    ...one('ephemeral', spec.ephemeralContainers, status.ephemeralContainerStatuses),
  ];
}

function podState(pod: KubeObject, status: string, ready: number, total: number, containers: ContainerSummary[]): PodState {
  const phase = (pod as unknown as PodShape).status?.phase;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (pod.metadata.deletionTimestamp && !terminal) return 'terminating';
  // Active containers only: an init container that finished long ago says nothing about now.
  const reasons = containers.filter((c) => c.state !== 'terminated' || c.reason !== 'Completed').map((c) => c.reason ?? '');
  if (reasons.some((r) => IMAGE_PULL.has(r))) return 'imagepull';
  if (containers.some((c) => c.reason === 'OOMKilled' || (c.lastTermination?.reason === 'OOMKilled' && c.kind !== 'init'))) return 'oomkilled';
  if (reasons.includes('CrashLoopBackOff')) return 'crashloop';
  if (phase === 'Failed' || reasons.some((r) => CANNOT_RUN.has(r))) return 'failed';
  if (phase === 'Succeeded') return 'completed';
  if (phase === 'Pending' || status.startsWith('Init:')) return 'pending';
  if (phase === 'Running') return total > 0 && ready === total ? 'ready' : 'running';
  return 'unknown';
}

/** Whether a node name or labels say Fargate (EKS names Fargate nodes fargate-ip-...). */
export function isFargateNode(name: string | undefined, labels?: Record<string, string>): boolean {
  return labels?.[FARGATE_LABEL] === 'fargate' || (name?.startsWith('fargate-') ?? false);
}

/** `fargateNodes`: names of nodes known to be Fargate (from their labels), when the caller has the node list. */
export function podSummary(pod: KubeObject, fargateNodes?: ReadonlySet<string>): PodSummary {
  const shape = pod as unknown as PodShape;
  const { status, ready, total, restarts } = podStatusText(pod);
  const containers = containerSummaries(pod);
  const node = shape.spec?.nodeName;
  const owners = pod.metadata.ownerReferences ?? [];
  const owner = owners.find((o) => o.controller) ?? owners[0];
  return {
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? '',
    uid: pod.metadata.uid,
    phase: shape.status?.phase ?? 'Unknown',
    state: podState(pod, status, ready, total, containers),
    status,
    ready,
    total,
    restarts,
    node,
    // The Fargate scheduler labels the pods it places with their profile.
    fargate: isFargateNode(node) || (node !== undefined && (fargateNodes?.has(node) ?? false)) || pod.metadata.labels?.['eks.amazonaws.com/fargate-profile'] !== undefined,
    ip: shape.status?.podIP,
    createdAt: pod.metadata.creationTimestamp,
    owner: owner ? { kind: owner.kind, name: owner.name } : undefined,
    containers,
  };
}

interface NodeShape {
  spec?: { unschedulable?: boolean };
  status?: { conditions?: { type: string; status: string }[]; nodeInfo?: { kubeletVersion?: string } };
}

/** ON_DEMAND | SPOT, whichever label says it (Karpenter writes on-demand / spot). */
function capacityType(labels: Record<string, string>): string | undefined {
  const v = labels['eks.amazonaws.com/capacityType'] ?? labels['karpenter.sh/capacity-type'];
  return v?.toUpperCase().replace(/-/g, '_');
}

export function nodeSummary(node: KubeObject): NodeSummary {
  const shape = node as unknown as NodeShape;
  const labels = node.metadata.labels ?? {};
  const conditions = shape.status?.conditions ?? [];
  const readyCond = conditions.find((c) => c.type === 'Ready');
  return {
    name: node.metadata.name,
    ready: readyCond ? readyCond.status === 'True' : undefined,
    pressure: conditions.filter((c) => c.type !== 'Ready' && c.status === 'True').map((c) => c.type),
    instanceType: labels['node.kubernetes.io/instance-type'] ?? labels['beta.kubernetes.io/instance-type'],
    capacityType: capacityType(labels),
    zone: labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'],
    fargate: isFargateNode(node.metadata.name, labels),
    kubeletVersion: shape.status?.nodeInfo?.kubeletVersion,
    nodegroup: labels['eks.amazonaws.com/nodegroup'] ?? labels['karpenter.sh/nodepool'],
    unschedulable: shape.spec?.unschedulable ?? false,
    createdAt: node.metadata.creationTimestamp,
  };
}

interface WorkloadShape {
  spec?: {
    replicas?: number;
    completions?: number;
    parallelism?: number;
    schedule?: string;
    suspend?: boolean;
    selector?: { matchLabels?: Record<string, string> };
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    desiredNumberScheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
    succeeded?: number;
    failed?: number;
    active?: number | { name: string }[];
    conditions?: { type: string; status: string }[];
    lastScheduleTime?: string;
  };
}

/** Deployment, StatefulSet, ReplicaSet, DaemonSet, Job or CronJob: readiness as kubectl's READY / COMPLETIONS columns. */
export function workloadSummary(obj: KubeObject): WorkloadSummary {
  const { spec = {}, status = {} } = obj as unknown as WorkloadShape;
  const base = { kind: obj.kind ?? '', name: obj.metadata.name, namespace: obj.metadata.namespace ?? '', selector: spec.selector?.matchLabels };
  const cond = (type: string) => status.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
  switch (obj.kind) {
    case 'DaemonSet': {
      const desired = status.desiredNumberScheduled ?? 0;
      const ready = status.numberReady ?? 0;
      return { ...base, readiness: `${ready}/${desired}`, healthy: ready >= desired };
    }
    case 'Job': {
      const completions = spec.completions ?? (spec.parallelism === undefined || spec.parallelism === 1 ? 1 : undefined);
      const done = status.succeeded ?? 0;
      const failed = cond('Failed');
      return { ...base, readiness: completions === undefined ? `${done}` : `${done}/${completions}`, healthy: !failed };
    }
    case 'CronJob': {
      const active = Array.isArray(status.active) ? status.active.length : 0;
      const schedule = spec.schedule ?? '';
      return { ...base, selector: undefined, readiness: spec.suspend ? `${schedule} (suspended)` : active ? `${schedule} (${active} active)` : schedule, healthy: true };
    }
    default: {
      // Deployment, StatefulSet, ReplicaSet: ready of desired (spec.replicas defaults to 1).
      const desired = spec.replicas ?? 1;
      const ready = status.readyReplicas ?? 0;
      const progressing = obj.kind === 'Deployment' && status.conditions?.some((c) => c.type === 'Progressing' && c.status === 'False');
      return { ...base, readiness: `${ready}/${desired}`, healthy: ready >= desired && !progressing };
    }
  }
}
