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
import { LINUX_SHELL } from '../../src/terminal/container-shell';
import { ExecPseudoterminal } from '../../src/terminal/exec-pty';
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
  // Not on a node: a selector no node matches keeps it Pending (the stack runs a scheduler).
  spec: { ...(onNode ? { nodeName: FIRST_NODE } : { nodeSelector: { 'wharf.test/none': 'none' } }), tolerations: [{ operator: 'Exists' }], containers: [{ name: 'app', image: 'public.ecr.aws/docker/library/busybox:1.36' }] },
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
    await apply(adminCreds(), `/api/v1/namespaces/${NS}/pods`, pod('pending', false));
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

  it('stdin reaches the command; close() half-closes stdin (v5) and ends the session', async () => {
    // Not asserted here: that the remote `cat` then ends. kwok 0.7 pipes stdin to the process without passing the
    // EOF on (its PipeStdin), so a non-TTY reader outlives the session there; the TTY case below is asserted.
    const s = await exec({ command: ['sh', '-c', 'echo pid=$$; exec cat'], stdin: true });
    const rec = record(s);
    await until('pid', () => /pid=(\d+)/.exec(rec.r.out)?.[1]);
    s.write('round trip\n');
    await until('the echo', () => (rec.r.out.includes('round trip\n') ? true : undefined));
    const t0 = Date.now();
    s.close();
    const r = await rec.closed;
    assert.deepEqual(r.errors, []);
    assert.ok(Date.now() - t0 < 3000);
  });

  it('a TTY: resize is accepted and applied to the pty', async () => {
    // `read` keeps the process up until the answer is seen: kwok 0.7 closes its pty as soon as the process exits,
    // which can drop output still in the pty's buffer.
    const s = await exec({ command: ['sh', '-c', 'sleep 0.5; stty size; read x; exit 0'], tty: true });
    const rec = record(s);
    s.resize(101, 33);
    await until('stty size', () => (/33 101/.test(rec.r.out) ? true : undefined), 10_000);
    s.write('\r');
    assert.equal((await rec.closed).exit, 0);
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

  it('the default container shell is bash where bash exists (kwok runs it on this machine, which has bash)', async () => {
    const s = await exec({ command: LINUX_SHELL, tty: true });
    const rec = record(s);
    s.write('echo "in=${BASH_VERSION:+bash}"\r');
    await until('the answer', () => (/in=bash/.test(rec.r.out) ? true : undefined), 5000);
    s.write('exit 4\r');
    assert.equal((await rec.closed).exit, 4);
  });

  it('the terminal adapter over a real pod exec: output, then the exit line', async () => {
    const written: string[] = [];
    const pty = new ExecPseudoterminal((_size, signal) => startPodExec({ client: admin, namespace: NS, pod: 'shell', container: 'app', command: ['sh', '-c', 'echo hi; exit 3'], tty: false, stdin: false, signal }), 'pod shell');
    pty.onDidWrite((t) => written.push(t));
    pty.open({ columns: 80, rows: 24 });
    await until('the exit line', () => (written.join('').includes('[process exited with code 3]') ? true : undefined), 10_000);
    assert.match(written.join(''), /hi\r\n[\s\S]*\[process exited with code 3\]/);
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
    await assert.rejects(startPodExec({ client: admin, namespace: NS, pod: 'pending', container: 'app', command: ['sh'] }), /pod wharf-it-exec\/pending .*is Pending, not Running/);
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
