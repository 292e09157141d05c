// Pod exec against a real kube-apiserver (the websocket remote-command protocol, negotiated to v5), with kwok as the
// kubelet running the command for real on this machine (test/env/kwok.ts ClusterExec `local`), authenticated with
// real EKS tokens that the harness's webhook verifies. Because kwok's processes are local, the test can also check
// that closing a session really ends the remote process (by its pid).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { getEksToken } from '../../src/aws/eks-token';
import { KubeClient, type TokenSource } from '../../src/kube/client';
import { startPodExec, type PodExecSession, type PodExecOptions } from '../../src/kube/exec';
import { apply, kubeRequest } from '../env/kube-api';
import { FIRST_NODE } from '../env/kwok';
import { PRINCIPALS } from '../env/kube';
import { adminCreds, caFile, cluster, server } from './kube-helpers';

const NS = 'wharf-it-exec';

class Tokens implements TokenSource {
  renewals = 0;
  private current?: Promise<string>;
  constructor(private readonly who: keyof typeof PRINCIPALS, first?: string) {
    if (first) this.current = Promise.resolve(first);
  }
  token() {
    return (this.current ??= this.make());
  }
  renew() {
    this.renewals++;
    return (this.current = this.make());
  }
  private make() {
    const p = PRINCIPALS[this.who];
    return getEksToken({ clusterName: cluster(), region: 'us-east-1', credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey } }).then((t) => t.token);
  }
}

const endpoint = () => ({ server: server(), caPem: fs.readFileSync(caFile(), 'utf8') });
let admin: KubeClient;

const pod = (name: string, onNode = true) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { ...(onNode ? { nodeName: FIRST_NODE } : {}), tolerations: [{ operator: 'Exists' }], containers: [{ name: 'app', image: 'public.ecr.aws/docker/library/busybox:1.36' }] },
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve().then(probe).catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Collects everything a session says until it closes. */
function record(s: PodExecSession) {
  const r = { out: '', err: '', exit: undefined as number | undefined, errors: [] as Error[] };
  s.on('data', (b) => (r.out += b.toString()));
  s.on('stderr', (b) => (r.err += b.toString()));
  s.on('exit', (c) => (r.exit = c));
  s.on('error', (e) => r.errors.push(e));
  const closed = new Promise<typeof r>((resolve) => s.on('close', () => resolve(r)));
  return { r, closed };
}

const exec = (o: Partial<PodExecOptions> & { command: string[] }) => startPodExec({ client: admin, namespace: NS, pod: 'shell', container: 'app', stdin: false, ...o });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('pod exec (kube-apiserver + kwok)', () => {
  before(async () => {
    admin = new KubeClient(cluster(), endpoint(), new Tokens('admin'));
    await apply(adminCreds(), '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await apply(adminCreds(), `/api/v1/namespaces/${NS}/pods`, pod('shell'));
    await apply(adminCreds(), `/api/v1/namespaces/${NS}/pods`, pod('unscheduled', false));
    await until('shell Running', async () => ((await kubeRequest<{ status?: { phase?: string } }>(adminCreds(), 'GET', `/api/v1/namespaces/${NS}/pods/shell`)).body.status?.phase === 'Running' ? true : undefined));
  });
  after(() => admin.dispose());

  it('echo hello -> hello, exit 0, over v5', async () => {
    const s = await exec({ command: ['echo', 'hello'] });
    const r = await record(s).closed;
    assert.equal(s.protocol, 'v5.channel.k8s.io');
    assert.equal(r.out, 'hello\n');
    assert.equal(r.exit, 0);
    assert.deepEqual(r.errors, []);
  });

  it("the exit code of sh -c 'exit 3' is 3, and stderr is its own channel", async () => {
    const r = await record(await exec({ command: ['sh', '-c', 'echo oops >&2; exit 3'] })).closed;
    assert.equal(r.exit, 3);
    assert.equal(r.err, 'oops\n');
    assert.equal(r.out, '');
    assert.deepEqual(r.errors, []);
  });

  it('stdin reaches the command, and close() ends it', async () => {
    const s = await exec({ command: ['sh', '-c', 'echo pid=$$; exec cat'], stdin: true });
    const rec = record(s);
    const pid = Number(await until('pid', () => /pid=(\d+)/.exec(rec.r.out)?.[1]));
    s.write('round trip\n');
    await until('the echo', () => (rec.r.out.includes('round trip\n') ? true : undefined));
    s.close();
    await rec.closed;
    await until('the remote cat to end', () => (alive(pid) ? undefined : true), 5000);
  });

  it('a TTY: resize is accepted and applied to the pty', async () => {
    const s = await exec({ command: ['sh', '-c', 'sleep 0.5; stty size'], tty: true });
    s.resize(101, 33);
    const r = await record(s).closed;
    assert.match(r.out, /33 101/);
    assert.equal(r.exit, 0);
  });

  it('closing an interactive shell ends the remote process (the websocket alone would not)', async () => {
    const s = await exec({ command: ['sh'], tty: true, stdin: true });
    const rec = record(s);
    s.resize(80, 24);
    s.write('echo pid=$$\r');
    const pid = Number(await until('pid', () => /pid=(\d+)/.exec(rec.r.out)?.[1]));
    assert.ok(alive(pid));
    s.write('sleep 300');  // a half-typed line, as a person leaves it
    s.close();
    await rec.closed;
    await until('the remote shell to end', () => (alive(pid) ? undefined : true), 5000);
  });

  it("the viewer's 403 names the verb it lacks", async () => {
    const viewer = new KubeClient(cluster(), endpoint(), new Tokens('viewer'));
    try {
      await assert.rejects(startPodExec({ client: viewer, namespace: NS, pod: 'shell', container: 'app', command: ['sh'] }), (e: Error & { failure?: { kind: string } }) => {
        assert.equal(e.failure?.kind, 'forbidden');
        assert.match(e.message, /wharf-viewer is not allowed to open a shell in pod wharf-it-exec\/shell .*`create pods\/exec`/);
        return true;
      });
    } finally {
      viewer.dispose();
    }
  });

  it('a pod that is not Running says so', async () => {
    await assert.rejects(startPodExec({ client: admin, namespace: NS, pod: 'unscheduled', container: 'app', command: ['sh'] }), /pod wharf-it-exec\/unscheduled .*is Pending, not Running/);
  });

  it('an expired token is renewed once and the exec goes through', async () => {
    const tokens = new Tokens('admin', 'k8s-aws-v1.bm90LWEtdG9rZW4');
    const client = new KubeClient(cluster(), endpoint(), tokens);
    try {
      const r = await record(await startPodExec({ client, namespace: NS, pod: 'shell', container: 'app', command: ['echo', 'renewed'], stdin: false })).closed;
      assert.equal(r.out, 'renewed\n');
      assert.equal(tokens.renewals, 1);
    } finally {
      client.dispose();
    }
  });
});
