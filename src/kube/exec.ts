// Exec into a pod's container over the API server's websocket (the remote-command protocol, exec-protocol.ts), as a
// plain Node object with write / resize / close and data / stderr / exit / error / close events: the same shape as
// the ECS Exec session (src/ecs-exec/session.ts), so one Pseudoterminal adapts both.
//
// Closing the websocket does not end the remote command (@kubernetes/client-node #2532: the kubelet keeps the
// process, and a shell keeps its pty). close() therefore ends it first: on a TTY it types Ctrl-C then Ctrl-D (ends a
// foreground program, then the shell at its now empty prompt), and on v5 it half-closes stdin (channel 255), so a
// process reading stdin sees EOF; it waits for the exit status (at most CLOSE_GRACE_MS), then hangs up.
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { KubeClient } from './client';
import { clientConnection, openKubeWebSocket, type ClientConnection } from './client-access';
import { KubeError, failureFromError, refusalFrom } from './errors';
import { Channel, EXEC_PROTOCOLS, decodeFrame, encodeClose, encodeResize, encodeStdin, parseStatus, protocolFeatures } from './exec-protocol';
import { RESOURCES } from './resources';

export interface PodExecOptions {
  client: KubeClient;
  namespace: string;
  pod: string;
  /** Required by the server when the pod has more than one container. */
  container?: string;
  command: string[];
  /** A terminal: stdout and stderr merged by the remote pty, resize honoured; implies stdin. Default false. */
  tty?: boolean;
  /** Attach stdin. Default true. */
  stdin?: boolean;
  /** Aborting while connecting cancels; aborting later closes the session (ending the remote process). */
  signal?: AbortSignal;
  connectTimeoutMs?: number;
}

export interface ExecSessionEvents {
  data: [Buffer];
  stderr: [Buffer];
  /** The command's exit code; undefined when the session ended without one (closed by us, or dropped). */
  exit: [number | undefined];
  error: [Error];
  close: [];
}

const CONNECT_TIMEOUT_MS = 20_000;
const CLOSE_GRACE_MS = 2_000;
const PING_INTERVAL_MS = 30_000;
/** Ctrl-C then Ctrl-D: what a person would type to leave a shell, whatever is running in it. */
const HANG_UP = Buffer.from([0x03, 0x04]);

export class PodExecSession extends EventEmitter<ExecSessionEvents> {
  readonly tty: boolean;
  private readonly stdin: boolean;
  readonly protocol: string;
  exitCode: number | undefined;
  private readonly features: ReturnType<typeof protocolFeatures>;
  private ended = false;
  private closing = false;
  private exited = false;
  /** Frames that arrived before the caller could attach listeners (released on the next turn of the event loop). */
  private held: (() => void)[] | undefined = [];
  private ping: NodeJS.Timeout | undefined;
  private pongPending = false;
  private graceTimer: NodeJS.Timeout | undefined;
  private lastSize = '';

  /** Use startPodExec(). */
  constructor(
    private readonly ws: WebSocket,
    private readonly what: string,
    opts: { tty: boolean; stdin: boolean },
  ) {
    super();
    this.tty = opts.tty;
    this.stdin = opts.stdin;
    this.protocol = ws.protocol;
    this.features = protocolFeatures(ws.protocol);
    ws.on('message', (data: Buffer) => this.inOrder(() => this.receive(data)));
    ws.on('pong', () => (this.pongPending = false));
    // A dead peer (a laptop that slept, a NAT that forgot us) shows as a missed pong: say so rather than hang.
    this.ping = setInterval(() => {
      if (this.pongPending) return ws.terminate();
      this.pongPending = true;
      ws.ping();
    }, PING_INTERVAL_MS);
    this.ping.unref();
    ws.on('error', (e) => {
      if (!this.closing && !this.exited) this.fail(new KubeError({ kind: 'unreachable', message: `The exec connection to ${this.what} failed: ${e.message}` }, { cause: e }));
    });
    ws.on('close', (code) =>
      this.inOrder(() => {
        if (!this.exited && !this.closing) {
          // Before v4 the status channel speaks only on failure: a clean close is a zero exit.
          if (!this.features.statusJson && code === 1000) this.emitExit(0);
          else this.fail(new KubeError({ kind: 'unreachable', message: `The connection to ${this.what} dropped (websocket code ${code}) before the command ended; it may still be running there.` }));
        }
        this.end();
      }),
    );
  }

  write(data: string | Uint8Array): void {
    if (this.ended || this.closing || !this.stdin) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (const f of encodeStdin(bytes)) this.ws.send(f);
  }

  /** Sends the terminal size (v3+), when it changed. */
  resize(cols: number, rows: number): void {
    if (this.ended || !this.features.resize) return;
    const frame = encodeResize(cols, rows);
    const key = frame.toString('latin1');
    if (key === this.lastSize) return;
    this.lastSize = key;
    this.ws.send(frame);
  }

  /** Ends the remote process (see the file comment), then the connection. */
  close(): void {
    if (this.ended || this.closing) return;
    this.closing = true;
    if (this.ws.readyState !== WebSocket.OPEN || this.exited) return void this.ws.close(1000);
    if (this.stdin) {
      if (this.tty) this.ws.send(encodeStdin(HANG_UP)[0]);
      if (this.features.close) this.ws.send(encodeClose(Channel.stdin));
    }
    this.graceTimer = setTimeout(() => this.ws.close(1000), CLOSE_GRACE_MS);
    this.graceTimer.unref();
  }

  /** Ends the session now with `error`, without ending the remote process first. */
  destroy(error?: Error): void {
    if (this.ended) return;
    if (error) this.fail(error);
    this.closing = true;
    this.ws.terminate();
  }

  private receive(msg: Buffer): void {
    const f = decodeFrame(msg);
    if (!f || this.ended) return;
    if (f.channel === Channel.stdout) {
      if (f.data.length) this.emit('data', f.data);
    } else if (f.channel === Channel.stderr) {
      if (f.data.length) this.emit('stderr', f.data);
    } else if (f.channel === Channel.status) {
      if (!f.data.length) return;
      const outcome = parseStatus(f.data, this.protocol);
      if ('exitCode' in outcome) this.emitExit(outcome.exitCode);
      else {
        this.fail(new KubeError({ kind: 'server', reason: outcome.reason, message: `exec in ${this.what}: ${outcome.failure}` }));
        this.emitExit(undefined);
      }
      // The command is over: the server closes the stream; make sure we do not wait on it.
      if (this.closing) this.ws.close(1000);
    }
  }

  /** Delivers what was held (startPodExec calls it once the caller had its turn to attach listeners). */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const run of held) run();
  }

  /** Everything the socket says, in order, after the caller had its turn to attach listeners. */
  private inOrder(run: () => void): void {
    if (this.held) this.held.push(run);
    else run();
  }

  /** An 'error' with no listener would throw out of a socket callback and take the extension host's loop with it. */
  private fail(e: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', e);
  }

  private emitExit(code: number | undefined): void {
    if (this.exited) return;
    this.exited = true;
    this.exitCode = code;
    this.emit('exit', code);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.ping);
    clearTimeout(this.graceTimer);
    if (!this.exited) this.emitExit(undefined);
    this.emit('close');
  }
}

/** Opens an exec session; resolves once the websocket is upgraded. Failures are KubeErrors with a message for a person. */
export async function startPodExec(opts: PodExecOptions): Promise<PodExecSession> {
  const conn = clientConnection(opts.client);
  const what = `pod ${opts.namespace}/${opts.pod}${opts.container ? ` (container ${opts.container})` : ''}`;
  const tty = opts.tty ?? false;
  // A TTY implies stdin: the remote pty needs its input side (kwok 0.7 even crashes on a TTY without one).
  const stdin = tty || (opts.stdin ?? true);
  const url = new URL(`${conn.server}/api/v1/namespaces/${encodeURIComponent(opts.namespace)}/pods/${encodeURIComponent(opts.pod)}/exec`);
  url.protocol = 'wss:';
  if (opts.container) url.searchParams.set('container', opts.container);
  for (const c of opts.command) url.searchParams.append('command', c);
  url.searchParams.set('stdin', String(stdin));
  url.searchParams.set('stdout', 'true');
  // With a TTY the remote pty merges stderr into stdout, and the server refuses stderr=true.
  url.searchParams.set('stderr', String(!tty));
  url.searchParams.set('tty', String(tty));

  const signal = opts.signal ? AbortSignal.any([opts.signal, conn.lifetime]) : conn.lifetime;
  signal.throwIfAborted();
  // In parallel with the upgrade: the API server accepts the upgrade before it reaches the kubelet, so a pod that
  // cannot run a command would otherwise fail later, on the status channel, in the kubelet's words.
  const state = podState(opts).catch(() => undefined);
  const token = await conn.token();
  const make = (ws: WebSocket) => new PodExecSession(ws, what, { tty, stdin });
  let session: PodExecSession;
  try {
    session = await connect(conn, url, token, signal, make, opts.connectTimeoutMs);
  } catch (e) {
    if (!(e instanceof KubeError) || e.failure.kind !== 'unauthorized') throw await explain(e, state, what, opts.namespace);
    // An expired EKS token: renew once (shared with the client's other requests) and try again.
    session = await connect(conn, url, await conn.renew(token), signal, make, opts.connectTimeoutMs).catch(async (e2: unknown) => {
      throw await explain(e2, state, what, opts.namespace);
    });
  }
  const notRunning = await state;
  if (notRunning) {
    session.destroy();
    throw new KubeError({ kind: 'invalid', message: `${what} ${notRunning}, so exec is not possible.` });
  }
  // The caller attaches its listeners when this promise settles; what arrived meanwhile is delivered after that.
  setImmediate(() => session.release());
  const onAbort = () => session.close();
  signal.addEventListener('abort', onAbort, { once: true });
  session.once('close', () => signal.removeEventListener('abort', onAbort));
  return session;
}

/** Resolves with the session, made in the 'open' callback itself: a frame that arrives before it must not be lost. */
function connect(conn: ClientConnection, url: URL, token: string, signal: AbortSignal, make: (ws: WebSocket) => PodExecSession, timeoutMs = CONNECT_TIMEOUT_MS): Promise<PodExecSession> {
  return new Promise((resolve, reject) => {
    const ws = openKubeWebSocket(conn, url, token, EXEC_PROTOCOLS, timeoutMs);
    let settled = false;
    const settle = (e?: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (e) {
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
        reject(e);
      } else resolve(make(ws));
    };
    const onAbort = () => settle(new KubeError({ kind: 'aborted', message: 'cancelled' }));
    signal.addEventListener('abort', onAbort, { once: true });
    ws.once('open', () => {
      ws.removeAllListeners('error');
      settle();
    });
    ws.on('unexpected-response', (_req, res) => void refusalFrom(res, 'exec').then(settle, settle));
    ws.on('error', (e) => settle(new KubeError(failureFromError(e, conn.name, conn.server), { cause: e })));
  });
}

/** Turns a failed upgrade into what a person needs: the missing permission, or the pod's state. */
async function explain(e: unknown, state: Promise<string | undefined>, what: string, namespace: string): Promise<unknown> {
  if (!(e instanceof KubeError)) return e;
  const f = e.failure;
  if (f.kind === 'aborted' || f.kind === 'unreachable' || f.kind === 'tls' || f.kind === 'timeout') return e;
  if (f.kind === 'forbidden') {
    const who = f.user ? `${f.user} is` : 'You are';
    return new KubeError({ ...f, verb: 'create', resource: 'pods/exec', message: `${who} not allowed to open a shell in ${what}: it needs \`create pods/exec\` in namespace ${namespace} (RBAC), which it lacks. (${f.message})` }, { cause: e });
  }
  if (f.kind === 'unauthorized') return e;
  // Anything else (400 "does not have a host assigned", "container not found", 404): say what state the pod is in.
  const notRunning = await state;
  if (notRunning) return new KubeError({ ...f, message: `${what} ${notRunning}, so exec is not possible. (${f.message})` }, { cause: e });
  return e;
}

/** Why the pod cannot run a command, if it is not Running (or the container is not). */
async function podState(opts: PodExecOptions): Promise<string | undefined> {
  const pod = (await opts.client.get(RESOURCES.pods, opts.pod, opts.namespace, opts.signal)) as {
    status?: { phase?: string; containerStatuses?: { name: string; state?: Record<string, { reason?: string }> }[] };
  };
  const phase = pod.status?.phase ?? 'Unknown';
  if (phase !== 'Running') return `is ${phase}, not Running`;
  const cs = pod.status?.containerStatuses?.find((c) => c.name === opts.container);
  if (cs?.state && !cs.state.running) {
    const [k, v] = Object.entries(cs.state)[0] ?? [];
    return `has its container ${opts.container} ${k ?? 'not running'}${v?.reason ? ` (${v.reason})` : ''}`;
  }
  return undefined;
}
