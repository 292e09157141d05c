// EKS clusters: names a page at a time (ListClusters), then DescribeCluster for the ones a person is looking at.
// The tree shows names first and describes only the visible clusters, so a Region with 500 clusters costs
// ceil(500/100) ListClusters calls to list and never 500 DescribeCluster calls up front.
import { DescribeClusterCommand, ListClustersCommand, type Cluster, type EKSClient } from '@aws-sdk/client-eks';
import type { Page } from '../page';
import type { EksAuthenticationMode, EksCluster, HealthIssue } from './model';

/** ListClusters' own maximum. */
export const EKS_LIST_PAGE = 100;

export async function listEksClusterNames(eks: EKSClient, next?: string, signal?: AbortSignal): Promise<Page<string>> {
  const r = await eks.send(new ListClustersCommand({ maxResults: EKS_LIST_PAGE, nextToken: next }), { abortSignal: signal });
  return { items: r.clusters ?? [], next: r.nextToken || undefined };
}

export async function describeEksCluster(eks: EKSClient, region: string, name: string, signal?: AbortSignal): Promise<EksCluster> {
  const r = await eks.send(new DescribeClusterCommand({ name }), { abortSignal: signal });
  if (!r.cluster) throw new Error(`DescribeCluster returned no cluster for ${name} in ${region}`);
  return toEksCluster(r.cluster, region);
}

export function toEksCluster(c: Cluster, region: string): EksCluster {
  const vpc = c.resourcesVpcConfig;
  return {
    name: c.name ?? '',
    arn: c.arn ?? '',
    region,
    status: c.status ?? 'UNKNOWN',
    version: c.version ?? '',
    platformVersion: c.platformVersion,
    endpoint: c.endpoint,
    caPem: c.certificateAuthority?.data ? Buffer.from(c.certificateAuthority.data, 'base64').toString('utf8') : undefined,
    endpointPublicAccess: vpc?.endpointPublicAccess,
    endpointPrivateAccess: vpc?.endpointPrivateAccess,
    publicAccessCidrs: vpc?.publicAccessCidrs,
    authenticationMode: c.accessConfig?.authenticationMode as EksAuthenticationMode | undefined,
    supportType: c.upgradePolicy?.supportType as EksCluster['supportType'],
    healthIssues: healthIssues(c.health?.issues),
    createdAt: isoDate(c.createdAt),
    tags: { ...(c.tags ?? {}) },
    loggingEnabled: (c.logging?.clusterLogging ?? []).filter((l) => l.enabled).flatMap((l) => l.types ?? []),
    secretsKmsKeyArn: c.encryptionConfig?.find((e) => e.resources?.includes('secrets'))?.provider?.keyArn,
  };
}

export function healthIssues(issues: { code?: string; message?: string; resourceIds?: string[] }[] | undefined): HealthIssue[] {
  return (issues ?? []).map((i) => ({ code: i.code ?? 'Unknown', message: i.message ?? '', resourceIds: i.resourceIds?.length ? i.resourceIds : undefined }));
}

export function isoDate(d: Date | undefined): string | undefined {
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}
