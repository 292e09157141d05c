// Minimal admin access to the test API server for the harness (seeding, RBAC, readiness): client-certificate HTTPS,
// JSON in and out. Tests of Wharf's own Kubernetes access use EKS tokens instead.
import * as fs from 'node:fs';
import * as https from 'node:https';

export interface AdminCreds {
  server: string;
  ca: string;
  cert: string;
  key: string;
}

export async function kubeRequest<T = unknown>(c: AdminCreds, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const url = new URL(path, c.server);
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca: fs.readFileSync(c.ca),
        cert: fs.readFileSync(c.cert),
        key: fs.readFileSync(c.key),
        headers: { accept: 'application/json', ...(data ? { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json', 'content-length': data.length } : {}) },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // plain text (readyz)
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** Creates an object, tolerating "already exists" so seeding can run twice. */
export async function apply(c: AdminCreds, path: string, obj: unknown): Promise<void> {
  const r = await kubeRequest(c, 'POST', path, obj);
  if (r.status >= 300 && r.status !== 409) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
}
