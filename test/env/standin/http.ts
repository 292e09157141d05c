// Wire helpers shared by the stand-in's services: bodies, the three error shapes AWS uses (REST-JSON with
// x-amzn-errortype, JSON 1.1 with __type, and query XML), forwarding to moto, and paging tokens.
import * as http from 'node:http';
import { randomUUID } from 'node:crypto';

export interface Incoming {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  method: string;
  url: URL;
  body: Buffer;
  /** From the SigV4 credential scope (Authorization header or presigned query); undefined when unsigned. */
  scope?: { accessKeyId: string; region: string; service: string };
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `Credential=AKID/20260101/us-east-1/eks/aws4_request` from the Authorization header or a presigned URL. */
export function credentialScope(req: http.IncomingMessage, url: URL): Incoming['scope'] {
  const m = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '')
    ?? /^([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request$/.exec(url.searchParams.get('X-Amz-Credential') ?? '');
  return m ? { accessKeyId: m[1], region: m[2], service: m[3] } : undefined;
}

export function requestId(): string {
  return randomUUID();
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, contentType = 'application/json', extra: Record<string, string> = {}): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': contentType, 'content-length': data.length, 'x-amzn-requestid': requestId(), ...extra });
  res.end(data);
}

/** A REST-JSON error (EKS, SSO, SSO-OIDC): the type in x-amzn-errortype, members in the body. */
export function restJsonError(res: http.ServerResponse, status: number, type: string, members: Record<string, unknown>): void {
  sendJson(res, status, members, 'application/json', { 'x-amzn-errortype': type });
}

/** A JSON 1.1 error (ECS): `__type` in the body. */
export function awsJsonError(res: http.ServerResponse, type: string, message: string, status = 400): void {
  sendJson(res, status, { __type: type, message }, 'application/x-amz-json-1.1');
}

export function sendXml(res: http.ServerResponse, status: number, xml: string): void {
  const data = Buffer.from(xml);
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': data.length, 'x-amzn-requestid': requestId() });
  res.end(data);
}

export const xmlEscape = (s: string): string => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** A thrown ApiError becomes the service's own error shape in the router. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly type: string, message: string, readonly members: Record<string, unknown> = {}) {
    super(message);
  }
}

export interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Sends a request to moto as it came (method, path, headers, body) and returns the whole answer. */
export function forward(moto: URL, method: string, path: string, headers: http.IncomingHttpHeaders, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    delete h['content-length'];
    delete h['transfer-encoding'];
    if (body.length || !['GET', 'HEAD'].includes(method)) h['content-length'] = String(body.length);
    const r = http.request({ host: moto.hostname, port: moto.port, method, path, headers: h, agent }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => resolve({ status: up.statusCode ?? 502, headers: up.headers, rawHeaders: up.rawHeaders, body: Buffer.concat(chunks) }));
      up.on('error', reject);
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** Relays moto's answer unchanged, apart from the framing headers Node sets itself. */
export function relay(res: http.ServerResponse, up: Upstream): void {
  const headers: string[] = [];
  for (let i = 0; i < up.rawHeaders.length; i += 2) {
    const k = up.rawHeaders[i].toLowerCase();
    if (k === 'content-length' || k === 'transfer-encoding' || k === 'connection') continue;
    headers.push(up.rawHeaders[i], up.rawHeaders[i + 1]);
  }
  headers.push('content-length', String(up.body.length));
  res.writeHead(up.status, headers);
  res.end(up.body);
}

/** moto's answer with a JSON body rewritten (lengths recomputed); other headers kept. */
export function relayJson(res: http.ServerResponse, up: Upstream, body: unknown): void {
  relay(res, { ...up, body: Buffer.from(JSON.stringify(body)) });
}

/**
 * Paging as the AWS APIs do it: at most maxResults items (1..max, else the service's validation error), and an
 * opaque nextToken that only this listing accepts. `invalid` builds the service's own error.
 */
export function paginate<T>(items: T[], maxResults: number | undefined, nextToken: string | undefined, opts: { max?: number; def?: number; invalid: (message: string) => Error }): { items: T[]; nextToken?: string } {
  const max = opts.max ?? 100;
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > max)) {
    throw opts.invalid(`maxResults must be between 1 and ${max}`);
  }
  let start = 0;
  if (nextToken) {
    const decoded = /^wharf-page:(\d+)$/.exec(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!decoded) throw opts.invalid('The nextToken provided is invalid.');
    start = Number(decoded[1]);
  }
  const size = maxResults ?? opts.def ?? max;
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return { items: page, nextToken: end < items.length ? Buffer.from(`wharf-page:${end}`).toString('base64url') : undefined };
}

export function numberParam(v: string | null | undefined): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isNaN(n) ? -1 : n;
}

export const epochSeconds = (ms: number): number => Math.round(ms) / 1000;
