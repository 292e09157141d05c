// What EKS knows without being asked: its Kubernetes version calendar (DescribeClusterVersions), the add-on catalogue
// (DescribeAddonVersions) and the upgrade insights it computes for a cluster (ListInsights / DescribeInsight).
import { createHash } from 'node:crypto';

export interface VersionEntry {
  version: string;
  releaseDate: string;
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
}

/**
 * The EKS release calendar (EKS user guide, "Understand the Kubernetes version lifecycle on EKS", and
 * endoflife.date/amazon-eks, both read 2026). 1.35's dates are those published at its release on 2026-01-27;
 * a version's phase is computed against today's date, as EKS itself reports it.
 */
export const EKS_VERSIONS: VersionEntry[] = [
  { version: '1.28', releaseDate: '2023-09-26', endOfStandardSupport: '2024-11-26', endOfExtendedSupport: '2025-11-26' },
  { version: '1.29', releaseDate: '2024-01-23', endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23' },
  { version: '1.30', releaseDate: '2024-05-23', endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23' },
  { version: '1.31', releaseDate: '2024-09-26', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' },
  { version: '1.32', releaseDate: '2025-01-23', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  { version: '1.33', releaseDate: '2025-05-29', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  { version: '1.34', releaseDate: '2025-10-02', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
  { version: '1.35', releaseDate: '2026-01-27', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27' },
];

/** The version EKS marks `defaultVersion` (what CreateCluster picks when none is given): not always the newest. */
export const DEFAULT_VERSION = '1.34';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

export function versionStatus(v: VersionEntry, now: number): 'STANDARD_SUPPORT' | 'EXTENDED_SUPPORT' | 'UNSUPPORTED' {
  if (now < day(v.endOfStandardSupport)) return 'STANDARD_SUPPORT';
  if (now < day(v.endOfExtendedSupport)) return 'EXTENDED_SUPPORT';
  return 'UNSUPPORTED';
}

/** One entry of DescribeClusterVersions' `clusterVersions`, dates as epoch seconds like the real wire. */
export function clusterVersionInfo(v: VersionEntry, now: number): Record<string, unknown> {
  const vs = versionStatus(v, now);
  return {
    clusterVersion: v.version,
    clusterType: 'eks',
    defaultPlatformVersion: `eks.${platformBuild(v.version)}`,
    defaultVersion: v.version === DEFAULT_VERSION,
    releaseDate: day(v.releaseDate) / 1000,
    endOfStandardSupportDate: day(v.endOfStandardSupport) / 1000,
    endOfExtendedSupportDate: day(v.endOfExtendedSupport) / 1000,
    // The deprecated lower-case twin of versionStatus, still sent.
    status: vs.toLowerCase().replace('_', '-'),
    versionStatus: vs,
    kubernetesPatchVersion: `${v.version}.${patch(v.version)}`,
  };
}

const minor = (v: string) => Number(v.split('.')[1]);
const platformBuild = (v: string) => Math.max(3, 60 - (minor(v) - 28) * 8);
const patch = (v: string) => Math.max(1, 16 - (minor(v) - 28) * 2);

export interface AddonVersion {
  version: string;
  /** Cluster versions it runs on; the default one for each version is marked. */
  clusters: string[];
  defaultFor: string[];
}

export interface AddonCatalogEntry {
  name: string;
  type: string;
  owner: 'aws';
  publisher: 'eks';
  versions: AddonVersion[];
}

const ALL = EKS_VERSIONS.map((v) => v.version);
const range = (from: string, to: string) => ALL.filter((v) => minor(v) >= minor(from) && minor(v) <= minor(to));

/**
 * kube-proxy follows the cluster's minor version (an older and a current build per version); the skew policy lets a
 * build also run one minor version above its own, the default being the build of the cluster's own version.
 */
function kubeProxyVersions(): AddonVersion[] {
  return ALL.flatMap((v) => {
    const clusters = ALL.filter((c) => minor(c) === minor(v) || minor(c) === minor(v) + 1);
    return [
      { version: `v${v}.0-eksbuild.2`, clusters, defaultFor: [] },
      { version: `v${v}.${patch(v) - 1}-eksbuild.4`, clusters, defaultFor: [v] },
    ];
  });
}

/** Newest first, as DescribeAddonVersions lists them. Version strings in the style EKS uses. */
export const ADDON_CATALOG: AddonCatalogEntry[] = [
  {
    name: 'vpc-cni', type: 'networking', owner: 'aws', publisher: 'eks',
    versions: [
      { version: 'v1.20.4-eksbuild.2', clusters: range('1.28', '1.35'), defaultFor: range('1.28', '1.35') },
      { version: 'v1.19.2-eksbuild.1', clusters: range('1.28', '1.34'), defaultFor: [] },
      { version: 'v1.19.0-eksbuild.1', clusters: range('1.28', '1.33'), defaultFor: [] },
    ],
  },
  {
    name: 'coredns', type: 'networking', owner: 'aws', publisher: 'eks',
    versions: [
      { version: 'v1.12.4-eksbuild.1', clusters: range('1.33', '1.35'), defaultFor: range('1.33', '1.35') },
      { version: 'v1.12.1-eksbuild.2', clusters: range('1.33', '1.34'), defaultFor: [] },
      { version: 'v1.11.4-eksbuild.2', clusters: range('1.29', '1.32'), defaultFor: range('1.29', '1.32') },
      { version: 'v1.10.1-eksbuild.13', clusters: ['1.28'], defaultFor: ['1.28'] },
    ],
  },
  { name: 'kube-proxy', type: 'networking', owner: 'aws', publisher: 'eks', versions: kubeProxyVersions().reverse() },
  {
    name: 'eks-pod-identity-agent', type: 'security', owner: 'aws', publisher: 'eks',
    versions: [
      { version: 'v1.3.8-eksbuild.2', clusters: range('1.28', '1.35'), defaultFor: range('1.28', '1.35') },
      { version: 'v1.3.4-eksbuild.1', clusters: range('1.28', '1.33'), defaultFor: [] },
    ],
  },
  {
    name: 'aws-ebs-csi-driver', type: 'storage', owner: 'aws', publisher: 'eks',
    versions: [
      { version: 'v1.45.0-eksbuild.2', clusters: range('1.28', '1.35'), defaultFor: range('1.28', '1.35') },
      { version: 'v1.40.0-eksbuild.1', clusters: range('1.28', '1.33'), defaultFor: [] },
    ],
  },
];

/** DescribeAddonVersions' AddonInfo, filtered to a cluster version when one is asked for. */
export function addonInfo(a: AddonCatalogEntry, k8sVersion?: string): Record<string, unknown> | undefined {
  const versions = a.versions.filter((v) => !k8sVersion || v.clusters.includes(k8sVersion));
  if (versions.length === 0) return undefined;
  return {
    addonName: a.name,
    type: a.type,
    addonVersions: versions.map((v) => ({
      addonVersion: v.version,
      architecture: ['amd64', 'arm64'],
      computeTypes: ['ec2', 'hybrid'],
      compatibilities: v.clusters.filter((c) => !k8sVersion || c === k8sVersion).map((c) => ({ clusterVersion: c, platformVersions: ['*'], defaultVersion: v.defaultFor.includes(c) })),
      requiresConfiguration: false,
      requiresIamPermissions: a.name === 'vpc-cni' || a.name === 'aws-ebs-csi-driver',
    })),
    publisher: a.publisher,
    owner: a.owner,
    defaultNamespace: 'kube-system',
  };
}

export function defaultAddonVersion(a: AddonCatalogEntry, k8sVersion: string): string | undefined {
  return a.versions.find((v) => v.defaultFor.includes(k8sVersion))?.version;
}

export interface InsightInput {
  clusterName: string;
  version: string;
  /** name -> installed version */
  addons: Record<string, string>;
  healthIssues: number;
  now: number;
}

/** A stable id per cluster and check, in the UUID form EKS uses. */
function insightId(cluster: string, check: string): string {
  const h = createHash('sha256').update(`${cluster}/${check}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The UPGRADE_READINESS checks EKS runs against the next minor version: deprecated APIs still called, kubelet
 * skew, add-on compatibility, and cluster health. Only a cluster on 1.28 fails some: one calls an API removed in
 * 1.29 and runs add-ons too old for it.
 */
export function insightsFor(c: InsightInput): Record<string, unknown>[] {
  const next = `1.${minor(c.version) + 1}`;
  const refreshed = Math.floor(c.now / 3_600_000) * 3600 - 1800;
  const old = c.version === '1.28';
  const incompatible = Object.entries(c.addons).filter(([name, v]) => {
    const entry = ADDON_CATALOG.find((a) => a.name === name);
    return entry && !entry.versions.some((x) => x.version === v && x.clusters.includes(next));
  });
  const base = (check: string, name: string, description: string, status: string, reason: string, recommendation: string, extra: Record<string, unknown> = {}) => ({
    id: insightId(c.clusterName, check),
    name,
    category: 'UPGRADE_READINESS',
    kubernetesVersion: next,
    lastRefreshTime: refreshed,
    lastTransitionTime: refreshed - 86_400 * 3,
    description,
    insightStatus: { status, reason },
    recommendation,
    additionalInfo: { EksDocumentation: 'https://docs.aws.amazon.com/eks/latest/userguide/cluster-insights.html' },
    resources: [] as unknown[],
    categorySpecificSummary: {} as Record<string, unknown>,
    ...extra,
  });
  const deprecated = base('deprecated-apis', `Deprecated APIs removed in Kubernetes v${next}`,
    `Checks for usage of deprecated APIs that are scheduled for removal in Kubernetes v${next}. Upgrading your cluster before migrating to the updated APIs supported by v${next} could cause application impact.`,
    old ? 'ERROR' : 'PASSING', old ? 'Deprecated API usage detected within last 30 days.' : 'No deprecated API usage detected within the last 30 days.',
    'Update manifests and API clients to use newer Kubernetes APIs if applicable before upgrading.');
  if (old) {
    deprecated.resources = [{ insightStatus: { status: 'ERROR', reason: 'Deprecated API usage detected.' }, kubernetesResourceUri: '/apis/flowcontrol.apiserver.k8s.io/v1beta2/flowschemas' }];
    deprecated.categorySpecificSummary = {
      deprecationDetails: [{
        usage: '/apis/flowcontrol.apiserver.k8s.io/v1beta2/flowschemas',
        replacedWith: '/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas',
        stopServingVersion: '1.29',
        startServingReplacementVersion: '1.26',
        clientStats: [{ userAgent: 'kube-controller-manager/v1.28.15', numberOfRequestsLast30Days: 1214, lastRequestTime: refreshed - 600 }],
      }],
    };
  }
  const skew = base('kubelet-skew', 'Kubelet version skew',
    'Checks for worker nodes in the cluster are running the same Kubernetes minor version as the control plane.',
    'PASSING', 'Node kubelet versions match the cluster control plane version.',
    'Upgrade your worker nodes to match the Kubernetes version of your cluster control plane.');
  const addons = base('addon-compat', 'EKS add-on version compatibility',
    `Checks version of installed EKS add-ons to ensure they are compatible with the next version of Kubernetes.`,
    incompatible.length ? 'ERROR' : 'PASSING',
    incompatible.length ? 'One or more add-ons is not compatible with the next Kubernetes version.' : 'All installed add-on versions are compatible with next Kubernetes version.',
    'Upgrade the EKS add-on to a version that is compatible with the next Kubernetes version.');
  addons.categorySpecificSummary = {
    addonCompatibilityDetails: incompatible.map(([name]) => ({
      name,
      compatibleVersions: ADDON_CATALOG.find((a) => a.name === name)!.versions.filter((x) => x.clusters.includes(next)).map((x) => x.version),
    })),
  };
  const health = base('cluster-health', 'Cluster health issues',
    'Checks for any cluster health issues that prevent successful upgrade to the next Kubernetes version on EKS.',
    c.healthIssues ? 'ERROR' : 'PASSING', c.healthIssues ? 'Cluster health issues detected.' : 'No cluster health issues detected.',
    'Resolve the cluster health issues (DescribeCluster health.issues) before upgrading.');
  return [deprecated, skew, addons, health];
}

/** The summary form ListInsights returns. */
export function insightSummary(i: Record<string, unknown>): Record<string, unknown> {
  const { id, name, category, kubernetesVersion, lastRefreshTime, lastTransitionTime, description, insightStatus } = i;
  return { id, name, category, kubernetesVersion, lastRefreshTime, lastTransitionTime, description, insightStatus };
}
