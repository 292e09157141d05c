// Test doubles for the tree's unit tests. The nodes reach AWS and Kubernetes only through the Backend interface
// (src/views/backend.ts), so these tests give them a fake one holding plain model data; the adapters behind the real
// Backend have their own tests against the SDK layer and the local AWS and Kubernetes services. Kubernetes objects
// here are shaped as the API server returns them, and the real summaries (src/kube/summaries.ts) read them.
import type { EcsCluster, EcsService, EcsTask, EksCluster } from '../../../src/aws/model';
import type { KubeListPage, KubeObject, ResourceKind } from '../../../src/kube/model';
import type { Page } from '../../../src/page';
import type { Backend, KubeListOptions } from '../../../src/views/backend';
import type { TreeContext, TreeNode } from '../../../src/views/node';
import type { AwsScope, EksClusterRef } from '../../../src/views/target';

export interface Call {
  op: string;
  args: unknown[];
  signal?: AbortSignal;
}

/** Pages `items` the way the real APIs do: `size` at a time, `next` the index of the next page. */
export function paginate<T>(items: T[], size: number, next: string | undefined): Page<T> {
  const from = next ? Number(next) : 0;
  const to = from + size;
  return { items: items.slice(from, to), next: to < items.length ? String(to) : undefined };
}

export class FakeBackend implements Backend {
  calls: Call[] = [];
  eksNames: string[] = [];
  clusters = new Map<string, EksCluster>();
  ecs: EcsCluster[] = [];
  services: EcsService[] = [];
  tasks: EcsTask[] = [];
  kube = new Map<string, KubeObject[]>();
  /** Throw this from every call of an op. */
  failures = new Map<string, unknown>();
  /** Hold describes until released (progressive details). */
  gate: Promise<void> | undefined;
  inFlight = 0;
  maxInFlight = 0;
  servesKarpenter = false;

  private record(op: string, signal: AbortSignal | undefined, ...args: unknown[]) {
    this.calls.push({ op, args, signal });
    const f = this.failures.get(op);
    if (f) throw f;
  }
  count(op: string): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  async defaultRegion(profile: string | undefined) {
    return profile === 'tokyo' ? 'ap-northeast-1' : 'eu-west-1';
  }
  async eksClusterNames(_s: AwsScope, next: string | undefined, signal: AbortSignal) {
    this.record('eksClusterNames', signal, next);
    return paginate(this.eksNames, 100, next);
  }
  async eksCluster(_s: AwsScope, name: string, signal: AbortSignal) {
    this.record('eksCluster', signal, name);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.gate) await this.gate;
      if (signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      return this.clusters.get(name) ?? eksCluster(name);
    } finally {
      this.inFlight--;
    }
  }
  async nodegroups(_r: EksClusterRef, signal: AbortSignal) {
    this.record('nodegroups', signal);
    return [];
  }
  async fargateProfiles(_r: EksClusterRef, signal: AbortSignal) {
    this.record('fargateProfiles', signal);
    return [];
  }
  async addons(_r: EksClusterRef, v: string, signal: AbortSignal) {
    this.record('addons', signal, v);
    return [{ name: 'vpc-cni', version: 'v1.18.0-eksbuild.1', status: 'ACTIVE', newerVersion: 'v1.19.2-eksbuild.1', healthIssues: [] }];
  }
  async accessEntries(_r: EksClusterRef, signal: AbortSignal) {
    this.record('accessEntries', signal);
    return [];
  }
  async podIdentityAssociations(_r: EksClusterRef, signal: AbortSignal) {
    this.record('podIdentityAssociations', signal);
    return [];
  }
  async ecsClusters(_s: AwsScope, next: string | undefined, signal: AbortSignal) {
    this.record('ecsClusters', signal, next);
    return paginate(this.ecs, 100, next);
  }
  async ecsServices(_s: AwsScope, arn: string, next: string | undefined, signal: AbortSignal) {
    this.record('ecsServices', signal, arn, next);
    return paginate(this.services.filter((s) => s.clusterArn === arn), 100, next);
  }
  async ecsTasks(_s: AwsScope, arn: string, filter: { serviceName?: string; standalone?: boolean }, next: string | undefined, signal: AbortSignal) {
    this.record('ecsTasks', signal, arn, filter, next);
    const tasks = this.tasks.filter((t) => t.clusterArn === arn && (filter.serviceName ? t.serviceName === filter.serviceName : filter.standalone ? !t.serviceName : true));
    return paginate(tasks, 100, next);
  }
  async kubeList(_r: EksClusterRef, resource: ResourceKind, opts: KubeListOptions, signal: AbortSignal): Promise<KubeListPage> {
    this.record('kubeList', signal, resource.plural, opts);
    let items = this.kube.get(resource.plural) ?? [];
    if (opts.namespace) items = items.filter((o) => o.metadata.namespace === opts.namespace);
    if (opts.labelSelector) {
      const want = opts.labelSelector.split(',').map((kv) => kv.split('='));
      items = items.filter((o) => want.every(([k, v]) => o.metadata.labels?.[k] === v));
    }
    const page = paginate(items, opts.limit ?? 500, opts.continue);
    return { ...page, resourceVersion: '100' };
  }
  async kubeServesGroup(_r: EksClusterRef, _group: string, signal: AbortSignal) {
    this.record('kubeServesGroup', signal);
    return this.servesKarpenter;
  }
}

export function eksCluster(name: string, over: Partial<EksCluster> = {}): EksCluster {
  return {
    name,
    arn: `arn:aws:eks:eu-west-1:123456789012:cluster/${name}`,
    region: 'eu-west-1',
    status: 'ACTIVE',
    version: '1.31',
    platformVersion: 'eks.12',
    endpoint: `https://${name}.example.eks.amazonaws.com`,
    endpointPublicAccess: true,
    endpointPrivateAccess: false,
    healthIssues: [],
    tags: {},
    support: { phase: 'standard', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26', source: 'table' },
    ...over,
  };
}

/** A TreeContext over a backend that records re-renders. */
export function treeContext(backend: Backend): TreeContext & { changedNodes: TreeNode[] } {
  const changedNodes: TreeNode[] = [];
  return { backend, changedNodes, changed: (n) => changedNodes.push(n), today: () => new Date('2026-12-02T12:00:00Z') };
}

export const signal = () => new AbortController().signal;

export const labels = async (nodes: TreeNode[]) => nodes.map((n) => n.treeItem().label);
