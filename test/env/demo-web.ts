// The web server behind the demo's web pods. kwok runs no containers, so its ClusterPortForward configuration
// (kwok.ts) sends a port-forward of any pod's WEB_POD_PORT to this server on loopback: a forward through the real
// API server and kwok answers with this page, which tests and the demo recognise by DEMO_WEB_MARKER.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The container port the demo's web pods declare (shop/storefront's `containerPort`), forwarded here by kwok. */
export const WEB_POD_PORT = 8080;
/** A string only this server's page holds. */
export const DEMO_WEB_MARKER = 'Wharf demo storefront';

export interface DemoWeb {
  port: number;
  /** Requests served so far. */
  served(): number;
  close(): Promise<void>;
}

const page = (n: number) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${DEMO_WEB_MARKER}</title></head>
<body style="font-family: sans-serif; margin: 3em">
<h1>${DEMO_WEB_MARKER}</h1>
<p>Served through a Kubernetes port-forward: the local API server, then kwok (the fake kubelet), then this page.</p>
<p>Request ${n}.</p>
</body></html>
`;

export async function startDemoWeb(): Promise<DemoWeb> {
  let n = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    n++;
    if (req.url === '/healthz') return void res.end('ok\n');
    // A large body, to see backpressure hold: /bytes?n=1048576.
    const bytes = /^\/bytes\?n=(\d+)$/.exec(req.url ?? '');
    if (bytes) {
      const size = Math.min(Number(bytes[1]), 64 * 1024 * 1024);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let left = size;
      const write = () => {
        while (left > 0) {
          const part = chunk.subarray(0, Math.min(left, chunk.length));
          left -= part.length;
          if (!res.write(part)) return void res.once('drain', write);
        }
        res.end();
      };
      return write();
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(n));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    served: () => n,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
