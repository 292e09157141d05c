// May this principal scale, restart or delete here? SelfSubjectAccessReview (authorization.k8s.io/v1) asks the API
// server's own authorizers, EKS's access-policy webhook included; SelfSubjectRulesReview would be one call per
// namespace but is documented as incomplete under webhook authorizers, which is exactly EKS access entries. So: one
// review per action, per (cluster, namespace, identity), cached for a short while. An answer that cannot be had
// (the review itself refused, a network error) is "unknown", and unknown never disables anything: the action then
// runs and a refusal gets the access diagnosis.
import type { KubeClient } from './client';

export interface ResourceCheck {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
}

/** The checks behind each action, as kubectl's requests are authorized. */
export const ACTION_CHECKS = {
  scaleDeployments: { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale' },
  scaleStatefulSets: { verb: 'patch', group: 'apps', resource: 'statefulsets', subresource: 'scale' },
  restartDeployments: { verb: 'patch', group: 'apps', resource: 'deployments' },
  restartStatefulSets: { verb: 'patch', group: 'apps', resource: 'statefulsets' },
  restartDaemonSets: { verb: 'patch', group: 'apps', resource: 'daemonsets' },
  deletePods: { verb: 'delete', group: '', resource: 'pods' },
} satisfies Record<string, ResourceCheck>;

export type ActionName = keyof typeof ACTION_CHECKS;

/** true: allowed; false: refused; undefined: not knowable (the review failed). */
export type ActionAccess = Partial<Record<ActionName, boolean>>;

interface ReviewStatus {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

export function accessReviewBody(check: ResourceCheck, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { namespace, verb: check.verb, group: check.group, resource: check.resource, ...(check.subresource ? { subresource: check.subresource } : {}) } },
  };
}

/** One review: allowed or not; a review the server would not answer is thrown. */
export async function reviewAccess(client: Pick<KubeClient, 'request'>, check: ResourceCheck, namespace: string, signal?: AbortSignal): Promise<boolean> {
  const r = await client.request<ReviewStatus>('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { body: accessReviewBody(check, namespace), signal });
  return r.status?.allowed === true;
}

/** Every action's answer for one namespace; each review that fails leaves its action unknown. */
export async function reviewActions(client: Pick<KubeClient, 'request'>, namespace: string, signal?: AbortSignal): Promise<ActionAccess> {
  const names = Object.keys(ACTION_CHECKS) as ActionName[];
  const answers = await Promise.all(names.map((n) => reviewAccess(client, ACTION_CHECKS[n], namespace, signal).catch(() => undefined)));
  const out: ActionAccess = {};
  names.forEach((n, i) => {
    if (answers[i] !== undefined) out[n] = answers[i];
  });
  return out;
}

export interface RowFlags {
  noScale?: boolean;
  noRestart?: boolean;
  noDelete?: boolean;
}

const SCALE: Record<string, ActionName> = { Deployment: 'scaleDeployments', StatefulSet: 'scaleStatefulSets' };
const RESTART: Record<string, ActionName> = { Deployment: 'restartDeployments', StatefulSet: 'restartStatefulSets', DaemonSet: 'restartDaemonSets' };

/**
 * The contextValue flags of a row: set only when the server said no. They are negative on purpose: a row whose
 * answer is unknown (not asked yet, review refused) keeps its entries enabled, and the command palette, where no row
 * is in context, is never disabled by them.
 */
export function rowFlags(kind: string, access: ActionAccess | undefined): RowFlags {
  if (!access) return {};
  const no = (a: ActionName | undefined) => (a && access[a] === false) || undefined;
  if (kind === 'Pod') return { noDelete: no('deletePods') };
  return { noScale: no(SCALE[kind]), noRestart: no(RESTART[kind]) };
}

export interface AccessCacheOptions {
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  at: number;
  value?: ActionAccess;
  pending?: Promise<void>;
  listeners: Set<() => void>;
}

/**
 * Answers per key (cluster + identity + namespace), for rows that must render synchronously: get() returns what is
 * known (possibly stale) and starts a review when there is none or it is older than the TTL; `onChange` runs once
 * when that review lands with a different answer. A failed load counts as "unknown" until the TTL passes.
 */
export class AccessCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(opts: AccessCacheOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  get(key: string, load: () => Promise<ActionAccess>, onChange?: () => void): ActionAccess | undefined {
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { at: 0, listeners: new Set() }));
    const fresh = e.value !== undefined && this.now() - e.at < this.ttlMs;
    if (!fresh) {
      if (onChange) e.listeners.add(onChange);
      if (!e.pending) {
        const entry = e;
        entry.pending = load().then(
          (v) => {
            // From nothing to "all allowed" changes no row (no flag is set either way): no re-render of every row.
            const before = entry.value ?? {};
            const changed = (Object.keys(ACTION_CHECKS) as ActionName[]).some((n) => (before[n] === false) !== (v[n] === false));
            entry.value = v;
            entry.at = this.now();
            const ls = [...entry.listeners];
            entry.listeners.clear();
            if (changed) for (const l of ls) l();
          },
          () => {
            // Not knowable now (no client, say): unknown for a TTL, rather than a new attempt on every render.
            entry.value ??= {};
            entry.at = this.now();
            entry.listeners.clear();
          },
        ).finally(() => (entry.pending = undefined));
      }
    }
    return e.value;
  }

  /** Forget one key (after a refusal that contradicts the cache) or everything (a profile switch). */
  forget(key?: string): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}
