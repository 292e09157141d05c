// The test API server's authenticator for EKS tokens: a TokenReview webhook that checks a token the way
// aws-iam-authenticator (the EKS control plane's authenticator) does before it asks STS, and then, instead of calling
// STS, verifies the SigV4 signature itself with the known test credentials, as STS would. The signature check is
// written here from the SigV4 specification with node:crypto rather than with the SDK signer that Wharf's token code
// uses, so a shared bug in that signer cannot make both sides agree.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

export const TOKEN_PREFIX = 'k8s-aws-v1.';
const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
const MAX_TOKEN_BYTES = 4096;
/** STS honours a presigned GetCallerIdentity URL for 15 minutes after X-Amz-Date, whatever X-Amz-Expires says. */
const VALID_MS = 15 * 60_000;
/** STS refuses requests signed further than this in the future (clock skew). */
const MAX_SKEW_MS = 5 * 60_000;
// aws-iam-authenticator compares parameter names case-insensitively against this list.
const ALLOWED_PARAMS = new Set(['action', 'version', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-expires', 'x-amz-security-token', 'x-amz-signature', 'x-amz-signedheaders']);
// The STS hosts of the aws, aws-cn and aws-us-gov partitions: global, regional and FIPS endpoints.
const HOST = /^sts(-fips)?(\.(?<region>[a-z]{2}(-gov)?-[a-z]+-\d))?\.amazonaws\.com(?<cn>\.cn)?$/;
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export interface TestPrincipal {
  secretAccessKey: string;
  /** The IAM ARN STS would return; the Kubernetes username, as EKS access entries map it. */
  arn: string;
  /** Kubernetes groups, as an access entry's kubernetesGroups. */
  groups: string[];
}

export interface Verdict {
  ok: boolean;
  reason?: string;
  username?: string;
  groups?: string[];
}

const reject = (reason: string): Verdict => ({ ok: false, reason });

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

/** SigV4's URI encoding: every byte but the RFC 3986 unreserved characters, upper-case hex. */
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The signature STS computes for a presigned GET of `https://host/?params` with the given signed header values. */
export function sigV4PresignedSignature(host: string, params: [string, string][], headers: Record<string, string>, secretAccessKey: string, region: string): string {
  const get = (k: string) => params.find(([n]) => n.toLowerCase() === k)?.[1] ?? '';
  const amzDate = get('x-amz-date');
  const day = amzDate.slice(0, 8);
  const signedHeaders = get('x-amz-signedheaders');
  const canonicalQuery = params
    .filter(([k]) => k.toLowerCase() !== 'x-amz-signature')
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const all: Record<string, string> = { host, ...headers };
  const canonicalHeaders = signedHeaders.split(';').map((h) => `${h}:${(all[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = ['GET', '/', canonicalQuery, canonicalHeaders, signedHeaders, EMPTY_SHA256].join('\n');
  const scope = `${day}/${region}/sts/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), 'sts'), 'aws4_request');
  return hmac(key, stringToSign).toString('hex');
}

/** Decodes and checks a token as aws-iam-authenticator's Verify does, then checks its signature as STS would. */
export function verifyToken(token: string, clusterName: string, principals: ReadonlyMap<string, TestPrincipal>, now = new Date()): Verdict {
  if (token.length > MAX_TOKEN_BYTES) return reject('token is too large');
  if (!token.startsWith(TOKEN_PREFIX)) return reject(`token is missing the ${TOKEN_PREFIX} prefix`);
  const b64 = token.slice(TOKEN_PREFIX.length);
  // Go's RawURLEncoding is strict; Buffer.from(..., 'base64url') would skip stray characters and padding.
  if (!/^[A-Za-z0-9_-]*$/.test(b64) || b64.length % 4 === 1) return reject('token is not unpadded base64url');
  const raw = Buffer.from(b64, 'base64url').toString('utf8');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return reject('token is not a URL');
  }
  if (url.protocol !== 'https:') return reject(`unexpected scheme ${url.protocol}`);
  // WHATWG URL lower-cases the host; the authenticator compares it as written, so read it from the raw text too.
  if (url.username || url.password || url.port || !raw.startsWith(`https://${url.hostname}/`)) return reject('unexpected host in pre-signed URL');
  const host = HOST.exec(url.hostname);
  // China's Regions (and only they) live under amazonaws.com.cn, which has no global endpoint.
  if (!host || Boolean(host.groups?.cn) !== Boolean(host.groups?.region?.startsWith('cn-'))) return reject(`unexpected hostname ${url.hostname} in pre-signed URL`);
  if (url.pathname !== '/') return reject('unexpected path in pre-signed URL');

  const params = [...url.searchParams.entries()];
  const lower = new Map<string, string>();
  for (const [k, v] of params) {
    if (!ALLOWED_PARAMS.has(k.toLowerCase())) return reject(`non-allow-listed query parameter ${k}`);
    if (lower.has(k.toLowerCase())) return reject('query parameter with multiple values');
    lower.set(k.toLowerCase(), v);
  }
  if (lower.get('action') !== 'GetCallerIdentity') return reject('unexpected action parameter');
  if (!(lower.get('x-amz-signedheaders') ?? '').split(';').some((h) => h.toLowerCase() === CLUSTER_ID_HEADER)) return reject(`${CLUSTER_ID_HEADER} is not signed`);
  const expires = Number(lower.get('x-amz-expires'));
  if (!Number.isInteger(expires) || expires < 0 || expires > 900) return reject('invalid X-Amz-Expires');
  const date = parseAmzDate(lower.get('x-amz-date') ?? '');
  if (!date) return reject('bad or missing X-Amz-Date');
  if (now.getTime() > date.getTime() + VALID_MS) return reject('X-Amz-Date is expired (15 minute expiration)');

  // From here on, what STS itself checks before it answers GetCallerIdentity.
  if (date.getTime() - now.getTime() > MAX_SKEW_MS) return reject('signature not yet current');
  if (lower.get('version') !== '2011-06-15' || lower.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') return reject('unsupported version or algorithm');
  const [accessKeyId, day, region, service, terminator, ...rest] = (lower.get('x-amz-credential') ?? '').split('/');
  if (rest.length || service !== 'sts' || terminator !== 'aws4_request' || day !== lower.get('x-amz-date')!.slice(0, 8)) return reject('malformed credential scope');
  // The global endpoint takes signatures scoped to us-east-1; a regional one, to its own Region.
  const hostRegion = host.groups?.region ?? 'us-east-1';
  if (region !== hostRegion) return reject(`credential scope ${region} does not match ${url.hostname}`);
  const principal = principals.get(accessKeyId);
  if (!principal) return reject('the security token included in the request is invalid (unknown access key)');
  // The authenticator forwards the URL with x-k8s-aws-id set to its own cluster name, so a token presigned for
  // another cluster fails here, as do a wrong secret and any edit to the URL.
  const expected = sigV4PresignedSignature(url.hostname, params, { [CLUSTER_ID_HEADER]: clusterName }, principal.secretAccessKey, region);
  const given = Buffer.from(lower.get('x-amz-signature') ?? '', 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) return reject('signature does not match');
  return { ok: true, username: principal.arn, groups: principal.groups };
}

export interface TokenWebhook {
  /** The webhook URL for one cluster: the path carries the cluster name the tokens must be presigned for. */
  urlFor(clusterName: string): string;
  /** Every verdict (never a token), for tests that want to know why a token was refused. */
  log: (Verdict & { cluster: string })[];
  close(): Promise<void>;
}

/** One HTTPS TokenReview endpoint on loopback for any number of clusters (POST /<cluster name>). */
export async function startTokenWebhook(opts: { cert: string; key: string; principals: ReadonlyMap<string, TestPrincipal> }): Promise<TokenWebhook> {
  const log: TokenWebhook['log'] = [];
  const server = https.createServer({ cert: fs.readFileSync(opts.cert), key: fs.readFileSync(opts.key) }, (req, res) => {
    const cluster = decodeURIComponent(new URL(req.url ?? '/', 'https://webhook').pathname.slice(1));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let review: { apiVersion?: string; spec?: { token?: string } };
      try {
        review = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof review;
      } catch {
        res.writeHead(400).end();
        return;
      }
      const verdict = cluster ? verifyToken(review.spec?.token ?? '', cluster, opts.principals) : reject('no cluster in the webhook path');
      log.push({ ...verdict, cluster });
      const status = verdict.ok
        ? { authenticated: true, user: { username: verdict.username, uid: `aws-iam-authenticator:${verdict.username}`, groups: verdict.groups } }
        : { authenticated: false, error: verdict.reason };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ apiVersion: review.apiVersion ?? 'authentication.k8s.io/v1', kind: 'TokenReview', status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    urlFor: (clusterName) => `https://127.0.0.1:${port}/${encodeURIComponent(clusterName)}`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
