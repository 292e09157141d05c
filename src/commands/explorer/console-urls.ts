// AWS console addresses for explorer nodes, per Region and partition: commercial Regions have a Regional console host
// (<region>.console.aws.amazon.com), China and GovCloud have their own partitions' hosts. Pure, unit-tested.
import type { NodeTarget } from '../../views/target';

export function partitionOf(region: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function consoleHost(region: string): string {
  switch (partitionOf(region)) {
    case 'aws-cn':
      return 'console.amazonaws.cn';
    case 'aws-us-gov':
      return 'console.amazonaws-us-gov.com';
    default:
      return `${region}.console.aws.amazon.com`;
  }
}

const seg = encodeURIComponent;

/** The last segment of an ECS ARN: the cluster name of a cluster ARN, the id of a task ARN. */
export function arnName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export const consoleUrls = {
  eksCluster: (region: string, cluster: string) => `https://${consoleHost(region)}/eks/home?region=${region}#/clusters/${seg(cluster)}`,
  eksNodegroup: (region: string, cluster: string, nodegroup: string) =>
    `https://${consoleHost(region)}/eks/home?region=${region}#/clusters/${seg(cluster)}/nodegroups/${seg(nodegroup)}`,
  ecsCluster: (region: string, cluster: string) => `https://${consoleHost(region)}/ecs/v2/clusters/${seg(cluster)}/services?region=${region}`,
  ecsService: (region: string, cluster: string, service: string) =>
    `https://${consoleHost(region)}/ecs/v2/clusters/${seg(cluster)}/services/${seg(service)}/health?region=${region}`,
  ecsTask: (region: string, cluster: string, taskId: string) =>
    `https://${consoleHost(region)}/ecs/v2/clusters/${seg(cluster)}/tasks/${seg(taskId)}/configuration?region=${region}`,
  ecsTaskDefinition: (region: string, familyRevision: string) => {
    const [family, revision] = familyRevision.split(':');
    return `https://${consoleHost(region)}/ecs/v2/task-definitions/${seg(family)}/${seg(revision ?? '')}/containers?region=${region}`;
  },
};

/** Where a node opens in the console; undefined for nodes the console has no page for (Kubernetes objects). */
export function consoleUrlOf(t: NodeTarget): string | undefined {
  const nodegroup = (t as { nodegroupName?: string; nodegroup?: { name?: string } }).nodegroupName ?? (t as { nodegroup?: { name?: string } }).nodegroup?.name;
  switch (t.type) {
    case 'eksCluster':
      return nodegroup ? consoleUrls.eksNodegroup(t.region, t.clusterName, nodegroup) : consoleUrls.eksCluster(t.region, t.clusterName);
    case 'kubeObject':
    case 'kubeContainer':
      return consoleUrls.eksCluster(t.region, t.clusterName);
    case 'ecsCluster':
      return consoleUrls.ecsCluster(t.region, t.cluster.name);
    case 'ecsService':
      return consoleUrls.ecsService(t.region, arnName(t.clusterArn), t.service.name);
    case 'ecsTaskSet':
      return consoleUrls.ecsService(t.region, arnName(t.clusterArn), t.serviceName);
    case 'ecsTask':
    case 'ecsContainer':
      return consoleUrls.ecsTask(t.region, arnName(t.clusterArn), t.task.id);
    default:
      if ((t as { type: string }).type === 'eksNodegroup' && nodegroup) {
        const r = t as unknown as { region: string; clusterName: string };
        return consoleUrls.eksNodegroup(r.region, r.clusterName, nodegroup);
      }
      return undefined;
  }
}
