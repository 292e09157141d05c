// One forwarded connection: a websocket to the API server's pods/portforward for one pod and port, piped both ways
// with a local TCP socket. The websocket upgrade and its credentials are exec's (same CA, TLS server name, bearer
// token, one renewal on 401); the framing is port-forward-protocol.ts. Backpressure holds both ways: a slow local
// reader pauses the websocket, and a slow websocket (more than HIGH_WATER bytes not yet written) pauses the socket.
import type * as net from 'node:net';
import WebSocket from 'ws';
import { openKubeWebSocket, type ClientConnection } from './client-access';
import { KubeError, failureFromError, refusalFrom } from './errors';
import { PORT_FORWARD_PROTOCOLS, PortForwardDecoder, encodeData, errorText } from './port-forward-protocol';

const CONNECT_TIMEOUT_MS = 20_000;
const PING_INTERVAL_MS = 30_000;
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;
/**
 * The protocol cannot tell the pod that the local client stopped sending while still reading (no half-close): after
 * the local side ends, the stream stays open this long for the pod's answer, then closes.
 */
const HALF_CLOSE_LINGER_MS = 30_000;

export interface StreamTarget {
  namespace: string;
  pod: string;
  port: number;
}

/** How a stream ended: cleanly, or with what a person should be told (the kubelet's error text, a drop). */
export type StreamEnd = { ok: true; bytesIn: number; bytesOut: number } | { ok: false; error: KubeError; bytesIn: number; bytesOut: number };

/** Opens the websocket (renewing the token once on 401). Failures are KubeErrors; `forbidden` names the permission. */
export async function openPortForward(conn: ClientConnection, t: StreamTarget, signal: AbortSignal, timeoutMs = CONNECT_TIMEOUT_MS): Promise<WebSocket> {
  const url = new URL(`${conn.server}/api/v1/namespaces/${encodeURIComponent(t.namespace)}/pods/${encodeURIComponent(t.pod)}/portforward`);
  url.protocol = 'wss:';
  url.searchParams.set('ports', String(t.port));
  const token = await conn.token();
  try {
    return await upgrade(conn, url, token, signal, timeoutMs);
  } catch (e) {
    if (!(e instanceof KubeError) || e.failure.kind !== 'unauthorized') throw explain(e, t);
    // An expired EKS token: renew once (shared with the client's other requests) and try again.
    return await upgrade(conn, url, await conn.renew(token), signal, timeoutMs).catch((e2: unknown) => {
      throw explain(e2, t);
    });
  }
}

function upgrade(conn: ClientConnection, url: URL, token: string, signal: AbortSignal, timeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new KubeError({ kind: 'aborted', message: 'cancelled' }));
    const ws = openKubeWebSocket(conn, url, token, PORT_FORWARD_PROTOCOLS, timeoutMs);
    let settled = false;
    // The kubelet's first messages (the port prefixes) can arrive with the upgrade: hold them for pipe().
    const early: Buffer[] = [];
    const hold = (m: Buffer) => early.push(m);
    const settle = (e?: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (e) {
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
        reject(e);
      } else {
        (ws as WebSocket & { early?: Buffer[] }).early = early;
        resolve(ws);
      }
    };
    const onAbort = () => settle(new KubeError({ kind: 'aborted', message: 'cancelled' }));
    signal.addEventListener('abort', onAbort, { once: true });
    ws.on('message', hold);
    ws.once('open', () => {
      ws.removeAllListeners('error');
      ws.removeAllListeners('unexpected-response');
      settle();
    });
    ws.on('unexpected-response', (_req, res) => void refusalFrom(res, 'port-forward').then(settle, settle));
    ws.on('error', (e) => settle(new KubeError(failureFromError(e, conn.name, conn.server), { cause: e })));
  });
}

function explain(e: unknown, t: StreamTarget): unknown {
  if (!(e instanceof KubeError)) return e;
  const f = e.failure;
  if (f.kind === 'forbidden') {
    const who = f.user ? `${f.user} is` : 'You are';
    return new KubeError({ ...f, verb: 'create', resource: 'pods/portforward', namespace: t.namespace, message: `${who} not allowed to forward a port of pod ${t.namespace}/${t.pod}: it needs \`create pods/portforward\` in namespace ${t.namespace} (RBAC), which it lacks. (${f.message})` }, { cause: e });
  }
  if (f.kind === 'not-found') return new KubeError({ ...f, message: `pod ${t.namespace}/${t.pod} is gone (${f.message})` }, { cause: e });
  return e;
}

/**
 * Pipes `sock` and `ws` until either ends; resolves with how it ended. Errors the kubelet wrote on the port's error
 * channel and a websocket that closed without a close frame (a network drop, a dead peer) are failures; the local
 * client hanging up, or the pod's side closing the connection, are not.
 */
export function pipe(sock: net.Socket, ws: WebSocket, t: StreamTarget): Promise<StreamEnd> {
  return new Promise((resolve) => {
    const decoder = new PortForwardDecoder([t.port]);
    let bytesIn = 0;
    let bytesOut = 0;
    let errText = '';
    let protocolError: string | undefined;
    let localGone = false;
    let outstanding = 0;
    let sockPaused = false;
    let pongPending = false;
    let linger: NodeJS.Timeout | undefined;

    const receive = (m: Buffer) => {
      let events;
      try {
        events = decoder.decode(m);
      } catch (e) {
        protocolError = (e as Error).message;
        ws.terminate();
        return;
      }
      for (const ev of events) {
        if (ev.type === 'data') {
          bytesIn += ev.data.length;
          if (!sock.destroyed && !sock.write(ev.data) && !ws.isPaused) {
            ws.pause();
            sock.once('drain', () => ws.resume());
          }
        } else if (ev.type === 'error') errText += ev.text;
      }
    };
    for (const m of (ws as WebSocket & { early?: Buffer[] }).early ?? []) receive(m);
    ws.removeAllListeners('message');
    ws.on('message', (m: Buffer) => receive(m));

    sock.on('data', (d: Buffer) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      bytesOut += d.length;
      for (const f of encodeData(d)) {
        outstanding += f.length;
        ws.send(f, () => {
          outstanding -= f.length;
          if (sockPaused && outstanding < LOW_WATER) {
            sockPaused = false;
            sock.resume();
          }
        });
      }
      if (outstanding > HIGH_WATER && !sockPaused) {
        sockPaused = true;
        sock.pause();
      }
    });
    sock.on('end', () => {
      linger = setTimeout(() => ws.close(1000), HALF_CLOSE_LINGER_MS);
      linger.unref();
    });
    const localEnded = () => {
      localGone = true;
      if (ws.readyState === WebSocket.OPEN) ws.close(1000);
      else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    };
    sock.on('error', localEnded);
    sock.on('close', localEnded);

    // A dead peer (a laptop that slept, a NAT that forgot us) shows as a missed pong: end the stream, reported.
    const ping = setInterval(() => {
      if (pongPending) return ws.terminate();
      pongPending = true;
      ws.ping();
    }, PING_INTERVAL_MS);
    ping.unref();
    ws.on('pong', () => (pongPending = false));
    ws.on('error', () => undefined);
    ws.on('close', (code: number) => {
      clearInterval(ping);
      clearTimeout(linger);
      if (!sock.destroyed) sock.end();
      const where = `port ${t.port} of pod ${t.namespace}/${t.pod}`;
      let error: KubeError | undefined;
      if (errText.trim()) error = new KubeError({ kind: 'server', message: `${where}: ${errorText(errText)}` });
      else if (protocolError) error = new KubeError({ kind: 'server', message: `${where}: ${protocolError}` });
      else if (!localGone && code !== 1000 && code !== 1005) error = new KubeError({ kind: 'unreachable', message: `The stream to ${where} dropped (websocket code ${code}); the local connection was closed.` });
      else if (!localGone && !decoder.ready()) error = new KubeError({ kind: 'server', message: `${where}: the stream closed before the kubelet started forwarding.` });
      resolve(error ? { ok: false, error, bytesIn, bytesOut } : { ok: true, bytesIn, bytesOut });
    });
    sock.resume();
  });
}
