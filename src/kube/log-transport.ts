// A streaming GET on a KubeClient's own transport (its keep-alive TLS agent, CA, TLS server name, EKS token with
// one renewal on 401), for pod logs: KubeClient's public request() buffers the whole body and its private open()
// bounds every exchange by an idle timeout and a deadline, both wrong for a followed log that may stay silent for
// hours. Until KubeClient exposes a streaming GET, this reaches its private withToken()/open() through TypeScript's
// bracket access (a compile-time escape only: the methods are ordinary at run time, and their signatures are
// checked here, so a change to them fails the build, not the user).
import type { IncomingMessage } from 'node:http';
import { KubeError, type KubeClient } from './client';
import { failureFromStatus } from './errors';

/** Opens a GET and resolves with a 2xx response whose body the caller reads; a non-2xx becomes a KubeError. */
export type StreamOpener = (path: string, query: Record<string, string | undefined>, signal: AbortSignal) => Promise<IncomingMessage>;

// Node's setTimeout limit (~24.8 days): the deadline of a followed stream is "never", in practice.
const NO_DEADLINE_MS = 2 ** 31 - 1;

export function streamOpener(client: KubeClient): StreamOpener {
  return (path, query, signal) =>
    client['withToken'](signal, async (token, sig) => {
      // idleMs 0: no idle bound. A quiet log is not a dead one; a dead TCP peer is found by the agent's keep-alive.
      const res = await client['open']('GET', path, query, token, sig, { contentType: 'application/json', idleMs: 0, deadlineMs: NO_DEADLINE_MS, gzip: false });
      const status = res.statusCode ?? 0;
      if (status >= 300) {
        const text = await new Promise<string>((resolve) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // a proxy's text
        }
        throw new KubeError(failureFromStatus(status, body, `GET ${path}`));
      }
      return res;
    });
}
