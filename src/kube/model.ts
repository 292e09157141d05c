// Plain data the Kubernetes adapters return and tree nodes show. Raw objects stay `KubeObject` (JSON as the API
// server sends it); summaries are what a tree row needs, computed once per object by kube/summaries.ts.

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    managedFields?: unknown[];
    deletionTimestamp?: string;
  };
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

/** A resource type the explorer lists: how to reach it on the API server. */
export interface ResourceKind {
  kind: string; // "Deployment"
  group: string; // "" for the core group
  version: string; // "v1"
  plural: string; // "deployments"
  namespaced: boolean;
}

/** A list page plus what a watch needs to resume from it. */
export interface KubeListPage<T = KubeObject> {
  items: T[];
  next?: string;
  resourceVersion: string;
  /** metadata.remainingItemCount: how many more the server holds past this page (an estimate; absent when unknown). */
  remaining?: number;
}

export type WatchEvent<T = KubeObject> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }
  | { type: 'BOOKMARK'; resourceVersion: string }
  /** The watch's resourceVersion is too old (410 Gone): relist. */
  | { type: 'RELIST' };

/** The icon state of a pod, the one word a person scans for. */
export type PodState = 'running' | 'ready' | 'pending' | 'crashloop' | 'imagepull' | 'oomkilled' | 'completed' | 'failed' | 'terminating' | 'unknown';

export interface ContainerSummary {
  name: string;
  image: string;
  kind: 'container' | 'init' | 'ephemeral';
  /** running | waiting | terminated */
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** The waiting or terminated reason (CrashLoopBackOff, ImagePullBackOff, Completed, OOMKilled...). */
  reason?: string;
  ready: boolean;
  restarts: number;
  lastTermination?: { reason?: string; exitCode?: number; finishedAt?: string };
  ports: { name?: string; containerPort: number; protocol?: string }[];
}

export interface PodSummary {
  name: string;
  namespace: string;
  uid?: string;
  phase: string;
  state: PodState;
  /** What kubectl's STATUS column would say: Running, CrashLoopBackOff, Completed, Init:0/1, Terminating... */
  status: string;
  ready: number;
  total: number;
  restarts: number;
  node?: string;
  /** Scheduled on a Fargate node (eks.amazonaws.com/compute-type: fargate, or a fargate-* node name). */
  fargate: boolean;
  ip?: string;
  createdAt?: string;
  owner?: { kind: string; name: string };
  containers: ContainerSummary[];
}

export interface NodeSummary {
  name: string;
  ready: boolean | undefined;
  /** Pressure and other non-Ready conditions that are True: MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable. */
  pressure: string[];
  instanceType?: string;
  capacityType?: string; // ON_DEMAND | SPOT (from eks.amazonaws.com/capacityType or karpenter.sh/capacity-type)
  zone?: string;
  fargate: boolean;
  kubeletVersion?: string;
  nodegroup?: string;
  unschedulable: boolean;
  createdAt?: string;
}

export interface WorkloadSummary {
  kind: string;
  name: string;
  namespace: string;
  /** "3/3" ready of desired, or a Job's "1/1" completions, or a CronJob's schedule. */
  readiness: string;
  healthy: boolean;
  /** Selector labels, to find the workload's pods. */
  selector?: Record<string, string>;
}

/** A failure to reach or use a cluster, with what the API server said. */
export interface KubeFailure {
  kind: 'unauthorized' | 'forbidden' | 'not-found' | 'gone' | 'conflict' | 'invalid' | 'unreachable' | 'timeout' | 'tls' | 'aborted' | 'server' | 'unknown';
  status?: number;
  message: string;
  /** For forbidden: the verb and resource the server named ("list pods in namespace shop"). */
  verb?: string;
  resource?: string;
  /** The Status reason (Unauthorized, Forbidden, NotFound, Expired, Gone...). Expired on a list: its continue token expired. */
  reason?: string;
  /** For forbidden: the Kubernetes user the server named, the API group and the namespace (absent at cluster scope). */
  user?: string;
  group?: string;
  namespace?: string;
}
