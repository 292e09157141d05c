// The local cluster behaves like one: a bare Pod and a Deployment's pods are created, scheduled and Running, and
// their logs and exec go through the API server, read with an EKS token and @kubernetes/client-node as Wharf will.
// The demo estate (seed-kube) seeds and shows its crash-looping pod's logs.
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { apply } from '../env/kube-api';
import { FIRST_NODE } from '../env/kwok';
import { seedKube } from '../env/seed-kube';
import { adminCreds, kubeConfigWithToken, tokenFor } from './kube-helpers';

const NS = 'wharf-it-workloads';

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('workloads on the local cluster', () => {
  let kc: k8s.KubeConfig;
  let pod: string;

  before(async () => {
    const c = adminCreds();
    await apply(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await apply(c, `/apis/apps/v1/namespaces/${NS}/deployments`, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'storefront' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'storefront' } },
        template: { metadata: { labels: { app: 'storefront' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    });
    kc = kubeConfigWithToken(await tokenFor('admin'));
  });

  it('a bare Pod is bound to the node it names and goes Running (kwok)', async () => {
    const api = kc.makeApiClient(k8s.CoreV1Api);
    await api.createNamespacedPod({
      namespace: NS,
      body: { metadata: { name: 'debug' }, spec: { nodeName: FIRST_NODE, containers: [{ name: 'shell', image: 'public.ecr.aws/docker/library/busybox:1.36' }] } },
    });
    const p = await until('the pod to run', async () => {
      const r = await api.readNamespacedPod({ name: 'debug', namespace: NS });
      return r.status?.phase === 'Running' ? r : undefined;
    });
    assert.equal(p.status?.containerStatuses?.[0].ready, true);
    assert.equal(p.status?.hostIP, '127.0.0.1');
  });

  it('a Deployment gets two Running pods (controller-manager, scheduler, kwok)', async () => {
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const running = await until('2 Running pods', async () => {
      const pods = await api.listNamespacedPod({ namespace: NS, labelSelector: 'app=storefront' });
      const ok = pods.items.filter((p) => p.status?.phase === 'Running' && p.spec?.nodeName);
      return ok.length === 2 ? ok : undefined;
    });
    pod = running[0].metadata!.name!;
    assert.equal(running[0].spec!.nodeName, FIRST_NODE);
  });

  it('reads pod logs through the API server', async () => {
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const text = await api.readNamespacedPodLog({ name: pod, namespace: NS, container: 'web', tailLines: 3 });
    const lines = String(text).trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[2], /request 20 served/);
  });

  it('runs a command in the pod (exec over WebSocket)', async () => {
    let out = '';
    const stdout = new Writable({ write(chunk, _enc, cb) { out += String(chunk); cb(); } });
    const status = await new Promise<k8s.V1Status>((resolve, reject) => {
      new k8s.Exec(kc)
        .exec(NS, pod, 'web', ['echo', 'hello from wharf'], stdout, null, null, false, (s) => resolve(s))
        .catch(reject);
    });
    assert.equal(status.status, 'Success');
    assert.equal(out.trim(), 'hello from wharf');
  });

  it('runs a real command with arguments and reports a failing exit code', async () => {
    let out = '';
    const stdout = new Writable({ write(chunk, _enc, cb) { out += String(chunk); cb(); } });
    const status = await new Promise<k8s.V1Status>((resolve, reject) => {
      new k8s.Exec(kc)
        .exec(NS, 'debug', 'shell', ['sh', '-c', 'printf "%s\\n" "$((6 * 7))"; exit 3'], stdout, null, null, false, (s) => resolve(s))
        .catch(reject);
    });
    assert.equal(out, '42\n');
    assert.equal(status.status, 'Failure');
    // A real kubelet adds an ExitCode cause; kwok reports the code only in the message.
    assert.match(status.message ?? '', /exit status 3/);
  });
});

describe('the demo estate (seed-kube)', () => {
  it('seeds running workloads and a CrashLoopBackOff pod whose logs say why', async () => {
    const summary = await seedKube(adminCreds(), 'wharf-test');
    assert.ok(summary.pods >= 14, `pods: ${summary.pods}`);
    const api = kubeConfigWithToken(await tokenFor('viewer')).makeApiClient(k8s.CoreV1Api);
    const { namespace, name, container } = summary.crashLoopPod;
    const pod = await api.readNamespacedPod({ name, namespace });
    assert.equal(pod.status?.containerStatuses?.[0].state?.waiting?.reason, 'CrashLoopBackOff');
    assert.match(String(await api.readNamespacedPodLog({ name, namespace, container })), /FATAL cannot start/);
    assert.match(String(await api.readNamespacedPodLog({ name, namespace, container, previous: true })), /attempt 7/);
    // One fluent-bit pod per node: the DaemonSet controller sees both fake nodes.
    const apps = kubeConfigWithToken(await tokenFor('viewer')).makeApiClient(k8s.AppsV1Api);
    await until('fluent-bit ready on both nodes', async () => ((await apps.readNamespacedDaemonSet({ name: 'fluent-bit', namespace: 'observability' })).status?.numberReady === 2 ? true : undefined));
  });
});
