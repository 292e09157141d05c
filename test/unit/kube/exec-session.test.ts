// PodExecSession against a local TLS websocket server that stands in for the API server. The real API server here
// (test/integration/kube-exec.test.ts) always negotiates v5; this stand-in speaks the older versions too, with
// hand-built frames, and can misbehave on purpose (frames before the client listens, a dropped connection).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { KubeClient } from '../../../src/kube/client';
import { startPodExec, type PodExecSession } from '../../../src/kube/exec';
import { makePki } from '../../env/certs';

type Script = (ws: WebSocket, received: Buffer[]) => void;
let server: https.Server;
let client: KubeClient;
let protocol = 'v5.channel.k8s.io';
let script: Script = () => undefined;
let refuse: { status: number; body: unknown } | undefined;
let received: Buffer[] = [];
let lastUrl = '';

const frame = (ch: number, data: string | number[] = []) => Buffer.concat([Buffer.from([ch]), typeof data === 'string' ? Buffer.from(data) : Buffer.from(data)]);

function record(s: PodExecSession) {
  const r = { out: '', exit: undefined as number | undefined, errors: [] as string[] };
  s.on('data', (b) => (r.out += b.toString()));
  s.on('exit', (c) => (r.exit = c));
  s.on('error', (e) => r.errors.push(e.message));
  return { r, closed: new Promise<typeof r>((res) => s.on('close', () => res(r))) };
}

const open = (o: { tty?: boolean } = {}) => startPodExec({ client, namespace: 'shop', pod: 'web-1', container: 'app', command: ['sh', '-c', 'echo hi'], tty: o.tty, stdin: true });

describe('PodExecSession (stand-in server)', () => {
  before(async () => {
    const pki = makePki(fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-exec-')));
    server = https.createServer({ cert: fs.readFileSync(pki.serverCert), key: fs.readFileSync(pki.serverKey) }, (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ kind: 'Pod', metadata: { name: 'web-1' }, status: { phase: 'Running' } }));
    });
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (offered) => (offered.has(protocol) ? protocol : false) });
    server.on('upgrade', (req, socket, head) => {
      lastUrl = req.url ?? '';
      if (refuse) {
        const body = JSON.stringify(refuse.body);
        socket.end(`HTTP/1.1 ${refuse.status} X\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        received = [];
        ws.on('message', (d: Buffer) => received.push(d));
        script(ws, received);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new KubeClient('test', { server: url, caPem: fs.readFileSync(pki.caCert, 'utf8') }, { token: async () => 't', renew: async () => 't2' });
  });
  after(() => {
    client.dispose();
    server.closeAllConnections();
    server.close();
  });

  it('v4: frames sent at once are not lost; NonZeroExitCode gives the code; the URL asks for what it should', async () => {
    protocol = 'v4.channel.k8s.io';
    script = (ws) => {
      ws.send(frame(1));
      ws.send(frame(1, 'hi\n'));
      ws.send(frame(3, JSON.stringify({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '2' }] } })));
      ws.close(1000);
    };
    const s = await open();
    const r = await record(s).closed;
    assert.equal(s.protocol, 'v4.channel.k8s.io');
    assert.deepEqual(r, { out: 'hi\n', exit: 2, errors: [] });
    assert.match(lastUrl, /^\/api\/v1\/namespaces\/shop\/pods\/web-1\/exec\?container=app&command=sh&command=-c&command=echo\+hi&stdin=true&stdout=true&stderr=true&tty=false$/);
  });

  it('v4 TTY close: Ctrl-C Ctrl-D, no 255 frame (v5 only), then the exit status ends it', async () => {
    protocol = 'v4.channel.k8s.io';
    script = (ws, got) => ws.on('message', () => {
      if (got.some((f) => f.equals(frame(0, [3, 4])))) ws.send(frame(3, '{"status":"Success"}'));
    });
    const s = await open({ tty: true });
    const rec = record(s);
    s.resize(100, 30);
    s.resize(100, 30); // unchanged: not sent again
    s.close();
    const r = await rec.closed;
    assert.equal(r.exit, 0);
    assert.deepEqual(received.map((f) => [...f]), [[...frame(4, '{"Width":100,"Height":30}')], [0, 3, 4]]);
    assert.match(lastUrl, /stderr=false&tty=true$/);
  });

  it('v5 close half-closes stdin with [255, 0]', async () => {
    protocol = 'v5.channel.k8s.io';
    script = (ws) => ws.on('message', (d: Buffer) => {
      if (d[0] === 255) ws.send(frame(3, '{"status":"Success"}'));
    });
    const s = await open();
    const rec = record(s);
    s.write('x');
    s.close();
    assert.equal((await rec.closed).exit, 0);
    assert.deepEqual(received.map((f) => [...f]), [[0, 0x78], [255, 0]]);
  });

  it('channel.k8s.io: no resize channel, and a clean close without status is exit 0', async () => {
    protocol = 'channel.k8s.io';
    script = (ws) => setTimeout(() => {
      ws.send(frame(1, 'done'));
      ws.close(1000);
    }, 50);
    const s = await open();
    const rec = record(s);
    s.resize(80, 24);
    const r = await rec.closed;
    assert.deepEqual(r, { out: 'done', exit: 0, errors: [] });
    assert.deepEqual(received, []);
  });

  it('a dropped connection is an error, not a silent end', async () => {
    protocol = 'v5.channel.k8s.io';
    script = (ws) => setTimeout(() => ws.terminate(), 50);
    const r = await record(await open()).closed;
    assert.equal(r.exit, undefined);
    assert.match(r.errors[0], /dropped \(websocket code 1006\) before the command ended/);
  });

  it('a 403 names `create pods/exec`', async () => {
    refuse = { status: 403, body: { kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403, message: 'pods "web-1" is forbidden: User "arn:aws:iam::1:user/v" cannot create resource "pods/exec" in API group "" in the namespace "shop"' } };
    try {
      await assert.rejects(open(), /arn:aws:iam::1:user\/v is not allowed to open a shell in pod shop\/web-1 \(container app\): it needs `create pods\/exec` in namespace shop/);
    } finally {
      refuse = undefined;
    }
  });
});
