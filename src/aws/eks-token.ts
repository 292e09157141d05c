// The EKS authentication token, made in-process the way `aws eks get-token` and aws-iam-authenticator do: a
// SigV4-presigned STS GetCallerIdentity URL whose signed headers include x-k8s-aws-id (the cluster name), encoded as
// "k8s-aws-v1." + base64url(url). No CLI, no kubeconfig; the cost is credential resolution only.
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export const TOKEN_PREFIX = 'k8s-aws-v1.';
export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** The presigned URL's own expiry; the API server honours the token for 15 minutes from its signing time. */
const PRESIGN_SECONDS = 60;
export const TOKEN_VALIDITY_MS = 15 * 60_000;
/** Refresh a minute early, so a request in flight never carries a token that expires on the way. */
const REFRESH_MARGIN_MS = 60_000;

export interface EksTokenRequest {
  clusterName: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Signing time; tests freeze it. */
  now?: Date;
}

export interface EksToken {
  token: string;
  /** When to stop using it (15 minutes after signing, less the refresh margin). */
  expiresAt: Date;
}

/** The STS host of a region, in its partition (China regions use amazonaws.com.cn). */
export function stsHost(region: string): string {
  return `sts.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}

export async function getEksToken(req: EksTokenRequest): Promise<EksToken> {
  const now = req.now ?? new Date();
  const host = stsHost(req.region);
  const signer = new SignatureV4({ service: 'sts', region: req.region, credentials: req.credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: host,
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      // Headers other than x-amz-* stay headers in a presigned request, so the cluster name is signed, not sent.
      headers: { host, [CLUSTER_ID_HEADER]: req.clusterName },
    },
    { expiresIn: PRESIGN_SECONDS, signingDate: now },
  );
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  const url = `https://${host}/?${query}`;
  return {
    token: TOKEN_PREFIX + Buffer.from(url).toString('base64url'),
    expiresAt: new Date(now.getTime() + TOKEN_VALIDITY_MS - REFRESH_MARGIN_MS),
  };
}

/** The presigned URL inside a token (for diagnostics and for the test harness's verifier). */
export function decodeEksToken(token: string): URL {
  if (!token.startsWith(TOKEN_PREFIX)) throw new Error(`not an EKS token (no ${TOKEN_PREFIX} prefix)`);
  return new URL(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
}

export interface EksTokenKey {
  clusterName: string;
  region: string;
  /** Who signs: a stable label of the credentials (profile or SSO role label, or the access key id), never a secret.
   *  Two identities never share a token, so a profile switch can't reuse the previous identity's. */
  identityKey: string;
}

/** What a Kubernetes client needs (src/kube/client.ts TokenSource): the current token, and a renewal after a 401. */
export interface EksTokenSource {
  token(): Promise<string>;
  renew(): Promise<string>;
}

/**
 * Tokens per (identity, region, cluster), reused until their expiresAt (14 minutes after signing: EKS honours them for
 * 15); concurrent callers share one signing. `invalidate` drops a token the API server refused (the one renewal after a
 * 401), only if it is still the cached one, so many requests refused at once make one new token, not many.
 */
export class EksTokenCache {
  private readonly entries = new Map<string, Promise<EksToken>>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  private static keyOf(k: EksTokenKey): string {
    return JSON.stringify([k.identityKey, k.region, k.clusterName]);
  }

  async get(req: Omit<EksTokenRequest, 'now'> & EksTokenKey): Promise<string> {
    const key = EksTokenCache.keyOf(req);
    const cached = this.entries.get(key);
    if (cached) {
      const t = await cached.catch(() => undefined);
      if (t && t.expiresAt > this.clock()) return t.token;
      // Another caller may have replaced it while this one waited.
      if (this.entries.get(key) !== cached) return this.get(req);
    }
    const fresh = getEksToken({ clusterName: req.clusterName, region: req.region, credentials: req.credentials, now: this.clock() });
    this.entries.set(key, fresh);
    // A failed signing (no credentials) is not cached: the next call tries again.
    fresh.catch(() => this.entries.get(key) === fresh && this.entries.delete(key));
    return (await fresh).token;
  }

  /** Drops the cached token of `key` (only if it is `stale`, when given), so the next get() signs a new one. */
  async invalidate(key: EksTokenKey, stale?: string): Promise<void> {
    const k = EksTokenCache.keyOf(key);
    const cached = this.entries.get(k);
    if (!cached) return;
    if (stale !== undefined) {
      const t = await cached.catch(() => undefined);
      if (t && t.token !== stale) return;
      if (this.entries.get(k) !== cached) return;
    }
    this.entries.delete(k);
  }

  /** A TokenSource for one cluster and identity: renew() drops the token it last handed out and signs a new one. */
  source(req: Omit<EksTokenRequest, 'now'> & EksTokenKey): EksTokenSource {
    let last: string | undefined;
    const token = async () => (last = await this.get(req));
    return {
      token,
      renew: async () => {
        await this.invalidate(req, last);
        return token();
      },
    };
  }

  /** Forgets every token (a profile switch, sign-out). */
  clear(): void {
    this.entries.clear();
  }
}
