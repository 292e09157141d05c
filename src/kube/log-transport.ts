// How log streams open their GET: through KubeClient.stream (its keep-alive TLS agent, CA, TLS server name, EKS
// token with one renewal on 401, no idle bound and no deadline: a quiet log is not a dead one). A function type, so
// the log streams' tests can hand in a transport that drops connections on cue.
import type { IncomingMessage } from 'node:http';
import type { KubeClient } from './client';

/** Opens a GET and resolves with a 2xx response whose body the caller reads; a non-2xx becomes a KubeError. */
export type StreamOpener = (path: string, query: Record<string, string | undefined>, signal: AbortSignal) => Promise<IncomingMessage>;

export function streamOpener(client: KubeClient): StreamOpener {
  return (path, query, signal) => client.stream(path, query, signal);
}
