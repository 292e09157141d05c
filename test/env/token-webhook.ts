// The test API server's authenticator for EKS tokens: a TokenReview webhook that checks a token the way
// aws-iam-authenticator (the EKS control plane's authenticator) does before asking STS, and then, instead of calling
// STS, recomputes the SigV4 signature with the known test credentials. A wrong cluster, a tampered or expired URL,
// a foreign host or an extra parameter are all rejected.
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

export const TOKEN_PREFIX = 'k8s-aws-v1.';
const MAX_TOKEN_BYTES = 4096;
const VALID_MS = 15 * 60_000;
const ALLOWED_PARAMS = new Set(['Action', 'Version', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-Security-Token', 'X-Amz-Signature', 'X-Amz-SignedHeaders']);
const HOST = /^sts(\.[a-z]{2}(-gov)?-[a-z]+-\d)?\.amazonaws\.com(\.cn)?$/;

export interface TestPrincipal {
  secretAccessKey: string;
  /** The IAM ARN STS would return; the Kubernetes username, as EKS access entries map it. */
  arn: string;
  groups: string[];
}

export interface Verdict {
  ok: boolean;
  reason?: string;
  username?: string;
  groups?: string[];
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

export async function verifyToken(token: string, clusterName: string, principals: ReadonlyMap<string, TestPrincipal>, now = new Date()): Promise<Verdict> {
  if (!token.startsWith(TOKEN_PREFIX)) return { ok: false, reason: 'no k8s-aws-v1. prefix' };
  if (token.length > MAX_TOKEN_BYTES) return { ok: false, reason: 'token too long' };
  let url: URL;
  try {
    url = new URL(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.port !== '' || !HOST.test(url.hostname)) return { ok: false, reason: `unexpected endpoint ${url.origin}${url.pathname}` };
  const q = url.searchParams;
  for (const k of q.keys()) if (!ALLOWED_PARAMS.has(k)) return { ok: false, reason: `parameter ${k} is not allowed` };
  if (q.get('Action') !== 'GetCallerIdentity' || q.get('Version') !== '2011-06-15') return { ok: false, reason: 'not GetCallerIdentity' };
  const signedHeaders = (q.get('X-Amz-SignedHeaders') ?? '').split(';');
  if (!signedHeaders.includes('x-k8s-aws-id')) return { ok: false, reason: 'x-k8s-aws-id is not signed' };
  const date = parseAmzDate(q.get('X-Amz-Date') ?? '');
  if (!date) return { ok: false, reason: 'bad X-Amz-Date' };
  if (now.getTime() - date.getTime() > VALID_MS) return { ok: false, reason: 'token expired' };
  if (date.getTime() - now.getTime() > 5 * 60_000) return { ok: false, reason: 'token from the future' };
  const [accessKeyId, , region, service] = (q.get('X-Amz-Credential') ?? '').split('/');
  const principal = principals.get(accessKeyId);
  if (!principal || service !== 'sts') return { ok: false, reason: 'unknown access key' };
  // What STS does: sign the same request with the caller's secret, the verifier's cluster name as x-k8s-aws-id.
  const signer = new SignatureV4({
    service: 'sts',
    region,
    sha256: Hash.bind(null, 'sha256'),
    credentials: { accessKeyId, secretAccessKey: principal.secretAccessKey, ...(q.get('X-Amz-Security-Token') ? { sessionToken: q.get('X-Amz-Security-Token')! } : {}) },
  });
  const expected = await signer.presign(
    { method: 'GET', protocol: 'https:', hostname: url.hostname, path: '/', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, headers: { host: url.hostname, 'x-k8s-aws-id': clusterName } },
    { expiresIn: Number(q.get('X-Amz-Expires') ?? '60'), signingDate: date },
  );
  if (expected.query?.['X-Amz-Signature'] !== q.get('X-Amz-Signature')) return { ok: false, reason: 'signature does not match (wrong cluster, secret or tampered URL)' };
  return { ok: true, username: principal.arn, groups: principal.groups };
}

export interface TokenWebhook {
  url: string;
  /** Every verdict, for tests that want to know why a token was refused. */
  log: Verdict[];
  close(): Promise<void>;
}

export async function startTokenWebhook(opts: { cert: string; key: string; clusterName: string; principals: ReadonlyMap<string, TestPrincipal> }): Promise<TokenWebhook> {
  const log: Verdict[] = [];
  const server = https.createServer({ cert: fs.readFileSync(opts.cert), key: fs.readFileSync(opts.key) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let review: { apiVersion?: string; spec?: { token?: string } } = {};
        try {
          review = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          res.writeHead(400).end();
          return;
        }
        const verdict = await verifyToken(review.spec?.token ?? '', opts.clusterName, opts.principals).catch((e: Error) => ({ ok: false, reason: e.message }) as Verdict);
        log.push(verdict);
        const status = verdict.ok
          ? { authenticated: true, user: { username: verdict.username, uid: `aws-iam-authenticator:${verdict.username}`, groups: verdict.groups } }
          : { authenticated: false, error: verdict.reason };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ apiVersion: review.apiVersion ?? 'authentication.k8s.io/v1', kind: 'TokenReview', status }));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `https://127.0.0.1:${port}/authenticate`, log, close: () => new Promise((r) => server.close(() => r())) };
}
