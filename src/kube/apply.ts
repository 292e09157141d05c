// Server-side apply of one manifest object, for real or as a dry run (`dryRun=All`): the API server runs defaulting,
// schema validation, admission (webhooks, quota, Pod Security) and RBAC exactly as for a real apply, and answers
// with the object it would store, or a Status saying why not. Plain data in and out; the editor maps it to ranges.
import { resolveKind } from './apply-discovery';
import type { KubeExchange } from './client';
import { KubeError, type KubeStatus } from './errors';
import type { KubeObject, ResourceKind } from './model';
import { resourcePath, type DiscoveryClient } from './resources';

export const FIELD_MANAGER = 'wharf';

/** The part of KubeClient that apply needs. */
export interface ApplyClient extends DiscoveryClient {
  exchange<T = unknown>(method: string, path: string, opts?: { query?: Record<string, string | undefined>; body?: unknown; contentType?: string; signal?: AbortSignal }): Promise<KubeExchange<T>>;
}

export interface ApplyOptions {
  /** Where objects that set no namespace go. */
  namespace: string;
  dryRun: boolean;
  /** Take over fields another manager owns (after a 409 the person chose "Force"). */
  force?: boolean;
  fieldManager?: string;
  signal?: AbortSignal;
}

export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

export interface StatusCause {
  field?: string;
  message: string;
  reason?: string;
}

/** Another field manager owning a field this apply sets (a 409 on apply). */
export interface FieldConflict {
  manager: string;
  field: string;
  message: string;
}

interface Common {
  /** What the object is called in messages: "Deployment shop/web". */
  label: string;
  namespace?: string;
  resource?: ResourceKind;
  /** The object as it is on the cluster before this apply; undefined when it does not exist (or could not be read). */
  live?: KubeObject;
  /** The server's `Warning` headers, as text. */
  warnings: string[];
}

export interface Applied extends Common {
  ok: true;
  /** What the server stored (or would store, in a dry run). */
  object: KubeObject;
  outcome: ApplyOutcome;
  /**
   * Set on a dry run when the object's namespace does not exist yet and the same file creates it: a dry run creates
   * nothing, so the server could not check the object; `object` is the manifest as it would be sent.
   */
  awaitsNamespace?: string;
}

export interface Refused extends Common {
  ok: false;
  status: number;
  reason?: string;
  message: string;
  causes: StatusCause[];
  conflicts: FieldConflict[];
}

export type ApplyResult = Applied | Refused;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "Deployment shop/web" or "Namespace team-a". */
export function objectLabel(kind: string, name: string, namespace?: string): string {
  return `${kind} ${namespace ? `${namespace}/` : ''}${name || '(no name)'}`;
}

/** Server-side applies one object (a manifest's plain data). Never throws for an API answer; only for aborts. */
export async function applyObject(client: ApplyClient, manifest: Record<string, unknown>, opts: ApplyOptions): Promise<ApplyResult> {
  const kind = String(manifest.kind ?? '');
  const apiVersion = String(manifest.apiVersion ?? '');
  const meta = isRecord(manifest.metadata) ? manifest.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const refuse = (c: Partial<Common>, status: number, message: string, extra: Partial<Refused> = {}): Refused => ({
    ok: false, label: objectLabel(kind, name, c.namespace), warnings: [], status, message, causes: [], conflicts: [], ...c, ...extra,
  });
  if (!name) {
    const why = typeof meta.generateName === 'string' ? 'metadata.generateName is for create, not apply' : 'it has no metadata.name';
    return refuse({}, 0, `${kind} cannot be applied: ${why}.`, { causes: [{ field: 'metadata.name', message: `server-side apply needs metadata.name (${why})` }] });
  }
  let resource: ResourceKind;
  try {
    resource = await resolveKind(client, apiVersion, kind, opts.signal);
  } catch (e) {
    if (e instanceof KubeError && e.failure.kind !== 'aborted') return refuse({}, e.failure.status ?? 404, e.failure.message, { reason: e.failure.reason });
    throw e;
  }
  const namespace = resource.namespaced ? (typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : opts.namespace) : undefined;
  const path = resourcePath(resource, namespace, name);
  const common: Common = { label: objectLabel(kind, name, namespace), namespace, resource, warnings: [] };

  const before = await client.exchange<KubeObject>('GET', path, { signal: opts.signal });
  if (before.status === 200 && isRecord(before.body)) common.live = before.body as KubeObject;

  const res = await client.exchange<KubeObject | KubeStatus>('PATCH', path, {
    query: {
      fieldManager: opts.fieldManager ?? FIELD_MANAGER,
      force: opts.force ? 'true' : 'false',
      // Unknown and duplicate fields fail the request (as kubectl does) rather than being dropped with a warning.
      fieldValidation: 'Strict',
      ...(opts.dryRun ? { dryRun: 'All' } : {}),
    },
    // JSON is YAML: the apply-patch content type takes either.
    body: JSON.stringify(manifest),
    contentType: 'application/apply-patch+yaml',
    signal: opts.signal,
  });
  common.warnings = parseWarnings(res.warnings);
  if (res.status >= 200 && res.status < 300 && isRecord(res.body)) {
    const object = res.body as KubeObject;
    return { ok: true, ...common, object, outcome: outcomeOf(res.status, common.live, object) };
  }
  const s: KubeStatus = isRecord(res.body) ? (res.body as KubeStatus) : { message: typeof res.body === 'string' ? res.body.trim().slice(0, 500) : '' };
  const causes: StatusCause[] = (s.details?.causes ?? []).map((c) => ({ field: c.field || undefined, message: c.message ?? '', reason: c.reason }));
  return refuse(common, res.status, s.message || `HTTP ${res.status}`, { reason: s.reason, causes, conflicts: res.status === 409 ? conflictsOf(causes) : [] });
}

/**
 * created: the object did not exist. unchanged: what was there equals what the server answered, once bookkeeping and
 * status are set aside (controllers write status between two applies, so the resourceVersion alone would mislead).
 * configured: anything else.
 */
function outcomeOf(status: number, live: KubeObject | undefined, after: KubeObject): ApplyOutcome {
  if (status === 201 || !live) return 'created';
  return stableJson(withoutBookkeeping(live)) === stableJson(withoutBookkeeping(after)) ? 'unchanged' : 'configured';
}

function withoutBookkeeping(o: KubeObject): unknown {
  const { managedFields: _m, resourceVersion: _r, generation: _g, ...metadata } = o.metadata as Record<string, unknown>;
  const { status: _s, ...rest } = o;
  return { ...rest, metadata };
}

export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (isRecord(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
}

// `conflict with "kubectl-client-side-apply" using apps/v1` (structured-merge-diff's printManager; a subresource
// and a time may follow the name).
const CONFLICT = /conflict with "([^"]*)"/;

export function conflictsOf(causes: readonly StatusCause[]): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const c of causes) {
    const m = CONFLICT.exec(c.message);
    if (m && c.field) out.push({ manager: m[1], field: c.field, message: c.message });
  }
  return out;
}

// RFC 7234 warn-value as the API server writes it: `299 - "text"`; text escapes `"` and `\`. Node joins repeated
// headers with ", ", so one header value may hold several.
const WARNING = /(\d{3}) (\S+) "((?:[^"\\]|\\.)*)"/g;

export function parseWarnings(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of raw) {
    let found = false;
    for (const m of value.matchAll(WARNING)) {
      found = true;
      out.push(m[3].replace(/\\(.)/g, '$1'));
    }
    if (!found && value.trim()) out.push(value.trim());
  }
  return out;
}
