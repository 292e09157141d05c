// Failures of a Kubernetes API request as plain data (KubeFailure, model.ts) wrapped in one error type, so every
// caller (tree nodes, commands, the 401/403 diagnosis) branches on `failure.kind` rather than on Node error codes,
// HTTP statuses or the API server's Status objects.
import type { IncomingMessage } from 'node:http';
import type { KubeFailure } from './model';

export class KubeError extends Error {
  constructor(readonly failure: KubeFailure, options?: { cause?: unknown }) {
    super(failure.message, options);
    this.name = 'KubeError';
  }
}

export function isKubeError(e: unknown): e is KubeError {
  return e instanceof KubeError;
}

/** The API server's error body (metav1.Status). */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] };
}

const BY_STATUS: Record<number, KubeFailure['kind']> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  410: 'gone',
  422: 'invalid',
  400: 'invalid',
  408: 'timeout',
  504: 'timeout',
};

// "pods is forbidden: User "arn:aws:iam::1:user/v" cannot list resource "pods" in API group "" in the namespace "shop""
// "nodes is forbidden: User "x" cannot list resource "nodes" in API group "" at the cluster scope"
// "forbidden: User "x" cannot get path "/apis""
const FORBIDDEN = /User "([^"]*)" cannot (\S+) (?:resource "([^"]*)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]*)"| at the cluster scope)?|path "([^"]*)")/;

export interface ForbiddenDetails {
  user?: string;
  verb?: string;
  resource?: string;
  group?: string;
  namespace?: string;
  path?: string;
}

/** What a 403's message says: who was refused what, and where. */
export function parseForbidden(message: string): ForbiddenDetails {
  const m = FORBIDDEN.exec(message);
  if (!m) return {};
  return { user: m[1], verb: m[2], resource: m[3] ?? undefined, group: m[4] || undefined, namespace: m[5] ?? undefined, path: m[6] ?? undefined };
}

/** A failure from an HTTP status and the body the API server sent with it (a Status, or text from a proxy). */
export function failureFromStatus(status: number, body: unknown, where: string): KubeFailure {
  const s = (typeof body === 'object' && body !== null ? body : {}) as KubeStatus;
  const text = typeof body === 'string' ? body.trim().slice(0, 300) : '';
  const kind = BY_STATUS[status] ?? (status >= 500 ? 'server' : 'unknown');
  const message = s.message || text || `HTTP ${status}`;
  const failure: KubeFailure = { kind, status, message: `${where}: ${message}`, reason: s.reason };
  if (kind === 'forbidden') {
    const f = parseForbidden(message);
    Object.assign(failure, { verb: f.verb, resource: f.resource ?? f.path, user: f.user, namespace: f.namespace, group: f.group });
  }
  if (kind === 'unauthorized') failure.message = `${where}: the API server did not accept the token (401 ${s.reason ?? 'Unauthorized'})`;
  return failure;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'EADDRNOTAVAIL']);
const TIMEOUT = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
// OpenSSL verification codes Node reports on a TLS socket, and its own TLS error codes.
const TLS = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|INVALID_CA|ERR_OSSL)/;

const WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
};

/** A failure from a Node network or TLS error. `server` is the URL the client was reaching. */
export function failureFromError(e: unknown, cluster: string, server: string): KubeFailure {
  if (e instanceof KubeError) return e.failure;
  const err = e as NodeJS.ErrnoException & { reason?: string };
  const code = err?.code ?? '';
  if (err?.name === 'AbortError' || code === 'ABORT_ERR') return { kind: 'aborted', message: 'cancelled' };
  if (UNREACHABLE.has(code)) {
    return { kind: 'unreachable', message: `Cannot reach the API server of ${cluster} at ${server}: ${WORDS[code] ?? code}. A private endpoint needs a VPN, tunnel or bastion (wharf.eks.endpointOverrides).` };
  }
  if (TIMEOUT.has(code)) return { kind: 'timeout', message: `The API server of ${cluster} at ${server} did not answer in time (${code}).` };
  if (TLS.test(code)) {
    return { kind: 'tls', message: `TLS to ${server} failed for ${cluster}: ${err.reason ?? err.message} (${code}). Check the cluster CA, or the TLS server name when going through a tunnel.` };
  }
  return { kind: 'unknown', message: `${cluster}: ${err?.message ?? String(e)}` };
}

/** A list's continue token outlived etcd's compaction (410 with reason Expired): list again from the start. */
export function isExpiredContinue(e: unknown): boolean {
  return e instanceof KubeError && e.failure.kind === 'gone';
}

/**
 * A websocket upgrade the API server answered with a plain HTTP response (403, 404, a proxy's 502): its body (a
 * Status, or a proxy's text) read and turned into the KubeError a person sees.
 */
export function refusalFrom(res: IncomingMessage, where: string): Promise<KubeError> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // a proxy's text
      }
      resolve(new KubeError(failureFromStatus(res.statusCode ?? 0, body, where)));
    });
    res.on('error', reject);
  });
}
