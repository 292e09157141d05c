// One credential resolution shared by every client of a session, kept until it is about to expire. The SDK's
// providers resolve again on every call (fromIni runs credential_process, assumes the role, ...); a memo in front of
// them makes one resolution serve all clients, and its expiry check is what keeps an expired result from being
// reused: AWS Toolkit #2664 kept a credential_process result past its Expiration.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** Re-resolve this long before expiry, as the SDK's own memo does (its EXPIRATION_MS is 5 minutes). */
export const REFRESH_WINDOW_MS = 5 * 60_000;
/**
 * A provider that only ever hands out credentials living less than the refresh window would otherwise be asked on
 * every request; a result this fresh (and not expired) is reused.
 */
export const MIN_REUSE_MS = 10_000;

export interface MemoOptions {
  refreshWindowMs?: number;
  minReuseMs?: number;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

/**
 * The memoised provider. `memoized: true` is the SDK's own mark (normalizeCredentialProvider in @aws-sdk/core): a
 * client given such a provider does not wrap it in a second memo, which would keep credentials without an expiry
 * forever. So this memo is the only one, and `invalidate()` really makes the next request resolve again.
 */
export type MemoizedCredentials = AwsCredentialIdentityProvider & { memoized: true; invalidate(): void };

export function memoizeCredentials(provider: AwsCredentialIdentityProvider, opts: MemoOptions = {}): MemoizedCredentials {
  const window = opts.refreshWindowMs ?? REFRESH_WINDOW_MS;
  const minReuse = opts.minReuseMs ?? MIN_REUSE_MS;
  const now = opts.now ?? Date.now;
  let value: AwsCredentialIdentity | undefined;
  let resolvedAt = 0;
  let pending: Promise<AwsCredentialIdentity> | undefined;

  const usable = (v: AwsCredentialIdentity): boolean => {
    const exp = v.expiration?.getTime();
    if (exp === undefined) return true;
    const t = now();
    if (exp <= t) return false;
    return exp - t > window || t - resolvedAt < minReuse;
  };

  const memo = async (props?: Parameters<AwsCredentialIdentityProvider>[0]) => {
    if (value && usable(value)) return value;
    // Concurrent callers share one resolution (one credential_process run, one AssumeRole, one MFA prompt).
    pending ??= (async () => {
      try {
        const v = await provider(props);
        value = v;
        resolvedAt = now();
        return v;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };
  return Object.assign(memo, {
    memoized: true as const,
    invalidate: () => {
      value = undefined;
    },
  });
}
