// Gathers what the cluster-level checks read: DescribeCluster (or a description the caller has), the managed node
// groups, the add-ons with their newest compatible versions, and the live CoreDNS Deployment. An API that does not
// answer or is denied becomes a note ("add-ons not checked: ..."), never a silent pass and never a failed scan.
import type { EKSClient } from '@aws-sdk/client-eks';
import { describeEksCluster, listAddons, listNodegroups } from '../aws/eks';
import type { EksCluster } from '../aws/model';
import type { KubeObject, ResourceKind } from '../kube/model';
import type { ClusterFacts } from './cluster-checks';

const DEPLOYMENTS: ResourceKind = { kind: 'Deployment', group: 'apps', version: 'v1', plural: 'deployments', namespaced: true };

export interface FactSources {
  eks: EKSClient;
  region: string;
  clusterName: string;
  /** DescribeCluster's answer when the caller has it already. */
  cluster?: EksCluster;
  kube?: { get(kind: ResourceKind, name: string, namespace?: string, signal?: AbortSignal): Promise<KubeObject> };
  signal?: AbortSignal;
}

export async function gatherClusterFacts(s: FactSources): Promise<ClusterFacts> {
  const cluster = s.cluster ?? (await describeEksCluster(s.eks, s.region, s.clusterName, s.signal));
  const notes: string[] = [];
  const why = (e: unknown) => ((e as Error)?.message ?? String(e)).split('\n')[0];
  const [nodegroups, addons, coredns] = await Promise.all([
    listNodegroups(s.eks, cluster.name, s.signal).catch((e: unknown) => void notes.push(`Node groups not checked: ListNodegroups failed (${why(e)}).`)),
    listAddons(s.eks, cluster.name, cluster.version, s.signal).catch((e: unknown) => void notes.push(`Add-ons not checked: ListAddons failed (${why(e)}).`)),
    s.kube
      ? s.kube.get(DEPLOYMENTS, 'coredns', 'kube-system', s.signal).then(
          (d) => d,
          (e: unknown) => {
            if ((e as { failure?: { kind?: string } }).failure?.kind === 'not-found') {
              notes.push('CoreDNS not checked: there is no kube-system/coredns Deployment.');
              return null;
            }
            notes.push(`CoreDNS not checked: reading kube-system/coredns failed (${why(e)}).`);
            return undefined;
          },
        )
      : undefined,
  ]);
  s.signal?.throwIfAborted();
  return { cluster, nodegroups: nodegroups ?? undefined, addons: addons ?? undefined, coredns, notes };
}
