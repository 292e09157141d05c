// The tree's Backend over the real adapters: each call takes the scope's cached session (connections.ts), the
// Region's SDK client, and the node's AbortSignal. Also the watch starter that keeps expanded Kubernetes lists live.
import { describeClusterVersions, describeEksCluster, listAccessEntries, listAddons, listEksClusterNames, listFargateProfiles, listNodegroups, listPodIdentityAssociations, supportStatus, type ClusterVersionInfo } from '../aws/eks';
import { listEcsClusters, listEcsServices, listEcsTasks } from '../aws/ecs';
import { listProfiles } from '../aws/profiles';
import { AccessCache, reviewActions } from '../kube/access-review';
import { ListWatch } from '../kube/list-watch';
import { RESOURCES, servesResource } from '../kube/resources';
import type { Backend } from './backend';
import { clusterKey, type Connections } from './connections';
import { KUBE_PAGE } from './nodes/kube-list';
import type { EksCluster } from '../aws/model';
import type { AwsScope, EksClusterRef } from './target';
import type { LiveStarter } from './watch';

const FALLBACK_REGION = 'us-east-1';

export function liveBackend(conn: Connections, today: () => Date = () => new Date()): Backend {
  // DescribeClusterVersions once per session and Region: every cluster's support phase reads the same calendar.
  const versions = new Map<string, Promise<ClusterVersionInfo[] | undefined>>();
  const calendar = (scope: AwsScope, signal: AbortSignal) => {
    const session = conn.session(scope);
    const key = `${session.label}|${scope.region}`;
    let v = versions.get(key);
    if (!v) {
      // Not tied to one node's signal: it is shared; a failure falls back to the published table.
      v = describeClusterVersions(session.eks(scope.region)).catch(() => undefined);
      versions.set(key, v);
    }
    void signal;
    return v;
  };
  // The clusters described so far: a cluster's Kubernetes client takes its endpoint and CA from here, not from
  // another DescribeCluster.
  const described = new Map<string, EksCluster>();
  const client = (ref: EksClusterRef, signal: AbortSignal) => conn.kube(ref, described.get(clusterKey(ref)), signal);
  const eks = (scope: AwsScope) => conn.session(scope).eks(scope.region);
  const ecs = (scope: AwsScope) => conn.session(scope).ecs(scope.region);
  // Per (identity, Region, cluster, namespace): the identity is in clusterKey, so a profile switch asks again.
  const access = new AccessCache();
  return {
    async defaultRegion(profile) {
      const name = profile ?? process.env.AWS_PROFILE ?? 'default';
      const fromEnv = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
      if (fromEnv && !profile) return fromEnv;
      try {
        const p = (await listProfiles()).profiles.find((x) => x.name === name);
        if (p?.region) return p.region;
      } catch {
        // Unreadable config files: the environment or the fallback below.
      }
      return fromEnv || FALLBACK_REGION;
    },
    eksClusterNames: (scope, next, signal) => listEksClusterNames(eks(scope), next, signal),
    async eksCluster(scope, name, signal) {
      const [c, v] = await Promise.all([describeEksCluster(eks(scope), scope.region, name, signal), calendar(scope, signal)]);
      c.support ??= supportStatus(c.version, today(), v);
      described.set(clusterKey({ ...scope, clusterName: name }), c);
      return c;
    },
    nodegroups: (ref, signal) => listNodegroups(eks(ref), ref.clusterName, signal),
    fargateProfiles: (ref, signal) => listFargateProfiles(eks(ref), ref.clusterName, signal),
    addons: (ref, version, signal) => listAddons(eks(ref), ref.clusterName, version, signal),
    accessEntries: (ref, signal) => listAccessEntries(eks(ref), ref.clusterName, signal),
    podIdentityAssociations: (ref, signal) => listPodIdentityAssociations(eks(ref), ref.clusterName, signal),
    ecsClusters: (scope, next, signal) => listEcsClusters(ecs(scope), scope.region, next, signal),
    ecsServices: (scope, arn, next, signal) => listEcsServices(ecs(scope), arn, next, signal),
    ecsTasks: (scope, arn, filter, next, signal) => listEcsTasks(ecs(scope), arn, filter, next, signal),
    async kubeList(ref, resource, opts, signal) {
      return (await client(ref, signal)).list(resource, opts, signal);
    },
    async kubeServesGroup(ref, group, signal) {
      const r = Object.values(RESOURCES).find((x) => x.group === group);
      return r ? servesResource(await client(ref, signal), r, signal) : false;
    },
    kubeAccess(ref, namespace, onChange) {
      return access.get(`${clusterKey(ref)}|${namespace}`, async () => reviewActions(await client(ref, AbortSignal.timeout(30_000)), namespace, AbortSignal.timeout(30_000)), onChange);
    },
  };
}

/** Starts a ListWatch for an expanded list: as many pages as the node shows, then a watch from there. */
export function liveStarter(conn: Connections): LiveStarter {
  return (spec, onItems, onError) => {
    let lw: ListWatch | undefined;
    let stopped = false;
    const ready = conn.kube(spec.cluster).then((client) => {
      if (stopped) return undefined;
      lw = new ListWatch(client, spec.resource, { namespace: spec.namespace, labelSelector: spec.labelSelector, fieldSelector: spec.fieldSelector, pageSize: KUBE_PAGE, pages: spec.pages() });
      const emit = (s: { items: ReadonlyMap<string, unknown>; more: boolean }) => onItems([...s.items.values()] as never, s.more);
      lw.on('items', emit);
      lw.on('changed', emit);
      lw.on('error', (failure, info) => onError(Object.assign(new Error(failure.message), { failure, retryInMs: info.retryInMs })));
      lw.start();
      return lw;
    }, onError);
    return {
      stop() {
        stopped = true;
        lw?.stop();
      },
      async loadMore(signal) {
        const w = await ready;
        if (w) await w.loadMore(signal);
      },
    };
  };
}
