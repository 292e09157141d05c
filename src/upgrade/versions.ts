// Kubernetes minor versions as the upgrade report compares them: "v1.31.4-eks-2d98532" -> 1.31, next minors, lag.
export interface Minor {
  major: number;
  minor: number;
}

/** The minor version in a version string (kubelet's "v1.31.4-eks-abc", EKS's "1.31"); undefined for "kwok-v0.7.0". */
export function parseMinor(v: string | undefined): Minor | undefined {
  const m = /^v?(\d+)\.(\d+)(?:[.+-]|$)/.exec((v ?? '').trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

export const formatMinor = (m: Minor) => `${m.major}.${m.minor}`;

/** "1.33" + 1 -> "1.34". */
export function addMinor(v: string, n: number): string | undefined {
  const m = parseMinor(v);
  return m ? `${m.major}.${m.minor + n}` : undefined;
}

/** a - b in minor versions (same major assumed, as for all of Kubernetes 1.x); undefined if either is unreadable. */
export function minorLag(a: string | undefined, b: string | undefined): number | undefined {
  const x = parseMinor(a);
  const y = parseMinor(b);
  if (!x || !y || x.major !== y.major) return undefined;
  return x.minor - y.minor;
}

/** a <= b as minor versions. */
export function atOrBefore(a: string | undefined, b: string | undefined): boolean {
  const d = minorLag(a, b);
  return d !== undefined && d <= 0;
}
