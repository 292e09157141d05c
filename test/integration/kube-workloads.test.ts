// The local cluster behaves like one: a Deployment's pods are created, scheduled and Running, and their logs and
// exec go through the API server, read with an EKS token and @kubernetes/client-node as Wharf will.
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { apply } from '../env/kube-api';
import { adminCreds, kubeConfigWithToken, tokenFor } from './kube-helpers';

const NS = 'shop';

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

  it('a Deployment gets two Running pods (controller-manager, scheduler, kwok)', async () => {
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const running = await until('2 Running pods', async () => {
      const pods = await api.listNamespacedPod({ namespace: NS, labelSelector: 'app=storefront' });
      const ok = pods.items.filter((p) => p.status?.phase === 'Running' && p.spec?.nodeName);
      return ok.length === 2 ? ok : undefined;
    });
    pod = running[0].metadata!.name!;
    assert.equal(running[0].spec!.nodeName, 'ip-10-0-1-17.ec2.internal');
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
});
