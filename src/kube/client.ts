// One cluster's Kubernetes API, in memory: server URL, CA and a bearer-token source. Nothing is read from or written
// to ~/.kube/config.
//
// Why node:https and not @kubernetes/client-node (1.4.0): the explorer needs four things that client would have to be
// worked around for. (1) Paged lists that stay paged: its informer lists without `limit` (one 50,000-pod response)
// and stops on any watch error but 410, so we would write list/watch ourselves anyway (list-watch.ts). (2) A TLS
// server name other than the URL's host, for private endpoints reached through a tunnel or bastion: its fetch
// transport takes no `servername`. (3) A watch whose lifetime we bound ourselves: its Watch has had timeout bugs
// (#2665 in 1.4). (4) Cheap renewal: a 401 renews the EKS token once and retries, which its generated APIs cannot do
// without rebuilding the configuration. A keep-alive https.Agent with the cluster CA gives all of that in ~300 lines,
// streams watch events line by line, takes an AbortSignal everywhere, bundles with esbuild without an ESM shim, and
// adds nothing to the explorer bundle. Logs and exec (the next issues) may still use client-node's WebSocket code.
import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import * as zlib from 'node:zlib';
import { KubeError, failureFromError, failureFromStatus } from './errors';
import type { KubeListPage, KubeObject, ResourceKind, WatchEvent } from './model';
import { apiVersionOf, resourcePath } from './resources';

export { KubeError } from './errors';

export interface ClusterEndpoint {
  /** https://ABC.gr7.us-east-1.eks.amazonaws.com, or a tunnel's local address. */
  server: string;
  /** The cluster CA (PEM). Absent: the system's trusted CAs. */
  caPem?: string;
  /** The name the server certificate is checked against (and sent as SNI) when `server` is a tunnel or an IP. */
  tlsServerName?: string;
}

/** Bearer tokens for the cluster. token(): the current one (cached by the source); renew(): drop it, make a new one. */
export interface TokenSource {
  token(): Promise<string>;
  renew(): Promise<string>;
}

export interface KubeClientOptions {
  /** Bound on a request from connect to the last byte of the body. */
  requestTimeoutMs?: number;
  /** A watch with no bytes for this long is presumed dead (bookmarks arrive about every minute) and ended. */
  watchIdleMs?: number;
}

export interface ListOptions {
  namespace?: string;
  limit?: number;
  continue?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WatchOptions {
  namespace?: string;
  resourceVersion: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Asks the server to end the watch after this long (client-go picks 5-10 minutes at random; so do we). */
  timeoutSeconds?: number;
}

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

/** What exchange() resolves with: any status, the body (JSON when it parsed, else text), raw `Warning` header values. */
export interface KubeExchange<T = unknown> {
  status: number;
  body: T | string;
  warnings: string[];
}

const USER_AGENT = 'wharf';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_WATCH_IDLE_MS = 150_000;

const abortedError = () => new KubeError({ kind: 'aborted', message: 'cancelled' });

export class KubeClient {
  readonly server: string;
  private readonly agent: https.Agent;
  private readonly timeoutMs: number;
  private readonly watchIdleMs: number;
  /** Ends every request in flight on dispose(). */
  private readonly lifetime = new AbortController();
  private renewal?: { stale: string; fresh: Promise<string> };

  constructor(
    readonly name: string,
    private readonly endpoint: ClusterEndpoint,
    private readonly tokens: TokenSource,
    opts: KubeClientOptions = {},
  ) {
    this.server = endpoint.server.replace(/\/+$/, '');
    if (!/^https:\/\//.test(this.server)) throw new KubeError({ kind: 'invalid', message: `${name}: the API server URL must be https:// (got ${endpoint.server})` });
    this.timeoutMs = opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.watchIdleMs = opts.watchIdleMs ?? DEFAULT_WATCH_IDLE_MS;
    // keepAlive: the tree's many small requests reuse one TLS session; also sets SO_KEEPALIVE on watch sockets.
    this.agent = new https.Agent({ keepAlive: true, keepAliveMsecs: 30_000, ca: endpoint.caPem, servername: endpoint.tlsServerName, maxFreeSockets: 4 });
  }

  async list(kind: ResourceKind, opts: ListOptions = {}, signal?: AbortSignal): Promise<KubeListPage> {
    const body = await this.request<{ metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number }; items?: KubeObject[] }>('GET', resourcePath(kind, opts.namespace), {
      query: { limit: opts.limit ? String(opts.limit) : undefined, continue: opts.continue, labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector },
      signal,
    });
    // List items carry no apiVersion/kind; restore them so an item stands on its own (View YAML, describe).
    const apiVersion = apiVersionOf(kind);
    const items = body.items ?? [];
    for (const it of items) {
      it.apiVersion ??= apiVersion;
      it.kind ??= kind.kind;
    }
    return { items, next: body.metadata?.continue || undefined, resourceVersion: body.metadata?.resourceVersion ?? '', remaining: body.metadata?.remainingItemCount };
  }

  get(kind: ResourceKind, name: string, namespace?: string, signal?: AbortSignal): Promise<KubeObject> {
    return this.request<KubeObject>('GET', resourcePath(kind, namespace, name), { signal });
  }

  version(signal?: AbortSignal): Promise<{ gitVersion: string; major: string; minor: string }> {
    return this.request('GET', '/version', { signal });
  }

  /** A JSON request to any API path. A 401 renews the token once; failures are KubeErrors (token-source errors pass through). */
  request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const data = opts.body === undefined ? undefined : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
    const contentType = opts.contentType ?? (method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
    return this.withToken(opts.signal, async (token, signal) => {
      const res = await this.open(method, path, opts.query, token, signal, { data, contentType, idleMs: this.timeoutMs, deadlineMs: this.timeoutMs, gzip: true });
      const text = await readBody(res);
      const parsed = parseJson(text);
      if ((res.statusCode ?? 0) >= 300) throw new KubeError(failureFromStatus(res.statusCode ?? 0, parsed ?? text, `${method} ${path}`));
      if (parsed === undefined) throw new KubeError({ kind: 'server', status: res.statusCode, message: `${method} ${path}: the response was not JSON` });
      return parsed as T;
    });
  }

  /**
   * Like request(), but any HTTP status resolves: the status, the parsed body (a Status for failures) and the
   * response's `Warning` headers, for callers that read both the server's answer and its warnings (server-side
   * dry-run and apply). A 401 still renews the token once; network failures are KubeErrors as everywhere.
   */
  exchange<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<KubeExchange<T>> {
    const data = opts.body === undefined ? undefined : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
    const contentType = opts.contentType ?? (method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
    return this.withToken(opts.signal, async (token, signal) => {
      const res = await this.open(method, path, opts.query, token, signal, { data, contentType, idleMs: this.timeoutMs, deadlineMs: this.timeoutMs, gzip: true });
      const text = await readBody(res);
      const status = res.statusCode ?? 0;
      if (status === 401) throw new KubeError(failureFromStatus(status, parseJson(text) ?? text, `${method} ${path}`));
      const warnings: string[] = [];
      const raw = res.headersDistinct?.warning ?? (res.headers.warning ? [res.headers.warning] : []);
      for (const w of raw) warnings.push(w);
      return { status, body: (parseJson(text) ?? text) as T, warnings };
    });
  }

  /**
   * Streams a watch's events to `onEvent` until the server ends the watch (resolves), the signal aborts (rejects
   * 'aborted') or it fails (rejects). A resourceVersion too old (410, as a status or an ERROR event) is delivered as a
   * RELIST event, then the watch resolves: the caller lists again.
   */
  watch(kind: ResourceKind, opts: WatchOptions, onEvent: (e: WatchEvent) => void, signal: AbortSignal): Promise<void> {
    const timeoutSeconds = opts.timeoutSeconds ?? Math.round(300 * (1 + Math.random()));
    const query = {
      watch: '1',
      resourceVersion: opts.resourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(timeoutSeconds),
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
    };
    const path = resourcePath(kind, opts.namespace);
    const apiVersion = apiVersionOf(kind);
    return this.withToken(signal, async (token, sig) => {
      // The server ends the watch at timeoutSeconds; the deadline only catches a server that does not.
      const res = await this.open('GET', path, query, token, sig, { contentType: 'application/json', idleMs: this.watchIdleMs, deadlineMs: (timeoutSeconds + 30) * 1000, gzip: false });
      const status = res.statusCode ?? 0;
      if (status === 410) {
        res.resume();
        onEvent({ type: 'RELIST' });
        return;
      }
      if (status >= 300) {
        const text = await readBody(res);
        throw new KubeError(failureFromStatus(status, parseJson(text) ?? text, `watch ${path}`));
      }
      await new Promise<void>((resolve, reject) => {
        const decoder = new StringDecoder('utf8');
        let buffered = '';
        let done = false;
        const finish = (e?: unknown) => {
          if (done) return;
          done = true;
          if (e) reject(e);
          else resolve();
        };
        const line = (text: string) => {
          if (!text.trim()) return;
          const ev = parseJson(text) as { type?: string; object?: KubeObject & { code?: number } } | undefined;
          if (!ev?.type || !ev.object) return finish(new KubeError({ kind: 'server', message: `watch ${path}: unreadable event` }));
          if (ev.type === 'ERROR') {
            const code = ev.object.code ?? 0;
            if (code === 410) {
              onEvent({ type: 'RELIST' });
              res.destroy();
              return finish();
            }
            res.destroy();
            return finish(new KubeError(failureFromStatus(code || 500, ev.object, `watch ${path}`)));
          }
          if (ev.type === 'BOOKMARK') return onEvent({ type: 'BOOKMARK', resourceVersion: ev.object.metadata?.resourceVersion ?? '' });
          if (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED') {
            ev.object.apiVersion ??= apiVersion;
            ev.object.kind ??= kind.kind;
            onEvent({ type: ev.type, object: ev.object });
          }
        };
        res.on('data', (chunk: Buffer) => {
          buffered += decoder.write(chunk);
          let nl: number;
          while (!done && (nl = buffered.indexOf('\n')) >= 0) {
            const text = buffered.slice(0, nl);
            buffered = buffered.slice(nl + 1);
            try {
              line(text);
            } catch (e) {
              res.destroy();
              finish(e);
            }
          }
        });
        res.on('end', () => {
          if (!done && buffered.trim()) line(buffered + decoder.end());
          finish();
        });
        res.on('error', (e) => finish(e));
        // A watch that ends without 'end' (reset, our deadline) ends as a drop; 'error' says why when it was one.
        res.on('close', () => setImmediate(() => finish(sig.aborted ? abortedError() : undefined)));
      });
    });
  }

  /**
   * A streaming GET (pod logs, followed or not): resolves with a 2xx response for the caller to read; any other
   * status is a KubeError. No idle bound and no deadline unless given: a followed log may stay quiet for hours, and
   * the agent's TCP keep-alive finds a dead peer. A 401 renews the token once, as everywhere.
   */
  stream(path: string, query: Record<string, string | undefined>, signal: AbortSignal, bounds: { idleMs?: number; deadlineMs?: number } = {}): Promise<IncomingMessage> {
    return this.withToken(signal, async (token, sig) => {
      const res = await this.open('GET', path, query, token, sig, { contentType: 'application/json', idleMs: bounds.idleMs ?? 0, deadlineMs: bounds.deadlineMs ?? 2 ** 31 - 1, gzip: false });
      const status = res.statusCode ?? 0;
      if (status >= 300) {
        const text = await readBody(res).catch(() => '');
        throw new KubeError(failureFromStatus(status, parseJson(text) ?? text, `GET ${path}`));
      }
      return res;
    });
  }

  /** Ends every request and watch in flight and closes the connections. */
  dispose(): void {
    this.lifetime.abort();
    this.agent.destroy();
  }

  private async withToken<T>(signal: AbortSignal | undefined, run: (token: string, signal: AbortSignal) => Promise<T>): Promise<T> {
    const sig = signal ? AbortSignal.any([signal, this.lifetime.signal]) : this.lifetime.signal;
    if (sig.aborted) throw abortedError();
    const token = await this.tokens.token();
    try {
      return await run(token, sig);
    } catch (e) {
      if (!(e instanceof KubeError) || e.failure.kind !== 'unauthorized') throw e;
      // EKS answers 401 to an expired or revoked token: make a new one and try once more. A second 401 stands.
      const fresh = await this.renew(token);
      if (sig.aborted) throw abortedError();
      return await run(fresh, sig);
    }
  }

  /** Requests that failed with the same token share one renewal. */
  private renew(stale: string): Promise<string> {
    if (this.renewal?.stale !== stale) {
      const fresh = this.tokens.renew();
      this.renewal = { stale, fresh };
      fresh.catch(() => (this.renewal = undefined));
    }
    return this.renewal!.fresh;
  }

  /**
   * Sends a request and resolves with the response once its headers arrived. Every failure, before or while the body
   * streams, becomes a KubeError: `res` emits 'error' with one.
   */
  private open(
    method: string,
    path: string,
    query: Record<string, string | undefined> | undefined,
    token: string,
    signal: AbortSignal,
    o: { data?: Buffer; contentType: string; idleMs: number; deadlineMs: number; gzip: boolean },
  ): Promise<IncomingMessage> {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    return new Promise((resolve, reject) => {
      // Why we ended the exchange ourselves, if we did: a socket reset that follows must not read as "unreachable".
      let why: KubeError | undefined;
      const end = (e: KubeError) => {
        why ??= e;
        req.destroy(e);
      };
      const toKube = (e: unknown) => why ?? (signal.aborted ? abortedError() : new KubeError(failureFromError(e, this.name, this.server), { cause: e }));
      const req = https.request(url, {
        method,
        agent: this.agent,
        servername: this.endpoint.tlsServerName,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'user-agent': USER_AGENT,
          ...(o.gzip ? { 'accept-encoding': 'gzip' } : {}),
          ...(o.data ? { 'content-type': o.contentType, 'content-length': o.data.length } : {}),
        },
      });
      const timedOut = (what: string) => new KubeError({ kind: 'timeout', message: `${method} ${path} on ${this.name}: no answer from ${this.server} within ${what}` });
      // Nothing can hang the extension host: a hard deadline for the whole exchange, and an idle bound on the socket.
      const deadline = setTimeout(() => end(timedOut(`${Math.round(o.deadlineMs / 1000)} s`)), o.deadlineMs);
      req.setTimeout(o.idleMs, () => end(timedOut(`${Math.round(o.idleMs / 1000)} s of silence`)));
      const onAbort = () => end(abortedError());
      signal.addEventListener('abort', onAbort, { once: true });
      req.on('close', () => {
        clearTimeout(deadline);
        signal.removeEventListener('abort', onAbort);
      });
      req.on('error', (e) => reject(toKube(e)));
      req.on('response', (res) => {
        let out: IncomingMessage = res;
        if (res.headers['content-encoding'] === 'gzip') {
          const gunzip = zlib.createGunzip();
          res.pipe(gunzip);
          res.on('error', (e) => gunzip.destroy(e));
          out = Object.assign(gunzip, { statusCode: res.statusCode, headers: res.headers, headersDistinct: res.headersDistinct }) as unknown as IncomingMessage;
        }
        // Re-emit body-time failures as KubeErrors on what the caller reads.
        const emit = out.emit.bind(out);
        out.emit = ((event: string, ...args: unknown[]) => (event === 'error' ? emit('error', toKube(args[0])) : emit(event, ...args))) as typeof out.emit;
        res.on('aborted', () => out.destroy(toKube(new Error('aborted'))));
        resolve(out);
      });
      if (signal.aborted) onAbort();
      req.end(o.data);
    });
  }
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.readableEnded) reject(new KubeError({ kind: 'unreachable', message: 'the connection closed before the response ended' }));
    });
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
