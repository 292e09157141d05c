// A port-forward as a plain Node object: a local TCP listener on loopback whose every accepted connection becomes one
// websocket stream to a pod's port (port-forward-stream.ts), as kubectl port-forward, Lens and k9s do. The pod is the
// target's (port-forward-target.ts): a pod, or a ready pod behind a workload or Service, which the forward watches;
// when that pod is deleted or stops being ready, a workload or Service forward moves to another ready pod (new
// connections go there; those open on the old pod end with it), and a pod forward stops, saying why.
//
// Events: 'change' (connections, pod, state), 'moved' {from, to}, 'stream-error' (a connection the kubelet refused or
// that dropped: never silent), 'stopped' (why, when not asked to).
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import type { KubeClient } from './client';
import { clientConnection, type ClientConnection } from './client-access';
import { KubeError } from './errors';
import type { KubeObject } from './model';
import { openPortForward, pipe } from './port-forward-stream';
import { describeTarget, podIsReady, resolveTarget, type ForwardTarget, type ResolvedPod } from './port-forward-target';
import { RESOURCES } from './resources';

export interface PortForwardOptions {
  client: KubeClient;
  target: ForwardTarget;
  /** A container port (number or name) for pods and workloads; a Service port (number or name) for Services. */
  remotePort: number | string;
  /** The local port; 0 or absent: a free one. */
  localPort?: number;
  /** Default 127.0.0.1. A loopback forward is also offered on ::1 (same port) when free, so `localhost` works either way. */
  address?: string;
  signal?: AbortSignal;
}

export type ForwardState = 'forwarding' | 'waiting' | 'stopped';

export interface PortForwardEvents {
  change: [];
  moved: [{ from: string; to: string }];
  'stream-error': [KubeError];
  /** The forward ended by itself (its pod went away, the client was disposed); not emitted by stop(). */
  stopped: [string];
}

/** How long a new connection waits for a ready pod while a workload forward is between pods. */
const WAIT_FOR_POD_MS = 30_000;
const RETRY_MS = [500, 1000, 2000, 5000];

export class PortForward extends EventEmitter<PortForwardEvents> {
  readonly target: ForwardTarget;
  readonly remotePort: number | string;
  readonly address: string;
  localPort = 0;
  state: ForwardState = 'waiting';
  /** The pod and container port connections go to now (undefined while looking for one). */
  current: ResolvedPod | undefined;
  /** The last failure a stream reported, for a tooltip. */
  lastError: string | undefined;
  /** Connections open now, and since the start. */
  open = 0;
  total = 0;
  bytesIn = 0;
  bytesOut = 0;
  readonly startedAt = new Date();

  private readonly conn: ClientConnection;
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  private readonly lifetime = new AbortController();
  private resolving: Promise<ResolvedPod> | undefined;
  private watchStop: AbortController | undefined;
  private readonly lost = new Set<string>();

  /** Use startPortForward(). */
  constructor(private readonly opts: PortForwardOptions) {
    super();
    this.target = opts.target;
    this.remotePort = opts.remotePort;
    this.address = opts.address ?? '127.0.0.1';
    this.conn = clientConnection(opts.client);
  }

  get label(): string {
    return `${describeTarget(this.target)} ${this.remotePort} → ${this.address}:${this.localPort}`;
  }

  /** Resolves the first pod, then listens. */
  async start(): Promise<void> {
    const signal = this.opts.signal ? AbortSignal.any([this.opts.signal, this.conn.lifetime]) : this.conn.lifetime;
    signal.throwIfAborted();
    const onEnd = () => this.end(this.conn.lifetime.aborted ? 'the connection to the cluster was closed (profile or settings changed)' : 'cancelled');
    signal.addEventListener('abort', onEnd, { once: true });
    this.lifetime.signal.addEventListener('abort', () => signal.removeEventListener('abort', onEnd), { once: true });
    this.current = await resolveTarget(this.opts.client, this.target, this.remotePort, signal);
    await checkAccess(this.opts.client, this.target.namespace, this.current.pod, signal);
    this.localPort = await this.listen(this.address, this.opts.localPort ?? 0);
    if (isLoopback4(this.address)) await this.listen('::1', this.localPort).catch(() => undefined);
    this.state = 'forwarding';
    this.watchPod(this.current);
  }

  /** Stops listening and ends every connection. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.lifetime.abort();
    this.watchStop?.abort();
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    this.emit('change');
  }

  private end(why: string): void {
    if (this.state === 'stopped') return;
    void this.stop();
    this.emit('stopped', why);
  }

  private listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true }, (sock) => void this.accept(sock));
      server.once('error', (e: NodeJS.ErrnoException) => {
        const why = e.code === 'EADDRINUSE' ? 'is in use' : e.code === 'EACCES' ? 'needs privileges (below 1024)' : `cannot be used (${e.code ?? e.message})`;
        reject(new KubeError({ kind: 'invalid', message: `Local port ${port} on ${host} ${why}: choose another.` }, { cause: e }));
      });
      server.listen({ host, port, exclusive: true }, () => {
        server.removeAllListeners('error');
        server.on('error', () => undefined);
        this.servers.push(server);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  }

  private async accept(sock: net.Socket): Promise<void> {
    if (this.state === 'stopped') return void sock.destroy();
    sock.setNoDelay(true);
    this.sockets.add(sock);
    this.open++;
    this.total++;
    sock.once('close', () => {
      this.sockets.delete(sock);
      this.open--;
      this.emit('change');
    });
    this.emit('change');
    const signal = this.lifetime.signal;
    try {
      let pod = await this.pod();
      let ws;
      try {
        ws = await openPortForward(this.conn, { namespace: this.target.namespace, pod: pod.pod, port: pod.port }, signal);
      } catch (e) {
        // The pod went away before its watch said so: a workload or Service forward tries the next pod once.
        if (this.target.kind === 'pod' || !(e instanceof KubeError) || (e.failure.kind !== 'not-found' && e.failure.kind !== 'invalid')) throw e;
        this.podLost(pod.pod);
        pod = await this.pod();
        ws = await openPortForward(this.conn, { namespace: this.target.namespace, pod: pod.pod, port: pod.port }, signal);
      }
      if (sock.destroyed || this.isStopped()) return void ws.terminate();
      const end = await pipe(sock, ws, { namespace: this.target.namespace, pod: pod.pod, port: pod.port });
      this.bytesIn += end.bytesIn;
      this.bytesOut += end.bytesOut;
      if (!end.ok && !this.isStopped()) this.report(end.error);
    } catch (e) {
      sock.destroy();
      if (this.isStopped() || (e instanceof KubeError && e.failure.kind === 'aborted')) return;
      this.report(e instanceof KubeError ? e : new KubeError({ kind: 'unknown', message: (e as Error).message }, { cause: e }));
    }
  }

  /** A method, not a field read: the state changes while accept() awaits, which TypeScript's narrowing cannot see. */
  private isStopped(): boolean {
    return this.state === 'stopped';
  }

  private report(e: KubeError): void {
    this.lastError = e.message;
    this.emit('stream-error', e);
    this.emit('change');
  }

  /** The pod to use now; waits (bounded) while a workload forward looks for a new one. */
  private pod(): Promise<ResolvedPod> {
    if (this.current) return Promise.resolve(this.current);
    this.resolving ??= quiet(this.relocate());
    return withTimeout(this.resolving, WAIT_FOR_POD_MS, () => new KubeError({ kind: 'timeout', message: `${describeTarget(this.target)}: no ready pod within ${WAIT_FOR_POD_MS / 1000} s` }));
  }

  /** The watched pod is gone or not ready. */
  private podLost(name: string, why = 'went away'): void {
    if (this.current?.pod !== name || this.state === 'stopped') return;
    // Avoid only the pod just lost (a list may still show it for a moment); a StatefulSet's pod comes back by name.
    this.lost.clear();
    this.lost.add(name);
    this.watchStop?.abort();
    this.current = undefined;
    if (this.target.kind === 'pod') return this.end(`pod ${this.target.namespace}/${name} ${why}`);
    this.state = 'waiting';
    this.emit('change');
    this.resolving ??= quiet(this.relocate(name));
  }

  /** Looks for a ready pod until one turns up or the forward stops, backing off. */
  private async relocate(from?: string): Promise<ResolvedPod> {
    for (let attempt = 0; ; attempt++) {
      this.lifetime.signal.throwIfAborted();
      try {
        const next = await resolveTarget(this.opts.client, this.target, this.remotePort, this.lifetime.signal, this.lost);
        this.current = next;
        this.resolving = undefined;
        this.state = 'forwarding';
        this.watchPod(next);
        if (from && from !== next.pod) this.emit('moved', { from, to: next.pod });
        this.emit('change');
        return next;
      } catch (e) {
        if (this.lifetime.signal.aborted) throw e;
        this.lastError = (e as Error).message;
        await sleep(RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)], this.lifetime.signal);
      }
    }
  }

  /** Watches the chosen pod (by name) for deletion or loss of readiness; resumes a watch the server ends. */
  private watchPod(p: ResolvedPod): void {
    this.watchStop?.abort();
    const stop = new AbortController();
    this.watchStop = stop;
    const signal = AbortSignal.any([stop.signal, this.lifetime.signal]);
    let rv = p.resourceVersion;
    const onEvent = (e: { type: string; object?: KubeObject; resourceVersion?: string }) => {
      if (e.type === 'DELETED') this.podLost(p.pod, 'was deleted');
      else if (e.type === 'MODIFIED' && e.object) {
        rv = e.object.metadata.resourceVersion ?? rv;
        if (!podIsReady(e.object)) this.podLost(p.pod, 'is no longer ready');
      } else if (e.type === 'BOOKMARK' && e.resourceVersion) rv = e.resourceVersion;
      else if (e.type === 'RELIST') rv = '';
    };
    void (async () => {
      let failures = 0;
      while (!signal.aborted) {
        try {
          if (!rv) {
            const pod = await this.opts.client.get(RESOURCES.pods, p.pod, this.target.namespace, signal);
            if (!podIsReady(pod)) return this.podLost(p.pod, 'is no longer ready');
            rv = pod.metadata.resourceVersion ?? '';
          }
          await this.opts.client.watch(RESOURCES.pods, { namespace: this.target.namespace, resourceVersion: rv, fieldSelector: `metadata.name=${p.pod}` }, onEvent, signal);
          failures = 0;
        } catch (e) {
          if (signal.aborted) return;
          if (e instanceof KubeError && e.failure.kind === 'not-found') return this.podLost(p.pod, 'was deleted');
          rv = '';
          await sleep(RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)], signal).catch(() => undefined);
        }
      }
    })();
  }
}

/** Starts a forward; resolves once it listens (with `localPort` set). Failures are KubeErrors a person can act on. */
export async function startPortForward(opts: PortForwardOptions): Promise<PortForward> {
  const f = new PortForward(opts);
  try {
    await f.start();
  } catch (e) {
    await f.stop();
    throw e;
  }
  return f;
}

/**
 * Asks the server whether we may forward (a SelfSubjectAccessReview of `create pods/portforward`, what the upgrade
 * needs), so a refusal shows when the forward starts, not on the first browser request. An API server that cannot
 * answer does not block the forward: the upgrade then says the same.
 */
async function checkAccess(client: KubeClient, namespace: string, pod: string, signal: AbortSignal): Promise<void> {
  let allowed: boolean | undefined;
  try {
    const r = await client.request<{ status?: { allowed?: boolean } }>('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace, verb: 'create', resource: 'pods', subresource: 'portforward', name: pod } } },
      signal,
    });
    allowed = r.status?.allowed;
  } catch (e) {
    if (signal.aborted) throw e;
    return;
  }
  if (allowed === false) {
    throw new KubeError({ kind: 'forbidden', status: 403, verb: 'create', resource: 'pods/portforward', namespace, message: `You are not allowed to forward ports of pods in namespace ${namespace}: it needs \`create pods/portforward\` there (RBAC), which you lack.` });
  }
}

/** A promise whose rejection (the forward stopped while looking for a pod) is not unhandled; awaiting it still throws. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

function isLoopback4(a: string): boolean {
  return a === '127.0.0.1' || a === 'localhost';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function withTimeout<T>(p: Promise<T>, ms: number, error: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(error()), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
