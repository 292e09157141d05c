// Where a cluster's Kubernetes version stands in the EKS support calendar on a given day: standard support,
// extended support (billed extra per cluster hour), or past it (EKS upgrades the control plane by itself).
// DescribeClusterVersions is the authority; the cited table in data/eks-versions.ts answers when it cannot.
// The cluster's upgradePolicy.supportType is a separate thing (a preference) and is shown separately.
import { DescribeClusterVersionsCommand, type EKSClient } from '@aws-sdk/client-eks';
import type { SupportStatus } from './model';
import { EKS_VERSIONS } from './data/eks-versions';
import { tolerableKind } from './error-kind';

/** One row of DescribeClusterVersions, as plain data. */
export interface ClusterVersionInfo {
  version: string;
  /** ISO instants: the first moment of extended support, and the first moment without support. */
  endOfStandardSupport?: string;
  endOfExtendedSupport?: string;
  releaseDate?: string;
  /** STANDARD_SUPPORT | EXTENDED_SUPPORT | UNSUPPORTED */
  status?: string;
  defaultVersion?: boolean;
  kubernetesPatchVersion?: string;
}

/** "1.31.4", "v1.31" -> "1.31"; anything else unchanged. */
export function minorVersion(version: string): string {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? `${m[1]}.${m[2]}` : version.trim();
}

function minorKey(version: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(minorVersion(version));
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function compareMinor(a: string, b: string): number {
  const ka = minorKey(a);
  const kb = minorKey(b);
  if (!ka || !kb) return a.localeCompare(b);
  return ka[0] - kb[0] || ka[1] - kb[1];
}

const instant = (d: string) => new Date(d.length === 10 ? `${d}T00:00:00Z` : d);

/**
 * The phase on `today`. Each end date is the first instant of the next phase (the EKS User Guide: "Billing for
 * extended support starts at the beginning of the day that the version reaches end of standard support", UTC), so
 * 1.28 is in standard support on 2024-11-25 and in extended support from 2024-11-26 00:00 UTC.
 */
export function supportStatus(version: string, today: Date, versions?: ClusterVersionInfo[]): SupportStatus {
  const v = minorVersion(version);
  const fromApi = versions?.find((x) => minorVersion(x.version) === v && (x.endOfStandardSupport || x.endOfExtendedSupport));
  if (fromApi) {
    return {
      ...phaseOf(today, fromApi.endOfStandardSupport, fromApi.endOfExtendedSupport),
      source: 'api',
      nextVersion: nextOf(v, versions!.map((x) => x.version)),
    };
  }
  const row = EKS_VERSIONS.find((x) => x.version === v);
  const nextVersion = nextOf(v, [...(versions ?? []).map((x) => x.version), ...EKS_VERSIONS.map((x) => x.version)]);
  if (row) return { ...phaseOf(today, row.endOfStandardSupport, row.endOfExtendedSupport), source: 'table', nextVersion };
  // Older than every version either source knows: EKS retires versions in order, so it left support no later
  // than the oldest known one did.
  const known = versions?.length ? versions.map((x) => ({ version: x.version, end: x.endOfExtendedSupport })) : EKS_VERSIONS.map((x) => ({ version: x.version, end: x.endOfExtendedSupport }));
  const oldest = [...known].sort((a, b) => compareMinor(a.version, b.version))[0];
  const source = versions?.length ? 'api' : 'table';
  if (oldest?.end && minorKey(v) && compareMinor(v, oldest.version) < 0 && today >= instant(oldest.end)) {
    return { phase: 'unsupported', source, nextVersion };
  }
  return { phase: 'unknown', source, nextVersion };
}

function phaseOf(today: Date, endStd?: string, endExt?: string): Pick<SupportStatus, 'phase' | 'endOfStandardSupport' | 'endOfExtendedSupport'> {
  const std = endStd ? instant(endStd) : undefined;
  const ext = endExt ? instant(endExt) : undefined;
  let phase: SupportStatus['phase'];
  if (ext && today >= ext) phase = 'unsupported';
  else if (std && today >= std) phase = 'extended';
  else if (std) phase = 'standard';
  else phase = 'unknown';
  return { phase, endOfStandardSupport: std?.toISOString(), endOfExtendedSupport: ext?.toISOString() };
}

/** The smallest known minor version above `v` ("1.33" -> "1.34"). */
function nextOf(v: string, candidates: string[]): string | undefined {
  if (!minorKey(v)) return undefined;
  return [...new Set(candidates.map(minorVersion))].filter((c) => minorKey(c) && compareMinor(c, v) > 0).sort(compareMinor)[0];
}

/**
 * Every version EKS offers in this Region with its support dates (includeAll, so versions in extended support
 * are listed too), all pages. `undefined` when the endpoint lacks the operation or the caller may not call it:
 * supportStatus then falls back to the table. Other failures (throttling, timeouts) are the caller's.
 */
export async function describeClusterVersions(eks: EKSClient, signal?: AbortSignal): Promise<ClusterVersionInfo[] | undefined> {
  const out: ClusterVersionInfo[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const r = await eks.send(new DescribeClusterVersionsCommand({ includeAll: true, maxResults: 100, nextToken }), { abortSignal: signal });
      for (const x of r.clusterVersions ?? []) {
        if (!x.clusterVersion) continue;
        out.push({
          version: x.clusterVersion,
          endOfStandardSupport: iso(x.endOfStandardSupportDate),
          endOfExtendedSupport: iso(x.endOfExtendedSupportDate),
          releaseDate: iso(x.releaseDate),
          status: x.versionStatus ?? x.status,
          defaultVersion: x.defaultVersion,
          kubernetesPatchVersion: x.kubernetesPatchVersion,
        });
      }
      nextToken = r.nextToken;
    } while (nextToken);
  } catch (e) {
    if (tolerableKind(e)) return undefined;
    throw e;
  }
  return out;
}

function iso(d: Date | string | undefined): string | undefined {
  if (d === undefined) return undefined;
  const t = d instanceof Date ? d : new Date(d);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}
