// KubeClient's HTTP behaviour against a local HTTPS server that plays the API server's part with scripted answers
// (401s, 410s, silence, split watch chunks) that a real API server cannot be made to give on cue. The same client
// against a real kube-apiserver: test/integration/kube-client.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, beforeEach, describe, it } from 'node:test';
import { KubeClient, type TokenSource } from '../../../src/kube/client';
import { KubeError, isExpiredContinue } from '../../../src/kube/errors';
import type { KubeFailure, WatchEvent } from '../../../src/kube/model';
import { RESOURCES } from '../../../src/kube/resources';
import { makePki } from '../../env/certs';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: https.Server;
let url: string;
let ca: string;
let handler: Handler;
const seen: { path: string; auth?: string }[] = [];

class Tokens implements TokenSource {
  n = 0;
  renewals = 0;
  async token() {
    return `tok-${this.n}`;
  }
  async renew() {
    this.renewals++;
    await new Promise((r) => setTimeout(r, 10));
    return `tok-${++this.n}`;
  }
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const status = (code: number, reason: string, message: string) => ({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });

async function failure(p: Promise<unknown>): Promise<KubeFailure> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof KubeError, `expected a KubeError, got ${String(e)}`);
    return e.failure;
  }
  assert.fail('expected a failure');
}

describe('KubeClient (HTTP behaviour)', () => {
  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-kube-client-'));
    const pki = makePki(dir);
    ca = fs.readFileSync(pki.caCert, 'utf8');
    server = https.createServer({ cert: fs.readFileSync(pki.serverCert), key: fs.readFileSync(pki.serverKey) }, (req, res) => {
      seen.push({ path: req.url ?? '', auth: req.headers.authorization });
      handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('lists a page: bearer token, limit and continue, next token, resourceVersion, apiVersion/kind restored, gzip', async () => {
    handler = (req, res) => {
      const q = new URL(req.url!, 'https://x').searchParams;
      assert.equal(q.get('limit'), '500');
      assert.equal(q.get('labelSelector'), 'app=web');
      const body = { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '1234', continue: q.get('continue') ? '' : 'next-1', remainingItemCount: 3 }, items: [{ metadata: { name: 'a', namespace: 'shop' } }] };
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify(body)));
    };
    const c = new KubeClient('test', { server: url, caPem: ca }, new Tokens());
    const p1 = await c.list(RESOURCES.pods, { namespace: 'shop', limit: 500, labelSelector: 'app=web' });
    assert.deepEqual(p1, { items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'shop' } }], next: 'next-1', resourceVersion: '1234', remaining: 3 });
    const p2 = await c.list(RESOURCES.pods, { namespace: 'shop', limit: 500, labelSelector: 'app=web', continue: p1.next });
    assert.equal(p2.next, undefined);
    assert.equal(seen[0].auth, 'Bearer tok-0');
    assert.match(seen[0].path, /^\/api\/v1\/namespaces\/shop\/pods\?/);
    assert.match(seen[1].path, /continue=next-1/);
    c.dispose();
  });

  it('a 401 renews the token once and retries', async () => {
    handler = (req, res) => (req.headers.authorization === 'Bearer tok-0' ? json(res, 401, status(401, 'Unauthorized', 'Unauthorized')) : json(res, 200, { gitVersion: 'v1.31.2', major: '1', minor: '31' }));
    const tokens = new Tokens();
    const c = new KubeClient('test', { server: url, caPem: ca }, tokens);
    assert.equal((await c.version()).gitVersion, 'v1.31.2');
    assert.equal(tokens.renewals, 1);
    assert.deepEqual(seen.map((s) => s.auth), ['Bearer tok-0', 'Bearer tok-1']);
    c.dispose();
  });

  it('a second 401 is KubeError unauthorized; concurrent 401s share one renewal', async () => {
    handler = (_req, res) => json(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
    const tokens = new Tokens();
    const c = new KubeClient('test', { server: url, caPem: ca }, tokens);
    const fails = await Promise.all([failure(c.version()), failure(c.list(RESOURCES.nodes)), failure(c.get(RESOURCES.pods, 'a', 'shop'))]);
    for (const f of fails) {
      assert.equal(f.kind, 'unauthorized');
      assert.equal(f.status, 401);
    }
    assert.equal(tokens.renewals, 1);
    assert.equal(seen.length, 6);
    c.dispose();
  });

  it('maps a 403 with who, verb, resource and namespace; a 404; a 410 Expired continue token', async () => {
    const c = new KubeClient('test', { server: url, caPem: ca }, new Tokens());
    handler = (_req, res) => json(res, 403, status(403, 'Forbidden', 'secrets is forbidden: User "arn:aws:iam::123456789012:user/wharf-viewer" cannot list resource "secrets" in API group "" in the namespace "shop"'));
    const f = await failure(c.list(RESOURCES.secrets, { namespace: 'shop' }));
    assert.deepEqual({ kind: f.kind, user: f.user, verb: f.verb, resource: f.resource, namespace: f.namespace }, { kind: 'forbidden', user: 'arn:aws:iam::123456789012:user/wharf-viewer', verb: 'list', resource: 'secrets', namespace: 'shop' });
    handler = (_req, res) => json(res, 404, status(404, 'NotFound', 'pods "x" not found'));
    assert.equal((await failure(c.get(RESOURCES.pods, 'x', 'shop'))).kind, 'not-found');
    handler = (_req, res) => json(res, 410, status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.'));
    const gone = c.list(RESOURCES.pods, { continue: 'old' });
    const g = await failure(gone);
    assert.equal(g.kind, 'gone');
    assert.equal(g.reason, 'Expired');
    assert.ok(isExpiredContinue(await gone.catch((e: unknown) => e)));
    handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    };
    const bad = await failure(c.version());
    assert.equal(bad.kind, 'server');
    assert.match(bad.message, /Bad gateway/);
    c.dispose();
  });

  it('abort ends a request at once', async () => {
    handler = () => undefined; // never answers
    const c = new KubeClient('test', { server: url, caPem: ca }, new Tokens());
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 50);
    assert.equal((await failure(c.list(RESOURCES.pods, {}, ac.signal))).kind, 'aborted');
    assert.ok(Date.now() - t0 < 1000);
    const pre = new AbortController();
    pre.abort();
    assert.equal((await failure(c.version(pre.signal))).kind, 'aborted');
    c.dispose();
  });

  it('a silent server times out within the bound; so does a body that stalls', async () => {
    const c = new KubeClient('test', { server: url, caPem: ca }, new Tokens(), { requestTimeoutMs: 300 });
    handler = () => undefined;
    const t0 = Date.now();
    const f = await failure(c.version());
    assert.equal(f.kind, 'timeout');
    assert.ok(Date.now() - t0 < 2000);
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"gitVersion":');
    };
    assert.equal((await failure(c.version())).kind, 'timeout');
    c.dispose();
  });

  it('unreachable names the server; a wrong CA or TLS name is a tls failure with the reason; tlsServerName checks another name', async () => {
    const port = await new Promise<number>((r) => {
      const s = https.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => r(p));
      });
    });
    const down = new KubeClient('prod', { server: `https://127.0.0.1:${port}`, caPem: ca }, new Tokens());
    const u = await failure(down.version());
    assert.equal(u.kind, 'unreachable');
    assert.match(u.message, new RegExp(`prod at https://127\\.0\\.0\\.1:${port}: connection refused`));
    down.dispose();

    handler = (_req, res) => json(res, 200, { gitVersion: 'v1.31.2' });
    const noCa = new KubeClient('prod', { server: url }, new Tokens());
    const t = await failure(noCa.version());
    assert.equal(t.kind, 'tls');
    assert.match(t.message, /certificate/i);
    noCa.dispose();
    // The test server's certificate names 127.0.0.1, localhost and kubernetes (as a tunnel target would be named).
    const tunnel = new KubeClient('prod', { server: url, caPem: ca, tlsServerName: 'kubernetes' }, new Tokens());
    assert.equal((await tunnel.version()).gitVersion, 'v1.31.2');
    tunnel.dispose();
    const wrongName = new KubeClient('prod', { server: url, caPem: ca, tlsServerName: 'abc.gr7.us-east-1.eks.amazonaws.com' }, new Tokens());
    const w = await failure(wrongName.version());
    assert.equal(w.kind, 'tls');
    assert.match(w.message, /abc\.gr7\.us-east-1\.eks\.amazonaws\.com/);
    wrongName.dispose();
  });

  it('streams watch events split across chunks, bookmarks, and a 410 ERROR as RELIST', async () => {
    handler = (req, res) => {
      const q = new URL(req.url!, 'https://x').searchParams;
      assert.equal(q.get('watch'), '1');
      assert.equal(q.get('allowWatchBookmarks'), 'true');
      assert.equal(q.get('resourceVersion'), '100');
      res.writeHead(200, { 'content-type': 'application/json' });
      const lines = [
        { type: 'ADDED', object: { metadata: { name: 'a', namespace: 'shop', resourceVersion: '101' } } },
        { type: 'MODIFIED', object: { metadata: { name: 'a', namespace: 'shop', resourceVersion: '102' }, status: { phase: 'Running', note: 'ünïcode' } } },
        { type: 'BOOKMARK', object: { kind: 'Pod', metadata: { resourceVersion: '150' } } },
        { type: 'DELETED', object: { metadata: { name: 'a', namespace: 'shop', resourceVersion: '151' } } },
        { type: 'ERROR', object: status(410, 'Expired', 'too old resource version: 100 (200)') },
      ].map((l) => JSON.stringify(l) + '\n').join('');
      const bytes = Buffer.from(lines);
      // Split mid-line and mid-character.
      let i = 0;
      const step = () => {
        if (i >= bytes.length) return;
        res.write(bytes.subarray(i, i + 37));
        i += 37;
        setImmediate(step);
      };
      step();
    };
    const c = new KubeClient('test', { server: url, caPem: ca }, new Tokens());
    const events: WatchEvent[] = [];
    await c.watch(RESOURCES.pods, { namespace: 'shop', resourceVersion: '100' }, (e) => events.push(e), new AbortController().signal);
    assert.deepEqual(events.map((e) => (e.type === 'BOOKMARK' ? `B${e.resourceVersion}` : e.type === 'RELIST' ? 'RELIST' : `${e.type}:${e.object.metadata.resourceVersion}`)), ['ADDED:101', 'MODIFIED:102', 'B150', 'DELETED:151', 'RELIST']);
    const mod = events[1] as { object: { kind?: string; status?: { note?: string } } };
    assert.equal(mod.object.kind, 'Pod');
    assert.equal(mod.object.status?.note, 'ünïcode');
    c.dispose();
  });

  it('a watch the server ends resolves; abort and dispose end one at once', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a', resourceVersion: '5' } } }) + '\n');
    };
    const c = new KubeClient('test', { server: url, caPem: ca }, new Tokens());
    let n = 0;
    await c.watch(RESOURCES.nodes, { resourceVersion: '1' }, () => n++, new AbortController().signal);
    assert.equal(n, 1);

    handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
    const ac = new AbortController();
    const w = c.watch(RESOURCES.nodes, { resourceVersion: '1' }, () => undefined, ac.signal);
    setTimeout(() => ac.abort(), 50);
    assert.equal((await failure(w)).kind, 'aborted');

    const w2 = c.watch(RESOURCES.nodes, { resourceVersion: '1' }, () => undefined, new AbortController().signal);
    setTimeout(() => c.dispose(), 50);
    assert.equal((await failure(w2)).kind, 'aborted');
  });

  it('stream(): a 2xx response to read as it comes (renewed once on 401); other statuses are KubeErrors', async () => {
    handler = (req, res) => {
      if (req.headers.authorization === 'Bearer tok-0') return json(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
      if (req.url?.startsWith('/missing')) return json(res, 404, status(404, 'NotFound', 'pods "x" not found'));
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('line 1\n');
      setTimeout(() => res.end('line 2\n'), 300);
    };
    const tokens = new Tokens();
    const c = new KubeClient('test', { server: url, caPem: ca }, tokens, { requestTimeoutMs: 100 });
    const res = await c.stream('/api/v1/namespaces/shop/pods/x/log', { follow: 'true' }, new AbortController().signal);
    let text = '';
    for await (const chunk of res) text += String(chunk);
    assert.equal(text, 'line 1\nline 2\n', 'a pause longer than the request timeout does not end a stream');
    assert.equal(tokens.renewals, 1);
    assert.equal((await failure(c.stream('/missing', {}, new AbortController().signal))).kind, 'not-found');
    c.dispose();
  });

  it('a watch that falls silent longer than the idle bound ends as a timeout (a dead connection)', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
    const c = new KubeClient('test', { server: url, caPem: ca }, new Tokens(), { watchIdleMs: 200 });
    assert.equal((await failure(c.watch(RESOURCES.nodes, { resourceVersion: '1' }, () => undefined, new AbortController().signal))).kind, 'timeout');
    c.dispose();
  });
});
