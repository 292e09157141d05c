// The agent side of ECS Exec for the test environment: what the SSM agent in a container and the Session Manager
// service (MGS) do together, on a loopback websocket. moto has no ExecuteCommand and no data channel; the local AWS
// stand-in answers ecs:ExecuteCommand with `createSession(...)` below, and the client then talks to this server
// exactly as it would to wss://ssmmessages.<region>.amazonaws.com.
//
// Faithful to the protocol from the agent's side: it checks the open-data-channel message and its token, sends
// HandshakeRequest (SessionType, and KMSEncryption when the session has a KMS key), opens the client's data key with
// KMS Decrypt under the session's encryption context (moto's real KMS: a wrong context fails), runs the encryption
// challenge, sends HandshakeComplete, then runs the command on a pseudo-terminal (python3's pty module; test/env/
// ssm-agent/run-on-pty.py, keystrokes and resizes kept in order) with output as numbered output_stream_data, resends until acknowledged, input in order.
// Interactive sessions, like the real agent's, send no exit code (payload 12); NonInteractiveCommands sessions with
// separate output streams send stderr as payload 11 and "EXIT_CODE: n" as payload 12. When the command ends, the
// channel is closed with channel_closed, as the service does after the agent reports the session terminating.
//
// Test knobs per session: reorder output frames (pairs swapped), duplicate them, drop some acknowledgements, and
// `drop()` the connection without a close frame.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { AgentSessionImpl } from './ssm-agent/session';

export { AGENT_VERSION } from './ssm-agent/session';

export interface AgentKnobs {
  /** Swap output frames in pairs (each held until the next one goes, or 30 ms). */
  reorder?: boolean;
  /** Send every output frame twice. */
  duplicate?: boolean;
  /** Drop every Nth acknowledgement the agent owes the client (2: every other one), so the client must resend. */
  dropEveryNthAck?: number;
  /** No command: input comes straight back as output (framed, numbered, encrypted as usual). For the benchmark. */
  echoInput?: boolean;
}

export interface CreateSessionInput {
  cluster: string;
  taskId: string;
  containerRuntimeId: string;
  /** The cluster's executeCommandConfiguration.kmsKeyId: the session is then KMS-encrypted. */
  kmsKeyId?: string;
  /** The command ExecuteCommand was given (run with /bin/sh -c). */
  command?: string;
  interactive?: boolean;
  knobs?: AgentKnobs;
}

export interface CreatedSession {
  sessionId: string;
  streamUrl: string;
  tokenValue: string;
}

export interface AgentStats {
  connected: boolean;
  encrypted: boolean;
  kmsDecrypted: boolean;
  challengeVerified: boolean;
  handshakeComplete: boolean;
  inputFrames: number;
  /** The largest input payload seen (bytes on the wire, after encryption when the session is encrypted). */
  maxInputPayload: number;
  duplicateInputs: number;
  acksDropped: number;
  outputFrames: number;
  /** Acknowledgements whose message id did not match the frame they acknowledge. */
  badAckIds: number;
  resizes: { cols: number; rows: number }[];
  terminateFlag: boolean;
  clientVersion?: string;
  failure?: string;
}

export interface AgentSession extends CreatedSession {
  readonly targetId: string;
  readonly stats: AgentStats;
  /** Cuts the connection without a close frame, as a network failure would. */
  drop(): void;
}

const sessions = new Map<string, AgentSessionImpl>();
/** Where the agent's KMS Decrypt goes: by default the SDK's own resolution (AWS_ENDPOINT_URL, i.e. moto). */
let kmsConfig: { endpoint?: string; region?: string } = {};

/** For a host process whose AWS_ENDPOINT_URL is not moto (the stand-in itself): point KMS Decrypt at moto. */
export function configureAgent(config: { kmsEndpoint?: string; region?: string }): void {
  kmsConfig = { endpoint: config.kmsEndpoint, region: config.region };
}
let server: { wss: WebSocketServer; port: number } | undefined;
let starting: Promise<{ wss: WebSocketServer; port: number }> | undefined;

async function ensureServer(): Promise<{ wss: WebSocketServer; port: number }> {
  if (server) return server;
  starting ??= new Promise((resolve, reject) => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    wss.once('error', reject);
    wss.once('listening', () => {
      server = { wss, port: (wss.address() as AddressInfo).port };
      resolve(server);
    });
    wss.on('connection', (ws, req) => {
      const m = /^\/v1\/data-channel\/([^/?]+)/.exec(req.url ?? '');
      const s = m ? sessions.get(decodeURIComponent(m[1])) : undefined;
      if (!s) ws.close(1008, 'unknown session');
      else s.attach(ws);
    });
  });
  return starting;
}

/** Serves ecs:ExecuteCommand's `session` for a task container; the stand-in calls this. */
export async function createSession(input: CreateSessionInput): Promise<CreatedSession> {
  const { port } = await ensureServer();
  const sessionId = `ecs-execute-command-${randomBytes(9).toString('hex')}`;
  const s = new AgentSessionImpl(input, sessionId, `ws://127.0.0.1:${port}/v1/data-channel/${sessionId}?role=publish_subscribe`,
    randomBytes(48).toString('base64'), kmsConfig);
  sessions.set(sessionId, s);
  return { sessionId, streamUrl: s.streamUrl, tokenValue: s.tokenValue };
}

/** The agent-side view of a session, for tests' assertions and knobs. */
export function agentSession(sessionId: string): AgentSession | undefined {
  return sessions.get(sessionId);
}

export async function stopAgent(): Promise<void> {
  for (const s of sessions.values()) s.drop();
  sessions.clear();
  const srv = server;
  server = undefined;
  starting = undefined;
  if (srv) await new Promise<void>((r) => srv.wss.close(() => r()));
}

