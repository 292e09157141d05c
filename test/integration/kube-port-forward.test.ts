// Port-forward against a real kube-apiserver (v1.37, the websocket port-forward protocol passed through to the
// kubelet), with kwok as the kubelet: its ClusterPortForward configuration (test/env/kwok.ts) sends any pod's
// WEB_POD_PORT to the harness's demo web server, so an HTTP request through the forward gets that server's page.
// Authenticated with real EKS tokens that the harness's webhook verifies. The "dropped" case puts a plain TCP relay
// between the client and the API server and cuts it, as a network would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { getEksToken } from '../../src/aws/eks-token';
import { KubeClient, type TokenSource } from '../../src/kube/client';
import type { KubeError } from '../../src/kube/errors';
import { startPortForward, type PortForward, type PortForwardOptions } from '../../src/kube/port-forward';
import { DEMO_WEB_MARKER, WEB_POD_PORT } from '../env/demo-web';
import { apply, kubeRequest } from '../env/kube-api';
import { FIRST_NODE } from '../env/kwok';
import { PRINCIPALS } from '../env/kube';
import { adminCreds, caFile, cluster, server } from './kube-helpers';

const NS = 'wharf-it-pf';

class Tokens implements TokenSource {
  constructor(private readonly who: keyof typeof PRINCIPALS) {}
  token() {
    const p = PRINCIPALS[this.who];
    return getEksToken({ clusterName: cluster(), region: 'us-east-1', credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey } }).then((t) => t.token);
  }
  renew() {
    return this.token();
  }
}

const endpoint = (url = server()) => ({ server: url, caPem: fs.readFileSync(caFile(), 'utf8') });
let admin: KubeClient;
const forwards: PortForward[] = [];

const podSpec = { nodeName: undefined as string | undefined, tolerations: [{ operator: 'Exists' }], containers: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', ports: [{ name: 'http', containerPort: WEB_POD_PORT }] }] };

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve().then(probe).catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A GET on the local port with a fresh connection each time (no agent keep-alive between tests). */
function get(port: number, path = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

async function forward(o: Partial<PortForwardOptions> & Pick<PortForwardOptions, 'target' | 'remotePort'>): Promise<PortForward> {
  const f = await startPortForward({ client: admin, ...o });
  forwards.push(f);
  return f;
}

const readyPods = async (app: string) =>
  (await kubeRequest<{ items: { metadata: { name: string; deletionTimestamp?: string }; status?: { phase?: string; conditions?: { type: string; status: string }[] } }[] }>(adminCreds(), 'GET', `/api/v1/namespaces/${NS}/pods?labelSelector=app%3D${app}`)).body.items.filter(
    (p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );

describe('port-forward (kube-apiserver + kwok)', () => {
  before(async () => {
    admin = new KubeClient(cluster(), endpoint(), new Tokens('admin'));
    const c = adminCreds();
    await apply(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await apply(c, `/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'single', labels: { app: 'single' } }, spec: { ...podSpec, nodeName: FIRST_NODE } });
    await apply(c, `/apis/apps/v1/namespaces/${NS}/deployments`, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec } },
    });
    // A named targetPort: Service port 80 -> the container port named "http".
    await apply(c, `/api/v1/namespaces/${NS}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] } });
    await until('the single pod Ready', async () => ((await readyPods('single')).length === 1 ? true : undefined));
    await until('2 web pods Ready', async () => ((await readyPods('web')).length === 2 ? true : undefined), 60_000);
  });
  after(async () => {
    for (const f of forwards) await f.stop();
    admin.dispose();
  });

  it("an HTTP GET through a pod's forward gets the demo server's page", async () => {
    const f = await forward({ target: { kind: 'pod', namespace: NS, name: 'single' }, remotePort: WEB_POD_PORT });
    assert.ok(f.localPort > 0);
    const r = await get(f.localPort);
    assert.equal(r.status, 200);
    assert.match(r.body, new RegExp(DEMO_WEB_MARKER));
    assert.equal(f.current?.pod, 'single');
    // Several requests at once: one stream each.
    const many = await Promise.all(Array.from({ length: 5 }, () => get(f.localPort)));
    for (const m of many) assert.match(m.body, new RegExp(DEMO_WEB_MARKER));
    assert.ok(f.total >= 6);
  });

  it('a large response arrives whole to a reader that stops reading for a while (the websocket is paused, not buffered away)', async () => {
    const f = await forward({ target: { kind: 'pod', namespace: NS, name: 'single' }, remotePort: 'http' });
    const size = 16 * 1024 * 1024;
    const got = await new Promise<number>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: f.localPort, path: `/bytes?n=${size}`, agent: false }, (res) => {
        let n = 0;
        let paused = false;
        res.on('data', (c: Buffer) => {
          n += c.length;
          if (c.some((x) => x !== 0x61)) reject(new Error(`unexpected bytes near offset ${n}`));
          if (!paused) {
            paused = true;
            res.pause();
            setTimeout(() => res.resume(), 1000);
          }
        });
        res.on('end', () => resolve(n));
        res.on('error', reject);
      }).on('error', reject);
    });
    assert.equal(got, size);
  });

  it('a Service forward maps port 80 through the named targetPort, alongside another forward', async () => {
    const a = await forward({ target: { kind: 'service', namespace: NS, name: 'web' }, remotePort: 80 });
    const b = await forward({ target: { kind: 'workload', resource: 'Deployment', namespace: NS, name: 'web' }, remotePort: WEB_POD_PORT });
    assert.notEqual(a.localPort, b.localPort);
    assert.equal(a.current?.port, WEB_POD_PORT);
    const [ra, rb] = await Promise.all([get(a.localPort), get(b.localPort)]);
    assert.match(ra.body, new RegExp(DEMO_WEB_MARKER));
    assert.match(rb.body, new RegExp(DEMO_WEB_MARKER));
  });

  it('a given local port is used, and stopping frees it', async () => {
    const port = await freePort();
    const f = await forward({ target: { kind: 'pod', namespace: NS, name: 'single' }, remotePort: WEB_POD_PORT, localPort: port });
    assert.equal(f.localPort, port);
    await assert.rejects(startPortForward({ client: admin, target: { kind: 'pod', namespace: NS, name: 'single' }, remotePort: WEB_POD_PORT, localPort: port }), /Local port \d+ on 127\.0\.0\.1 is in use/);
    await f.stop();
    await assert.rejects(get(port), /ECONNREFUSED/);
    // Free for anyone again.
    const s = net.createServer();
    await new Promise<void>((resolve, reject) => s.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
    await new Promise((r) => s.close(r));
  });

  it('a workload forward moves to a new ready pod when its pod is deleted', async () => {
    const f = await forward({ target: { kind: 'workload', resource: 'Deployment', namespace: NS, name: 'web' }, remotePort: WEB_POD_PORT });
    const first = f.current!.pod;
    const moved = new Promise<{ from: string; to: string }>((resolve) => f.once('moved', resolve));
    await kubeRequest(adminCreds(), 'DELETE', `/api/v1/namespaces/${NS}/pods/${first}?gracePeriodSeconds=0`);
    const m = await moved;
    assert.equal(m.from, first);
    assert.notEqual(m.to, first);
    assert.equal(f.state, 'forwarding');
    assert.match((await get(f.localPort)).body, new RegExp(DEMO_WEB_MARKER));
    assert.equal(f.current?.pod, m.to);
  });

  it('a pod forward stops, saying why, when its pod is deleted', async () => {
    await apply(adminCreds(), `/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'doomed', labels: { app: 'doomed' } }, spec: { ...podSpec, nodeName: FIRST_NODE } });
    await until('doomed Ready', async () => ((await readyPods('doomed')).length === 1 ? true : undefined));
    const f = await forward({ target: { kind: 'pod', namespace: NS, name: 'doomed' }, remotePort: WEB_POD_PORT });
    const stopped = new Promise<string>((resolve) => f.once('stopped', resolve));
    await kubeRequest(adminCreds(), 'DELETE', `/api/v1/namespaces/${NS}/pods/doomed?gracePeriodSeconds=0`);
    assert.match(await stopped, /pod wharf-it-pf\/doomed (was deleted|is no longer ready)/);
    assert.equal(f.state, 'stopped');
  });

  it("a port the pod does not serve: the kubelet's error channel is reported, not swallowed", async () => {
    const f = await forward({ target: { kind: 'pod', namespace: NS, name: 'single' }, remotePort: 9999 });
    const reported = new Promise<KubeError>((resolve) => f.once('stream-error', resolve));
    await get(f.localPort).catch(() => undefined);
    const e = await reported;
    assert.match(e.message, /port 9999 of pod .*single.*no forward found for port 9999/);
    assert.match(f.lastError ?? '', /9999/);
  });

  it('a dropped connection to the API server is reported and the local connection closed', async () => {
    const relay = await startRelay(new URL(server()).port);
    const client = new KubeClient(cluster(), endpoint(`https://127.0.0.1:${relay.port}`), new Tokens('admin'));
    try {
      const f = await startPortForward({ client, target: { kind: 'pod', namespace: NS, name: 'single' }, remotePort: WEB_POD_PORT });
      forwards.push(f);
      const reported = new Promise<KubeError>((resolve) => f.once('stream-error', resolve));
      // A keep-alive connection: the stream stays open after the first answer.
      const sock = net.connect(f.localPort, '127.0.0.1');
      let got = '';
      sock.on('data', (d) => (got += d.toString()));
      const closed = new Promise<void>((resolve) => sock.on('close', () => resolve()));
      sock.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
      await until('the first answer', () => (got.includes(DEMO_WEB_MARKER) ? true : undefined));
      relay.cut();
      const e = await reported;
      assert.match(e.message, /The stream to port 8080 of pod wharf-it-pf\/single dropped \(websocket code 1006\)/);
      await closed;
    } finally {
      client.dispose();
      relay.close();
    }
  });

  it('the viewer is refused when the forward starts, naming the permission', async () => {
    const viewer = new KubeClient(cluster(), endpoint(), new Tokens('viewer'));
    try {
      await assert.rejects(startPortForward({ client: viewer, target: { kind: 'pod', namespace: NS, name: 'single' }, remotePort: WEB_POD_PORT }), (e: KubeError) => {
        assert.equal(e.failure.kind, 'forbidden');
        assert.equal(e.failure.resource, 'pods/portforward');
        assert.match(e.message, /`create pods\/portforward`/);
        return true;
      });
    } finally {
      viewer.dispose();
    }
  });
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A plain TCP relay to the API server whose connections can be cut at once (a network drop, not a close). */
async function startRelay(targetPort: string): Promise<{ port: number; cut(): void; close(): void }> {
  const pairs = new Set<net.Socket>();
  const s = net.createServer((a) => {
    const b = net.connect(Number(targetPort), '127.0.0.1');
    for (const x of [a, b]) {
      pairs.add(x);
      x.on('error', () => undefined);
      x.on('close', () => pairs.delete(x));
    }
    a.pipe(b).pipe(a);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return {
    port: (s.address() as net.AddressInfo).port,
    cut: () => {
      for (const x of pairs) x.resetAndDestroy();
    },
    close: () => {
      for (const x of pairs) x.destroy();
      s.close();
    },
  };
}
