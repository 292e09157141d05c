// What hangs under an EKS cluster in the tree: node groups, Fargate profiles, add-ons, access entries and Pod
// Identity associations. Each is a list call (all pages; a cluster has tens of these, not thousands) and then one
// describe per item, run at most EKS_DESCRIBE_CONCURRENCY at a time so a big cluster does not trip throttling.
import {
  DescribeAccessEntryCommand, DescribeAddonCommand, DescribeAddonVersionsCommand, DescribeFargateProfileCommand, DescribeNodegroupCommand,
  DescribePodIdentityAssociationCommand, ListAccessEntriesCommand, ListAddonsCommand, ListAssociatedAccessPoliciesCommand, ListFargateProfilesCommand,
  ListNodegroupsCommand, ListPodIdentityAssociationsCommand, type EKSClient,
} from '@aws-sdk/client-eks';
import { mapLimit, throwIfAborted } from './concurrency';
import { healthIssues } from './eks-clusters';
import { tolerableKind } from './error-kind';
import type { EksAccessEntry, EksAccessPolicy, EksAddon, EksFargateProfile, EksNodegroup, EksPodIdentityAssociation } from './model';

/** Describes in flight per list: enough to hide latency, few enough to stay clear of EKS's request rate. */
export const EKS_DESCRIBE_CONCURRENCY = 8;
const PAGE = 100;

/** Follows nextToken to the end. */
async function allPages<T>(signal: AbortSignal | undefined, page: (nextToken?: string) => Promise<{ items?: T[]; nextToken?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    throwIfAborted(signal);
    const r = await page(token);
    out.push(...(r.items ?? []));
    token = r.nextToken || undefined;
  } while (token);
  return out;
}

export async function listNodegroups(eks: EKSClient, cluster: string, signal?: AbortSignal): Promise<EksNodegroup[]> {
  const names = await allPages(signal, async (nextToken) => {
    const r = await eks.send(new ListNodegroupsCommand({ clusterName: cluster, maxResults: PAGE, nextToken }), { abortSignal: signal });
    return { items: r.nodegroups, nextToken: r.nextToken };
  });
  return mapLimit(names, EKS_DESCRIBE_CONCURRENCY, async (name) => {
    const n = (await eks.send(new DescribeNodegroupCommand({ clusterName: cluster, nodegroupName: name }), { abortSignal: signal })).nodegroup ?? {};
    return {
      name: n.nodegroupName ?? name,
      arn: n.nodegroupArn,
      status: n.status ?? 'UNKNOWN',
      version: n.version,
      releaseVersion: n.releaseVersion,
      amiType: n.amiType,
      capacityType: n.capacityType,
      instanceTypes: n.instanceTypes ?? [],
      scaling: { min: n.scalingConfig?.minSize, max: n.scalingConfig?.maxSize, desired: n.scalingConfig?.desiredSize },
      healthIssues: healthIssues(n.health?.issues),
      labels: { ...(n.labels ?? {}) },
      taints: (n.taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
    };
  }, signal);
}

export async function listFargateProfiles(eks: EKSClient, cluster: string, signal?: AbortSignal): Promise<EksFargateProfile[]> {
  const names = await allPages(signal, async (nextToken) => {
    const r = await eks.send(new ListFargateProfilesCommand({ clusterName: cluster, maxResults: PAGE, nextToken }), { abortSignal: signal });
    return { items: r.fargateProfileNames, nextToken: r.nextToken };
  });
  return mapLimit(names, EKS_DESCRIBE_CONCURRENCY, async (name) => {
    const p = (await eks.send(new DescribeFargateProfileCommand({ clusterName: cluster, fargateProfileName: name }), { abortSignal: signal })).fargateProfile ?? {};
    return {
      name: p.fargateProfileName ?? name,
      arn: p.fargateProfileArn,
      status: p.status ?? 'UNKNOWN',
      podExecutionRoleArn: p.podExecutionRoleArn,
      selectors: (p.selectors ?? []).map((s) => ({ namespace: s.namespace, labels: s.labels && Object.keys(s.labels).length ? { ...s.labels } : undefined })),
      subnets: p.subnets ?? [],
    };
  }, signal);
}

/**
 * Add-ons with their installed version and, from DescribeAddonVersions filtered by the cluster's Kubernetes
 * version, the newest compatible version when it is newer. A denied or missing DescribeAddonVersions leaves
 * `newerVersion` unset rather than failing the list: the installed add-ons are still worth showing.
 */
export async function listAddons(eks: EKSClient, cluster: string, k8sVersion: string, signal?: AbortSignal): Promise<EksAddon[]> {
  const names = await allPages(signal, async (nextToken) => {
    const r = await eks.send(new ListAddonsCommand({ clusterName: cluster, maxResults: PAGE, nextToken }), { abortSignal: signal });
    return { items: r.addons, nextToken: r.nextToken };
  });
  let catalogueUnavailable = false;
  return mapLimit(names, EKS_DESCRIBE_CONCURRENCY, async (name) => {
    const a = (await eks.send(new DescribeAddonCommand({ clusterName: cluster, addonName: name }), { abortSignal: signal })).addon ?? {};
    let compatible: string[] = [];
    if (!catalogueUnavailable) {
      try {
        compatible = await compatibleAddonVersions(eks, name, k8sVersion, signal);
      } catch (e) {
        if (!tolerableKind(e)) throw e;
        catalogueUnavailable = true; // the same answer for every add-on: stop asking
      }
    }
    const newest = compatible.sort(compareAddonVersions).at(-1);
    return {
      name: a.addonName ?? name,
      version: a.addonVersion,
      status: a.status,
      newerVersion: newest && a.addonVersion && compareAddonVersions(newest, a.addonVersion) > 0 ? newest : undefined,
      serviceAccountRoleArn: a.serviceAccountRoleArn,
      healthIssues: healthIssues(a.health?.issues),
    };
  }, signal);
}

/** Versions of one add-on that list the cluster's Kubernetes version among their compatibilities. */
async function compatibleAddonVersions(eks: EKSClient, addonName: string, k8sVersion: string, signal?: AbortSignal): Promise<string[]> {
  const infos = await allPages(signal, async (nextToken) => {
    const r = await eks.send(new DescribeAddonVersionsCommand({ addonName, kubernetesVersion: k8sVersion, maxResults: PAGE, nextToken }), { abortSignal: signal });
    return { items: r.addons, nextToken: r.nextToken };
  });
  return infos
    .filter((i) => !i.addonName || i.addonName === addonName)
    .flatMap((i) => i.addonVersions ?? [])
    // The request already filters by kubernetesVersion; checking the compatibilities too keeps a lax endpoint honest.
    .filter((v) => !v.compatibilities || v.compatibilities.some((c) => c.clusterVersion === k8sVersion))
    .map((v) => v.addonVersion)
    .filter((v): v is string => !!v);
}

/**
 * Orders add-on versions such as "v1.19.2-eksbuild.1": numeric parts numerically (v1.9 < v1.10), then the build
 * suffix (eksbuild.2 < eksbuild.10). A version without a suffix sorts before the same version with one.
 */
export function compareAddonVersions(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    const x = ta[i];
    const y = tb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x - y;
    } else if (typeof x === 'number') {
      return 1; // a release part outranks a word ("1.2.3" > "1.2.beta")
    } else if (typeof y === 'number') {
      return -1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

function tokens(v: string): (number | string)[] {
  return v.trim().replace(/^v/i, '').split(/[.\-+_]/).filter(Boolean).map((t) => (/^\d+$/.test(t) ? Number(t) : t.toLowerCase()));
}

/**
 * Access entries with their Kubernetes groups and associated access policies. A caller who may list entries but
 * not their policies (eks:ListAssociatedAccessPolicies denied) still gets the entries, with `policies` undefined.
 */
export async function listAccessEntries(eks: EKSClient, cluster: string, signal?: AbortSignal): Promise<EksAccessEntry[]> {
  const arns = await allPages(signal, async (nextToken) => {
    const r = await eks.send(new ListAccessEntriesCommand({ clusterName: cluster, maxResults: PAGE, nextToken }), { abortSignal: signal });
    return { items: r.accessEntries, nextToken: r.nextToken };
  });
  let policiesDenied = false;
  return mapLimit(arns, EKS_DESCRIBE_CONCURRENCY, async (principalArn) => {
    const e = (await eks.send(new DescribeAccessEntryCommand({ clusterName: cluster, principalArn }), { abortSignal: signal })).accessEntry ?? {};
    let policies: EksAccessPolicy[] | undefined;
    if (!policiesDenied) {
      try {
        policies = await associatedPolicies(eks, cluster, principalArn, signal);
      } catch (err) {
        if (!tolerableKind(err)) throw err;
        policiesDenied = true;
      }
    }
    return {
      principalArn: e.principalArn ?? principalArn,
      type: e.type,
      username: e.username,
      kubernetesGroups: e.kubernetesGroups ?? [],
      policies,
    };
  }, signal);
}

async function associatedPolicies(eks: EKSClient, cluster: string, principalArn: string, signal?: AbortSignal): Promise<EksAccessPolicy[]> {
  const items = await allPages(signal, async (nextToken) => {
    const r = await eks.send(new ListAssociatedAccessPoliciesCommand({ clusterName: cluster, principalArn, maxResults: PAGE, nextToken }), { abortSignal: signal });
    return { items: r.associatedAccessPolicies, nextToken: r.nextToken };
  });
  return items.filter((p) => p.policyArn).map((p) => ({
    policyArn: p.policyArn!,
    accessScope: p.accessScope?.type === 'namespace'
      ? { type: 'namespace', namespaces: p.accessScope.namespaces ?? [] }
      : { type: 'cluster' },
  }));
}

/** Pod Identity associations; the list gives namespace and service account, DescribePodIdentityAssociation the role. */
export async function listPodIdentityAssociations(eks: EKSClient, cluster: string, signal?: AbortSignal): Promise<EksPodIdentityAssociation[]> {
  const summaries = await allPages(signal, async (nextToken) => {
    const r = await eks.send(new ListPodIdentityAssociationsCommand({ clusterName: cluster, maxResults: PAGE, nextToken }), { abortSignal: signal });
    return { items: r.associations, nextToken: r.nextToken };
  });
  return mapLimit(summaries.filter((s) => s.associationId), EKS_DESCRIBE_CONCURRENCY, async (s) => {
    const a = (await eks.send(new DescribePodIdentityAssociationCommand({ clusterName: cluster, associationId: s.associationId! }), { abortSignal: signal })).association;
    return { associationId: s.associationId!, namespace: a?.namespace ?? s.namespace ?? '', serviceAccount: a?.serviceAccount ?? s.serviceAccount ?? '', roleArn: a?.roleArn };
  }, signal);
}
