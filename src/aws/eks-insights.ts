// EKS upgrade insights (ListInsights / DescribeInsight) and add-on compatibility with a Kubernetes version
// (DescribeAddonVersions), as plain data for the upgrade readiness report. EKS computes the insights itself (from
// the audit log and the cluster's state) about once a day; they are the only place the deprecated API clients'
// user agents and last request times show outside the console.
import { DescribeAddonVersionsCommand, DescribeInsightCommand, ListInsightsCommand, type EKSClient, type Insight } from '@aws-sdk/client-eks';
import { mapLimit, throwIfAborted } from './concurrency';
import { compareAddonVersions, EKS_DESCRIBE_CONCURRENCY } from './eks-children';

export type InsightStatusValue = 'PASSING' | 'WARNING' | 'ERROR' | 'UNKNOWN';

export interface InsightClientStat {
  userAgent: string;
  requestsLast30Days?: number;
  /** ISO instant. */
  lastRequestTime?: string;
}

export interface InsightDeprecation {
  /** The API path still requested ("/apis/flowcontrol.apiserver.k8s.io/v1beta2/flowschemas"). */
  usage: string;
  replacedWith?: string;
  stopServingVersion?: string;
  startServingReplacementVersion?: string;
  clients: InsightClientStat[];
}

export interface EksInsight {
  id: string;
  name: string;
  category: string;
  /** The Kubernetes version the insight checks readiness for (the next one). */
  kubernetesVersion?: string;
  status: InsightStatusValue;
  reason?: string;
  description?: string;
  recommendation?: string;
  lastRefreshTime?: string;
  lastTransitionTime?: string;
  /** Links EKS attaches (documentation), by title. */
  additionalInfo: Record<string, string>;
  resources: { status?: InsightStatusValue; reason?: string; kubernetesResourceUri?: string; arn?: string }[];
  deprecations: InsightDeprecation[];
  addonCompatibility: { name: string; compatibleVersions: string[] }[];
}

const STATUSES = new Set(['PASSING', 'WARNING', 'ERROR', 'UNKNOWN']);
const statusOf = (s: string | undefined): InsightStatusValue => (s && STATUSES.has(s) ? (s as InsightStatusValue) : 'UNKNOWN');

function iso(d: Date | string | number | undefined): string | undefined {
  if (d === undefined) return undefined;
  const t = d instanceof Date ? d : new Date(typeof d === 'number' ? d * 1000 : d);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

export function toInsight(i: Insight): EksInsight {
  const summary = i.categorySpecificSummary ?? {};
  return {
    id: i.id ?? '',
    name: i.name ?? i.id ?? 'Insight',
    category: i.category ?? 'UNKNOWN',
    kubernetesVersion: i.kubernetesVersion,
    status: statusOf(i.insightStatus?.status),
    reason: i.insightStatus?.reason,
    description: i.description,
    recommendation: i.recommendation,
    lastRefreshTime: iso(i.lastRefreshTime),
    lastTransitionTime: iso(i.lastTransitionTime),
    additionalInfo: { ...(i.additionalInfo ?? {}) },
    resources: (i.resources ?? []).map((r) => ({ status: r.insightStatus?.status ? statusOf(r.insightStatus.status) : undefined, reason: r.insightStatus?.reason, kubernetesResourceUri: r.kubernetesResourceUri, arn: r.arn })),
    deprecations: (summary.deprecationDetails ?? []).filter((d) => d.usage).map((d) => ({
      usage: d.usage!,
      replacedWith: d.replacedWith,
      stopServingVersion: d.stopServingVersion,
      startServingReplacementVersion: d.startServingReplacementVersion,
      clients: (d.clientStats ?? []).map((c) => ({ userAgent: c.userAgent ?? 'unknown client', requestsLast30Days: c.numberOfRequestsLast30Days, lastRequestTime: iso(c.lastRequestTime) })),
    })),
    addonCompatibility: (summary.addonCompatibilityDetails ?? []).filter((a) => a.name).map((a) => ({ name: a.name!, compatibleVersions: a.compatibleVersions ?? [] })),
  };
}

/**
 * The cluster's UPGRADE_READINESS insights, each described in full (the list has no recommendation, resources or
 * client stats). Failures are the caller's: the report says per section what could not be read.
 */
export async function upgradeInsights(eks: EKSClient, cluster: string, signal?: AbortSignal): Promise<EksInsight[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    throwIfAborted(signal);
    const r = await eks.send(new ListInsightsCommand({ clusterName: cluster, filter: { categories: ['UPGRADE_READINESS'] }, maxResults: 100, nextToken }), { abortSignal: signal });
    for (const s of r.insights ?? []) if (s.id) ids.push(s.id);
    nextToken = r.nextToken || undefined;
  } while (nextToken);
  const out = await mapLimit(ids, EKS_DESCRIBE_CONCURRENCY, async (id) => {
    const r = await eks.send(new DescribeInsightCommand({ clusterName: cluster, id }), { abortSignal: signal });
    return r.insight ? toInsight(r.insight) : undefined;
  }, signal);
  return out.filter((x): x is EksInsight => x !== undefined);
}

export interface AddonCompatibility {
  name: string;
  installed?: string;
  /** The next Kubernetes version checked. */
  kubernetesVersion: string;
  /** Versions of this add-on EKS lists for that Kubernetes version, newest first. */
  compatible: string[];
  /** What EKS installs by default on that version, when it says. */
  defaultVersion?: string;
  /** The installed version runs on the next Kubernetes version. */
  installedCompatible: boolean;
}

/** For each installed add-on: does its version run on `kubernetesVersion`, and what does. One call per add-on. */
export async function addonCompatibility(eks: EKSClient, addons: { name: string; version?: string }[], kubernetesVersion: string, signal?: AbortSignal): Promise<AddonCompatibility[]> {
  return mapLimit(addons, EKS_DESCRIBE_CONCURRENCY, async (a) => {
    const versions: { version: string; isDefault: boolean }[] = [];
    let nextToken: string | undefined;
    do {
      const r = await eks.send(new DescribeAddonVersionsCommand({ addonName: a.name, kubernetesVersion, maxResults: 100, nextToken }), { abortSignal: signal });
      for (const info of r.addons ?? []) {
        if (info.addonName && info.addonName !== a.name) continue;
        for (const v of info.addonVersions ?? []) {
          if (!v.addonVersion) continue;
          // The request filters by kubernetesVersion already; the compatibilities keep a lax endpoint honest.
          const hit = v.compatibilities?.filter((c) => c.clusterVersion === kubernetesVersion);
          if (v.compatibilities && !hit?.length) continue;
          versions.push({ version: v.addonVersion, isDefault: hit?.some((c) => c.defaultVersion) ?? false });
        }
      }
      nextToken = r.nextToken || undefined;
    } while (nextToken);
    const compatible = [...new Set(versions.map((v) => v.version))].sort(compareAddonVersions).reverse();
    return {
      name: a.name,
      installed: a.version,
      kubernetesVersion,
      compatible,
      defaultVersion: versions.find((v) => v.isDefault)?.version,
      installedCompatible: !!a.version && compatible.includes(a.version),
    };
  }, signal);
}
