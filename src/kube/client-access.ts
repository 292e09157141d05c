// What a websocket upgrade needs from a KubeClient: its endpoint (server, CA, TLS server name), its tokens with the
// client's shared renewal, and its lifetime. KubeClient keeps these private and its request paths are plain HTTPS,
// so (as log-transport.ts does for streaming GETs) this reaches them through TypeScript's bracket access: a
// compile-time escape only, type-checked here, so a change in KubeClient fails the build rather than the user.
// One place for it, so exec does not repeat the TLS or token logic.
import WebSocket from 'ws';
import type { ClusterEndpoint, KubeClient } from './client';

export interface ClientConnection {
  /** The cluster's display name (for messages). */
  name: string;
  /** The server URL without a trailing slash. */
  server: string;
  endpoint: ClusterEndpoint;
  token(): Promise<string>;
  /** A new token after `stale` was refused (401); concurrent callers with the same stale token share one renewal. */
  renew(stale: string): Promise<string>;
  /** Aborts when the client is disposed (a profile switch): long-lived streams end with it. */
  lifetime: AbortSignal;
}

export function clientConnection(client: KubeClient): ClientConnection {
  const endpoint: ClusterEndpoint = client['endpoint'];
  return {
    name: client.name,
    server: client.server,
    endpoint,
    token: () => client['tokens'].token(),
    renew: (stale) => client['renew'](stale),
    lifetime: client['lifetime'].signal,
  };
}

/**
 * A websocket upgrade to the API server (exec, port-forward) with the client's trust: its CA, its TLS server name
 * (ws hands `servername` to tls.connect; its type omits it) and the EKS token. Frames arrive as Buffers.
 */
export function openKubeWebSocket(conn: ClientConnection, url: URL, token: string, protocols: readonly string[], handshakeTimeout: number): WebSocket {
  const options: WebSocket.ClientOptions & { servername?: string } = {
    ca: conn.endpoint.caPem,
    servername: conn.endpoint.tlsServerName,
    headers: { authorization: `Bearer ${token}`, 'user-agent': 'wharf' },
    perMessageDeflate: false,
    handshakeTimeout,
  };
  const ws = new WebSocket(url, [...protocols], options);
  ws.binaryType = 'nodebuffer';
  return ws;
}
