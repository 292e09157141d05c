// PodLogStream against a local HTTPS server that plays the API server's part with scripted answers a real one cannot
// be made to give on cue: a followed log that drops mid-second and, on reconnect, sends the whole second again
// (sinceTime truncated to seconds), lines sharing one nanosecond stamp, a quiet stream that must not reconnect.
// The same stream against a real kube-apiserver and kwok: test/integration/kube-logs.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeClient } from '../../../src/kube/client';
import { PodLogStream } from '../../../src/kube/logs';
import type { LogLine } from '../../../src/logs/line';
import type { LogEnd } from '../../../src/logs/stream';
import { makePki } from '../../env/certs';

let server: https.Server;
let client: KubeClient;
let onLog: (q: URLSearchParams, res: ServerResponse) => void;
const logQueries: URLSearchParams[] = [];

const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u1', resourceVersion: '5' }, status: { phase: 'Running', containerStatuses: [{ name: 'app', state: { running: {} } }] } };

describe('PodLogStream (scripted API server)', () => {
  before(async () => {
    const pki = makePki(fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-logs-')));
    server = https.createServer({ cert: fs.readFileSync(pki.serverCert), key: fs.readFileSync(pki.serverKey) }, (req: IncomingMessage, res: ServerResponse) => {
      const u = new URL(req.url ?? '/', 'https://x');
      if (u.pathname.endsWith('/log')) {
        logQueries.push(u.searchParams);
        return onLog(u.searchParams, res);
      }
      if (u.searchParams.get('watch')) return; // a pod watch that never says anything
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(POD));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    client = new KubeClient('t', { server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, caPem: fs.readFileSync(pki.caCert, 'utf8') }, { token: async () => 't', renew: async () => 't' });
  });
  after(() => {
    client.dispose();
    server.closeAllConnections();
    server.close();
  });

  it('drops the lines a reconnect sends again by timestamp and content, and keeps new lines of the same second', async () => {
    logQueries.length = 0;
    let call = 0;
    onLog = (q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      if (call++ === 0) {
        res.write('2026-12-02T14:00:00.5Z a\n2026-12-02T14:00:01.25Z b\n2026-12-02T14:00:01.25Z b\n2026-12-02T14:00:01.25Z c\n');
        setTimeout(() => res.destroy(), 50); // dropped mid-second
      } else {
        assert.equal(q.get('sinceTime'), '2026-12-02T14:00:01Z');
        // The whole second again: b twice and c were shown; a third b and d at the same stamp are new.
        res.write('2026-12-02T14:00:01.1Z early\n2026-12-02T14:00:01.25Z b\n2026-12-02T14:00:01.25Z c\n2026-12-02T14:00:01.25Z b\n2026-12-02T14:00:01.25Z b\n2026-12-02T14:00:01.250000000Z d\n2026-12-02T14:00:02Z e\n');
      }
    };
    const s = new PodLogStream(client, { namespace: 'ns', pod: 'p', follow: true, reconnectDelayMs: 10 });
    const lines: LogLine[] = [];
    s.on('line', (l) => lines.push(l));
    await new Promise<void>((r) => {
      const t = setInterval(() => {
        if (lines.some((l) => l.text === 'e')) {
          clearInterval(t);
          r();
        }
      }, 10);
    });
    s.stop();
    assert.deepEqual(lines.map((l) => l.text), ['a', 'b', 'b', 'c', 'b', 'd', 'e']);
    assert.equal(logQueries[0].get('timestamps'), 'true');
    assert.equal(logQueries[0].get('follow'), 'true');
  });

  it('does not take a quiet followed stream for a dropped one, and stop() ends it', async () => {
    logQueries.length = 0;
    onLog = (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('2026-12-02T14:00:00Z hello\n'); // then silence
    };
    const s = new PodLogStream(client, { namespace: 'ns', pod: 'p', follow: true, tailLines: 0, reconnectDelayMs: 10 });
    const ended = new Promise<LogEnd>((r) => s.on('end', r));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(s.connections, 1);
    assert.equal(logQueries[0].get('tailLines'), '0');
    s.stop();
    assert.equal((await ended).kind, 'stopped');
  });

  it('fails with the server message on a 403', async () => {
    onLog = (_q, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'pods "p" is forbidden: User "v" cannot get resource "pods/log" in API group "" in the namespace "ns"' }));
    };
    const s = new PodLogStream(client, { namespace: 'ns', pod: 'p' });
    const end = await new Promise<LogEnd>((r) => s.on('end', r));
    assert.equal(end.kind, 'failed');
    assert.match(end.reason, /cannot get resource "pods\/log"/);
  });
});
