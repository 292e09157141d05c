// One session on the agent's side: the open-data-channel check, the handshake (with KMS Decrypt and the encryption
// challenge), the command on a pseudo-terminal, output frames with the test knobs, channel_closed at the end.
// See ../ssm-agent.ts for the whole picture.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import type { WebSocket } from 'ws';
import type { AgentSession, AgentStats, CreateSessionInput } from '../ssm-agent';
import { AgentStream, open, pack, seal, unpack, type AgentFrame } from './wire';

export const AGENT_VERSION = '3.3.1142.0';

export class AgentSessionImpl implements AgentSession {
  readonly targetId: string;
  readonly stats: AgentStats = {
    connected: false, encrypted: false, kmsDecrypted: false, challengeVerified: false, handshakeComplete: false,
    inputFrames: 0, maxInputPayload: 0, duplicateInputs: 0, acksDropped: 0, outputFrames: 0, badAckIds: 0, resizes: [], terminateFlag: false,
  };
  private ws: WebSocket | undefined;
  private stream: AgentStream | undefined;
  private child: ChildProcess | undefined;
  private keys: { encrypt: Buffer; decrypt: Buffer } | undefined;
  private challenge: Buffer | undefined;
  private readonly sentIds = new Map<number, string>();
  private held: Buffer | undefined;
  private ackCount = 0;
  private handshakeStart = 0;
  private closed = false;

  constructor(private readonly input: CreateSessionInput, readonly sessionId: string, readonly streamUrl: string, readonly tokenValue: string,
    private readonly kmsConfig: { endpoint?: string; region?: string }) {
    this.targetId = `ecs:${input.cluster}_${input.taskId}_${input.containerRuntimeId}`;
  }

  attach(ws: WebSocket): void {
    if (this.ws) {
      ws.close(1008, 'session already connected');
      return;
    }
    this.ws = ws;
    ws.once('message', (data, isBinary) => {
      // The open-data-channel message: text JSON with the token from ExecuteCommand.
      let open: Record<string, unknown> = {};
      try {
        if (!isBinary) open = JSON.parse(data.toString()) as Record<string, unknown>;
      } catch {
        // falls through to the check
      }
      if (open.MessageSchemaVersion !== '1.0' || open.TokenValue !== this.tokenValue || !open.RequestId || !open.ClientId) {
        this.stats.failure = 'invalid open-data-channel message or token';
        ws.close(1008, 'invalid token');
        return;
      }
      this.stats.connected = true;
      ws.on('message', (raw, bin) => bin && this.onFrame(raw as Buffer));
      this.stream = new AgentStream((bytes, seq) => this.putOutput(bytes, seq), (f) => void this.onInput(f).catch((e: Error) => this.fail(e.message)),
        (f) => this.sendAck(f));
      this.startHandshake();
    });
    ws.on('close', () => this.shutdown());
    ws.on('error', () => this.shutdown());
  }

  drop(): void {
    this.ws?.terminate();
    this.shutdown();
  }

  private onFrame(raw: Buffer): void {
    let f: AgentFrame;
    try {
      f = unpack(raw);
    } catch {
      return; // the client resends it
    }
    if (f.type === 'acknowledge') {
      const ack = JSON.parse(f.payload.toString()) as { AcknowledgedMessageSequenceNumber: number; AcknowledgedMessageId: string };
      const id = this.sentIds.get(ack.AcknowledgedMessageSequenceNumber);
      if (id !== undefined && id !== ack.AcknowledgedMessageId) this.stats.badAckIds++;
      this.stream?.onAck(f.payload);
      return;
    }
    if (f.type !== 'input_stream_data') return;
    this.stats.inputFrames++;
    if (f.payloadType === 1) this.stats.maxInputPayload = Math.max(this.stats.maxInputPayload, f.payload.length);
    if (!this.stream?.onInput(f)) this.stats.duplicateInputs++;
  }

  private sendAck(f: AgentFrame): void {
    const n = this.input.knobs?.dropEveryNthAck;
    if (n && ++this.ackCount % n === 0) {
      this.stats.acksDropped++;
      return;
    }
    this.ws?.send(pack({ type: 'acknowledge', flags: 3, payload: Buffer.from(JSON.stringify({
      AcknowledgedMessageType: f.type, AcknowledgedMessageId: f.id, AcknowledgedMessageSequenceNumber: f.seq, IsSequentialMessage: true,
    })) }));
  }

  /** Every output frame passes here (first sends and resends), so the knobs apply to both. */
  private putOutput(bytes: Buffer, seq: number): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== ws.OPEN) return;
    this.sentIds.set(seq, unpack(bytes).id);
    this.stats.outputFrames++;
    const knobs = this.input.knobs ?? {};
    const emit = (b: Buffer) => {
      ws.send(b);
      if (knobs.duplicate) ws.send(b);
    };
    if (!knobs.reorder) return emit(bytes);
    if (this.held) {
      const first = this.held;
      this.held = undefined;
      emit(bytes);
      emit(first);
    } else {
      this.held = bytes;
      setTimeout(() => {
        if (this.held === bytes) {
          this.held = undefined;
          emit(bytes);
        }
      }, 30);
    }
  }

  private startHandshake(): void {
    this.handshakeStart = Date.now();
    const interactive = this.input.interactive ?? true;
    const actions: unknown[] = [{
      ActionType: 'SessionType',
      ActionParameters: interactive
        ? { SessionType: 'InteractiveCommands', Properties: { commands: this.command(), runAsElevated: true } }
        : { SessionType: 'NonInteractiveCommands', Properties: { commands: this.command(), separateOutPutStream: true, stdoutSeparatorPrefix: '', stderrSeparatorPrefix: '' } },
    }];
    if (this.input.kmsKeyId) actions.push({ ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: this.input.kmsKeyId } });
    this.stats.encrypted = !!this.input.kmsKeyId;
    this.sendJson(5, { AgentVersion: AGENT_VERSION, RequestedClientActions: actions });
  }

  private command(): string {
    return this.input.command ?? '/bin/sh';
  }

  private async onInput(f: AgentFrame): Promise<void> {
    switch (f.payloadType) {
      case 6: return this.onHandshakeResponse(JSON.parse(f.payload.toString()));
      case 9: return this.onChallengeResponse(JSON.parse(f.payload.toString()));
      default:
    }
    if (!this.stats.handshakeComplete) return; // as the agent: stream data during the handshake is ignored
    if (f.payloadType === 1) {
      const data = this.keys ? open(this.keys.decrypt, f.payload) : f.payload;
      if (this.input.knobs?.echoInput) this.sendOutput(1, data);
      else this.toTerminal('i', data);
    } else if (f.payloadType === 3) {
      const size = JSON.parse(f.payload.toString()) as { cols: number; rows: number };
      this.stats.resizes.push(size);
      this.toTerminal('r', Buffer.from(`${size.rows} ${size.cols}`));
    } else if (f.payloadType === 10 && f.payload.length === 4 && f.payload.readUInt32BE(0) === 2) {
      this.stats.terminateFlag = true;
      if (this.child) this.child.kill('SIGTERM');
      else this.closeChannel('');
    }
  }

  private async onHandshakeResponse(r: { ClientVersion?: string; ProcessedClientActions?: { ActionType: string; ActionStatus: number; ActionResult?: { KMSCipherTextKey?: string }; Error?: string }[] }): Promise<void> {
    this.stats.clientVersion = r.ClientVersion;
    for (const a of r.ProcessedClientActions ?? []) {
      if (a.ActionStatus !== 1) return this.fail(`${a.ActionType} failed on client with status ${a.ActionStatus} error: ${a.Error ?? ''}`);
      if (a.ActionType === 'KMSEncryption') {
        const blob = Buffer.from(a.ActionResult?.KMSCipherTextKey ?? '', 'base64');
        const kms = new KMSClient({ ...(this.kmsConfig.endpoint ? { endpoint: this.kmsConfig.endpoint } : {}), ...(this.kmsConfig.region ? { region: this.kmsConfig.region } : {}) });
        try {
          const out = await kms.send(new DecryptCommand({
            CiphertextBlob: blob,
            EncryptionContext: { 'aws:ssm:SessionId': this.sessionId, 'aws:ssm:TargetId': this.targetId },
          }));
          const key = Buffer.from(out.Plaintext ?? new Uint8Array());
          if (key.length !== 64) return this.fail(`data key is ${key.length} bytes, 64 expected`);
          // The agent's halves are the client's the other way round.
          this.keys = { encrypt: key.subarray(0, 32), decrypt: key.subarray(32, 64) };
          this.stats.kmsDecrypted = true;
        } catch (e) {
          return this.fail(`Fetching data key failed: ${(e as Error).message}`);
        } finally {
          kms.destroy();
        }
      }
    }
    if (this.input.kmsKeyId && !this.keys) return this.fail('the client did not process KMSEncryption');
    if (this.keys) {
      this.challenge = randomBytes(64);
      this.sendJson(8, { Challenge: seal(this.keys.encrypt, this.challenge).toString('base64') });
      return;
    }
    this.completeHandshake();
  }

  private onChallengeResponse(r: { Challenge?: string }): void {
    if (!this.keys || !this.challenge) return this.fail('unexpected encryption challenge response');
    let back: Buffer;
    try {
      back = open(this.keys.decrypt, Buffer.from(r.Challenge ?? '', 'base64'));
    } catch (e) {
      return this.fail(`encryption challenge could not be decrypted: ${(e as Error).message}`);
    }
    if (!back.equals(this.challenge)) return this.fail('Encryption challenge does not match!');
    this.stats.challengeVerified = true;
    this.completeHandshake();
  }

  private completeHandshake(): void {
    this.sendJson(7, {
      HandshakeTimeToComplete: (Date.now() - this.handshakeStart) * 1e6, // a Go time.Duration: nanoseconds
      CustomerMessage: this.keys ? 'This session is encrypted using AWS KMS.' : '',
    });
    this.stats.handshakeComplete = true;
    if (!this.input.knobs?.echoInput) this.startCommand();
  }

  private startCommand(): void {
    const interactive = this.input.interactive ?? true;
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', TERM: 'dumb', PS1: '$ ', LANG: 'C.UTF-8' };
    const child = interactive
      ? spawn('python3', ['-B', path.join(__dirname, 'run-on-pty.py'), '24', '80', '/bin/sh', '-c', this.command()], { env, stdio: ['pipe', 'pipe', 'ignore'] })
      : spawn('/bin/sh', ['-c', this.command()], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stdin?.on('error', () => undefined);
    child.stdout?.on('data', (d: Buffer) => this.sendOutput(1, d));
    child.stderr?.on('data', (d: Buffer) => this.sendOutput(11, d));
    child.on('close', (code, signal) => {
      this.child = undefined;
      if (!interactive) this.sendOutput(12, Buffer.from(`EXIT_CODE: ${code ?? (signal ? 137 : 1)}`));
      void this.drainThenClose();
    });
  }

  /** Keystrokes and resizes for the command, in the order they arrived (records for run-on-pty.py). */
  private toTerminal(kind: 'i' | 'r', body: Buffer): void {
    const stdin = this.child?.stdin;
    if (!stdin) return;
    if (!(this.input.interactive ?? true)) {
      if (kind === 'i') stdin.write(body); // no terminal: plain stdin, and no size
      return;
    }
    const head = Buffer.alloc(5);
    head.write(kind, 0, 'ascii');
    head.writeUInt32BE(body.length, 1);
    stdin.write(Buffer.concat([head, body]));
  }

  private sendOutput(payloadType: number, data: Buffer): void {
    for (let i = 0; i < data.length; i += 1024) {
      const chunk = data.subarray(i, i + 1024);
      this.stream?.send(payloadType, this.keys ? seal(this.keys.encrypt, chunk) : chunk);
    }
  }

  /** As the agent's PrepareToCloseChannel: wait (a while) for the client to acknowledge everything. */
  private async drainThenClose(): Promise<void> {
    const deadline = Date.now() + 5000;
    while ((this.stream?.unacked.size ?? 0) > 0 && Date.now() < deadline && !this.closed) await new Promise((r) => setTimeout(r, 10));
    this.closeChannel('');
  }

  private closeChannel(output: string): void {
    if (this.closed || !this.ws) return;
    this.ws.send(pack({ type: 'channel_closed', flags: 3, payload: Buffer.from(JSON.stringify({
      MessageId: randomUUID(), CreatedDate: new Date().toISOString(), DestinationId: this.targetId, SessionId: this.sessionId,
      MessageType: 'channel_closed', SchemaVersion: 1, Output: output,
    })) }));
    this.ws.close(1000);
    this.shutdown();
  }

  private fail(reason: string): void {
    this.stats.failure = reason;
    this.closeChannel(reason);
  }

  private sendJson(payloadType: number, body: unknown): void {
    this.stream?.send(payloadType, Buffer.from(JSON.stringify(body)));
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream?.stop();
    const child = this.child;
    if (child) {
      child.kill('SIGTERM');
      // A shell that ignores SIGTERM/SIGHUP must not keep the test process alive.
      setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 2000).unref();
    }
    this.keys?.encrypt.fill(0);
    this.keys?.decrypt.fill(0);
  }
}
