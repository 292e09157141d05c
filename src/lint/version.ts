// Kubernetes minor versions ("1.31"), as the target of deprecation and feature checks.

export interface KubeVersion {
  major: number;
  minor: number;
}

export function parseVersion(v: string | number | undefined): KubeVersion | undefined {
  if (v === undefined) return undefined;
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(String(v).trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

export function compareVersions(a: KubeVersion, b: KubeVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function atLeast(v: KubeVersion, other: string): boolean {
  const o = parseVersion(other);
  return o !== undefined && compareVersions(v, o) >= 0;
}

export function formatVersion(v: KubeVersion): string {
  return `${v.major}.${v.minor}`;
}

/** The newest Kubernetes minor this release knows; the default target when none is configured. */
export const NEWEST_KNOWN_VERSION = '1.37';
