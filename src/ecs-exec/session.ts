// One ECS Exec session over the Session Manager data channel, without session-manager-plugin: the websocket, the
// open-data-channel message with the session token, the handshake (KMS encryption and its challenge included), then
// keyboard input, terminal size and output. A plain Node object (no vscode): a Pseudoterminal adapts it.
//
// The session token and the data key stay in memory: they are sent only on the websocket and never appear in an
// error message, a log line, a command line or a file.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { DataChannel, realClock, type Clock } from './channel';
import type { SessionCipher } from './cipher';
import { Flag, PayloadType, type Frame } from './frame';
import { answerChallenge, answerHandshake, CLIENT_VERSION, type KmsDataKeys } from './handshake';
import { EcsExecError } from './errors';

/** Keyboard input goes out in chunks of at most this many bytes (the plugin's stdin buffer). */
export const INPUT_CHUNK = 1024;
const PING_INTERVAL_MS = 5 * 60_000;
const HANDSHAKE_TIMEOUT_MS = 30_000;
const CLOSE_GRACE_MS = 1000;

export interface DataChannelOptions {
  streamUrl: string;
  tokenValue: string;
  sessionId: string;
  /** The SSM target: `ecs:<cluster name>_<task id>_<container runtime id>`; part of the KMS encryption context. */
  targetId: string;
  kms?: KmsDataKeys;
  signal?: AbortSignal;
  clock?: Clock;
  handshakeTimeoutMs?: number;
}

export interface EcsExecSessionEvents {
  data: [Buffer];
  stderr: [Buffer];
  exit: [number | undefined];
  error: [Error];
  close: [];
}

export class EcsExecSession extends EventEmitter<EcsExecSessionEvents> {
  readonly sessionId: string;
  /** True once a KMS handshake set up encryption. */
  encrypted = false;
  kmsKeyId: string | undefined;
  agentVersion: string | undefined;
  sessionType: string | undefined;
  /** The agent's note for the person, e.g. "This session is encrypted using AWS KMS." */
  customerMessage = '';
  /** What the service said when it closed the channel (often empty). */
  closeReason = '';
  private readonly channel: DataChannel;
  private readonly ws: WebSocket;
  private cipher: SessionCipher | undefined;
  private ready = false;
  private pendingInput: Buffer[] = [];
  private pendingSize: { cols: number; rows: number } | undefined;
  private lastSize: { cols: number; rows: number } | undefined;
  private queue: Promise<void> = Promise.resolve();
  private exited = false;
  private ended = false;
  private closing = false;
  private ping: NodeJS.Timeout | undefined;
  private readyWaiters: { resolve(): void; reject(e: Error): void } | undefined;

  constructor(private readonly opts: DataChannelOptions) {
    super();
    this.sessionId = opts.sessionId;
    this.ws = new WebSocket(opts.streamUrl, { perMessageDeflate: false, handshakeTimeout: 15_000 });
    this.channel = new DataChannel(
      (bytes) => {
        if (this.ws.readyState === WebSocket.OPEN) this.ws.send(bytes);
      },
      {
        message: (f) => this.enqueue(f),
        // Behind the queue, so output that came before the close is delivered first.
        closed: (output) => {
          this.queue = this.queue.then(() => {
            this.closeReason = output;
            this.end();
          });
        },
        gaveUp: (seq) => this.end(new EcsExecError('connection-lost', `The agent acknowledged no input for too long (message ${seq} was resent 3,000 times); the session ended.`)),
        invalid: () => undefined, // a corrupt frame is dropped unacknowledged, and the agent sends it again
      },
      opts.clock ?? realClock,
    );
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => {
      // The first message is text: it binds this websocket to the session with the token.
      this.ws.send(JSON.stringify({
        MessageSchemaVersion: '1.0',
        RequestId: randomUUID(),
        TokenValue: opts.tokenValue,
        ClientId: randomUUID(),
        ClientVersion: CLIENT_VERSION,
      }));
      this.ping = setInterval(() => this.ws.ping(), PING_INTERVAL_MS);
      this.ping.unref();
    });
    this.ws.on('message', (data, isBinary) => {
      if (isBinary) this.channel.receive(data as Buffer);
    });
    this.ws.on('error', (e) => this.end(this.closing ? undefined : new EcsExecError('connection-lost', `The ECS Exec connection failed: ${e.message}`)));
    this.ws.on('close', (code) => {
      if (this.closing) this.end();
      else this.end(new EcsExecError('connection-lost', `The ECS Exec connection dropped (websocket code ${code}) before the session ended.`));
    });
  }

  /** Resolves once the handshake is complete (or an agent without handshake sends its first output). */
  whenReady(timeoutMs = HANDSHAKE_TIMEOUT_MS): Promise<void> {
    if (this.ready) return Promise.resolve();
    if (this.ended) return Promise.reject(new EcsExecError('connection-lost', 'The session has ended.'));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyWaiters = undefined;
        const err = new EcsExecError('handshake-timeout', `The agent did not complete the session handshake within ${timeoutMs / 1000} s.`);
        reject(err);
        this.end(err, true);
      }, timeoutMs);
      this.readyWaiters = {
        resolve: () => { clearTimeout(timer); resolve(); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
    });
  }

  /** Keyboard input. Held until the handshake completes (the agent drops input that arrives during it). */
  write(data: string | Uint8Array): void {
    if (this.ended || this.closing) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    for (let i = 0; i < bytes.length; i += INPUT_CHUNK) {
      const chunk = bytes.subarray(i, i + INPUT_CHUNK);
      if (this.ready) this.sendInput(chunk);
      else this.pendingInput.push(chunk);
    }
  }

  /** Terminal size; sent when it changes. */
  resize(cols: number, rows: number): void {
    const size = { cols: Math.max(1, Math.floor(cols)), rows: Math.max(1, Math.floor(rows)) };
    if (!this.ready) {
      this.pendingSize = size;
      return;
    }
    if (this.lastSize && this.lastSize.cols === size.cols && this.lastSize.rows === size.rows) return;
    this.lastSize = size;
    this.channel.send(PayloadType.size, Buffer.from(JSON.stringify(size)));
  }

  /** Ends the remote process: sends the terminate-session flag, then closes the websocket. */
  close(): void {
    if (this.ended || this.closing) return;
    this.closing = true;
    if (this.ws.readyState === WebSocket.OPEN) {
      const flag = Buffer.alloc(4);
      flag.writeUInt32BE(Flag.terminateSession);
      this.channel.send(PayloadType.flag, flag);
      // Give the flag a moment to be acknowledged (or the service to close the channel) before hanging up.
      const deadline = setTimeout(() => this.ws.close(1000), CLOSE_GRACE_MS);
      deadline.unref();
      const poll = setInterval(() => {
        if (this.channel.unacknowledged === 0 || this.ended) {
          clearInterval(poll);
          clearTimeout(deadline);
          if (!this.ended) this.ws.close(1000);
        }
      }, 5);
      poll.unref();
    } else {
      this.ws.terminate();
      this.end();
    }
  }

  /** Ends the session at once with `error` (no terminate flag): for aborts and failures found by the caller. */
  destroy(error: Error): void {
    this.end(error);
  }

  private sendInput(chunk: Buffer): void {
    this.channel.send(PayloadType.output, this.cipher ? this.cipher.encrypt(chunk) : chunk);
  }

  private enqueue(frame: Frame): void {
    // Handshake steps are asynchronous (KMS); a queue keeps every message in sequence order behind them.
    this.queue = this.queue.then(() => this.handle(frame)).catch((e: Error) => this.end(e instanceof EcsExecError ? e : new EcsExecError('protocol', e.message)));
  }

  private async handle(f: Frame): Promise<void> {
    if (this.ended) return;
    switch (f.payloadType) {
      case PayloadType.handshakeRequest: {
        const request = JSON.parse(f.payload.toString('utf8')) as { AgentVersion?: string };
        this.agentVersion = request.AgentVersion;
        const outcome = await answerHandshake(request, { sessionId: this.opts.sessionId, targetId: this.opts.targetId, kms: this.opts.kms, signal: this.opts.signal });
        this.cipher = outcome.cipher;
        this.kmsKeyId = outcome.kmsKeyId;
        this.sessionType = outcome.sessionType;
        this.channel.send(PayloadType.handshakeResponse, Buffer.from(JSON.stringify(outcome.response)));
        if (outcome.failure) throw outcome.failure instanceof EcsExecError ? outcome.failure : new EcsExecError('kms', outcome.failure.message);
        return;
      }
      case PayloadType.encChallengeRequest:
        this.channel.send(PayloadType.encChallengeResponse, answerChallenge(f.payload, this.cipher));
        return;
      case PayloadType.handshakeComplete: {
        const done = JSON.parse(f.payload.toString('utf8')) as { CustomerMessage?: string };
        this.customerMessage = done.CustomerMessage ?? '';
        this.encrypted = this.cipher !== undefined;
        this.becomeReady();
        return;
      }
      case PayloadType.output:
      case PayloadType.stderr:
      case PayloadType.exitCode: {
        const payload = this.cipher ? this.cipher.decrypt(f.payload) : f.payload;
        // An agent too old for the handshake starts with output: that is a shell session.
        if (!this.ready) this.becomeReady();
        if (f.payloadType === PayloadType.output) this.emit('data', payload);
        else if (f.payloadType === PayloadType.stderr) this.emit('stderr', payload);
        else {
          const m = /EXIT_CODE:\s*(-?\d+)/.exec(payload.toString('utf8'));
          this.emitExit(m ? Number(m[1]) : undefined);
        }
        return;
      }
      default:
        return;
    }
  }

  private becomeReady(): void {
    if (this.ready) return;
    this.ready = true;
    if (this.pendingSize) this.resize(this.pendingSize.cols, this.pendingSize.rows);
    const input = this.pendingInput;
    this.pendingInput = [];
    for (const chunk of input) this.sendInput(chunk);
    this.readyWaiters?.resolve();
    this.readyWaiters = undefined;
  }

  private emitExit(code: number | undefined): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', code);
  }

  /** Ends the session once: reports `error` (if any), then `exit` (if not yet), then `close`. */
  private end(error?: Error, silent = false): void {
    if (this.ended) return;
    this.ended = true;
    if (this.ping) clearInterval(this.ping);
    this.channel.dispose();
    this.cipher?.wipe();
    // close() rather than terminate() on an open socket: it sends what is queued first (a failed handshake's
    // response tells the agent why).
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    else if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    if (error) {
      if (this.readyWaiters) {
        this.readyWaiters.reject(error);
        this.readyWaiters = undefined;
      } else if (!silent && this.listenerCount('error') > 0) {
        this.emit('error', error);
      }
    } else {
      this.readyWaiters?.reject(new EcsExecError('closed-by-service',
        `The session ended during its handshake${this.closeReason ? `: ${this.closeReason}` : '.'}`));
      this.readyWaiters = undefined;
    }
    this.emitExit(undefined);
    this.emit('close');
  }
}

/** Opens the data channel of a session that ExecuteCommand (or StartSession) returned; resolves when it is ready. */
export async function openDataChannel(opts: DataChannelOptions): Promise<EcsExecSession> {
  opts.signal?.throwIfAborted();
  const session = new EcsExecSession(opts);
  const onAbort = () => session.destroy(new EcsExecError('aborted', 'Opening the ECS Exec session was cancelled.'));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await session.whenReady(opts.handshakeTimeoutMs);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  return session;
}
