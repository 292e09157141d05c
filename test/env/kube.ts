// A real Kubernetes control plane on loopback: etcd, kube-apiserver, kube-controller-manager and kube-scheduler
// built from the Go module in test/env/k8s, with kwok as the kubelet of one fake node (pods go Running; logs and
// exec are served through the API server). The API server authenticates EKS tokens through the harness's token
// webhook, so Wharf's token code is exercised end to end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kubeconfig, makePki } from './certs';
import { apply, kubeRequest, type AdminCreds } from './kube-api';
import { cacheDir, freePort, httpOk, startService, waitUntil, type Service } from './proc';
import { startTokenWebhook, type TestPrincipal } from './token-webhook';
import type { Started } from './with-stack';

const BIN = cacheDir('k8s', 'bin');
export const TEST_CLUSTER = 'wharf-test';
export const ACCOUNT = '123456789012';

/** Test-only IAM identities (fake keys that exist nowhere but here). */
export const PRINCIPALS: Record<'admin' | 'viewer', { accessKeyId: string; secretAccessKey: string; arn: string }> = {
  admin: { accessKeyId: 'AKIDWHARFTESTADMIN01', secretAccessKey: 'wharf-test-admin-secret-0000000000000000', arn: `arn:aws:iam::${ACCOUNT}:user/wharf-admin` },
  viewer: { accessKeyId: 'AKIDWHARFTESTVIEWER1', secretAccessKey: 'wharf-test-viewer-secret-000000000000000', arn: `arn:aws:iam::${ACCOUNT}:user/wharf-viewer` },
};

export interface KubeOptions {
  clusterName?: string;
}

function bin(name: string): string {
  const p = path.join(BIN, name);
  if (!fs.existsSync(p)) throw new Error(`${p} is missing: run test/env/setup-k8s.sh`);
  return p;
}

export async function start(logDir: string, opts: KubeOptions = {}): Promise<Started> {
  const clusterName = opts.clusterName ?? TEST_CLUSTER;
  const dir = path.join(logDir, `kube-${clusterName}`);
  fs.mkdirSync(dir, { recursive: true });
  const pki = makePki(path.join(dir, 'pki'));
  const services: Service[] = [];
  const principals = new Map<string, TestPrincipal>(
    Object.values(PRINCIPALS).map((p) => [p.accessKeyId, { secretAccessKey: p.secretAccessKey, arn: p.arn, groups: [] }]),
  );
  const webhook = await startTokenWebhook({ cert: pki.serverCert, key: pki.serverKey, clusterName, principals });
  const stopAllHere = async () => {
    for (const s of services.reverse()) await s.stop();
    await webhook.close();
  };
  try {
    const [etcdPort, peerPort, apiPort, kwokPort, cmPort, schedPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const etcd = startService('etcd', [bin('etcd'), '--data-dir', path.join(dir, 'etcd'), '--listen-client-urls', etcdUrl, '--advertise-client-urls', etcdUrl, '--listen-peer-urls', `http://127.0.0.1:${peerPort}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peerPort}`, '--initial-cluster', `default=http://127.0.0.1:${peerPort}`, '--log-level', 'warn'], { logDir: dir });
    services.push(etcd);
    await waitUntil(etcd, 'etcd /health', () => httpOk(`${etcdUrl}/health`), 30_000);

    const webhookConfig = path.join(dir, 'token-webhook.kubeconfig');
    kubeconfig(webhookConfig, webhook.url, pki.caCert, pki.serverCert, pki.serverKey);
    const admin = pki.client('wharf-harness', 'system:masters');
    const server = `https://127.0.0.1:${apiPort}`;
    const api = startService('kube-apiserver', [
      bin('kube-apiserver'), '--etcd-servers', etcdUrl, '--bind-address', '127.0.0.1', '--advertise-address', '127.0.0.1', '--secure-port', String(apiPort),
      '--tls-cert-file', pki.serverCert, '--tls-private-key-file', pki.serverKey, '--client-ca-file', pki.caCert,
      '--authorization-mode', 'RBAC', '--authentication-token-webhook-config-file', webhookConfig, '--authentication-token-webhook-version', 'v1',
      // No caching of token verdicts: an expired or revoked token must fail on its next use.
      '--authentication-token-webhook-cache-ttl', '0s',
      '--service-account-issuer', 'https://kubernetes.default.svc', '--service-account-key-file', pki.saPub, '--service-account-signing-key-file', pki.saKey,
      '--service-cluster-ip-range', '10.0.0.0/24', '--disable-admission-plugins', 'ServiceAccount', '--endpoint-reconciler-type', 'none',
      '--kubelet-client-certificate', admin.cert, '--kubelet-client-key', admin.key, '--allow-privileged=true', '--profiling=false',
    ], { logDir: dir });
    services.push(api);
    const creds: AdminCreds = { server, ca: pki.caCert, cert: admin.cert, key: admin.key };
    await waitUntil(api, 'kube-apiserver /readyz', async () => (await kubeRequest(creds, 'GET', '/readyz')).status === 200, 90_000);

    const cm = pki.client('system:kube-controller-manager');
    services.push(startService('kube-controller-manager', [
      bin('kube-controller-manager'), '--kubeconfig', kubeconfig(path.join(dir, 'cm.kubeconfig'), server, pki.caCert, cm.cert, cm.key),
      '--authentication-kubeconfig', path.join(dir, 'cm.kubeconfig'), '--authorization-kubeconfig', path.join(dir, 'cm.kubeconfig'),
      '--service-account-private-key-file', pki.saKey, '--root-ca-file', pki.caCert, '--leader-elect=false', '--use-service-account-credentials=true',
      '--bind-address', '127.0.0.1', '--secure-port', String(cmPort),
    ], { logDir: dir }));
    const sched = pki.client('system:kube-scheduler');
    services.push(startService('kube-scheduler', [
      bin('kube-scheduler'), '--kubeconfig', kubeconfig(path.join(dir, 'sched.kubeconfig'), server, pki.caCert, sched.cert, sched.key),
      '--authentication-kubeconfig', path.join(dir, 'sched.kubeconfig'), '--authorization-kubeconfig', path.join(dir, 'sched.kubeconfig'),
      '--leader-elect=false', '--bind-address', '127.0.0.1', '--secure-port', String(schedPort),
    ], { logDir: dir }));

    services.push(await startKwok(dir, creds, kwokPort, pki.serverCert, pki.serverKey));
    await grantTestPrincipals(creds);

    const version = await kubeRequest<{ gitVersion: string }>(creds, 'GET', '/version');
    return {
      env: {
        WHARF_TEST_KUBE_SERVER: server,
        WHARF_TEST_KUBE_CA_FILE: pki.caCert,
        WHARF_TEST_KUBE_ADMIN_CERT_FILE: admin.cert,
        WHARF_TEST_KUBE_ADMIN_KEY_FILE: admin.key,
        WHARF_TEST_KUBE_CLUSTER: clusterName,
        WHARF_TEST_KUBE_VERSION: version.body.gitVersion,
      },
      stop: stopAllHere,
    };
  } catch (e) {
    await stopAllHere();
    throw e;
  }
}

async function startKwok(dir: string, creds: AdminCreds, port: number, cert: string, key: string): Promise<Service> {
  // kwok serves logs from this file and runs exec'd commands in this folder, for every pod.
  const logs = path.join(dir, 'pod.log');
  // CRI log format, as kubelet stores container logs: time, stream, tag (F = full line), message.
  fs.writeFileSync(logs, Array.from({ length: 20 }, (_, i) => {
    const t = `2026-11-23T10:00:${String(i).padStart(2, '0')}.000000000Z`;
    return `${t} stdout F ${t.slice(0, 19)}Z INFO request ${i + 1} served in ${10 + i} ms`;
  }).join('\n') + '\n');
  const work = path.join(dir, 'exec');
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(path.join(dir, 'kwok.yaml'), `apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: all-pods
spec:
  selector: {}
  logs:
  - containers: []
    logsFile: ${logs}
    follow: false
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterExec
metadata:
  name: all-pods
spec:
  selector: {}
  execs:
  - containers: []
    local:
      workDir: ${work}
`);
  const kc = kubeconfig(path.join(dir, 'kwok.kubeconfig'), creds.server, creds.ca, creds.cert, creds.key);
  const kwok = startService('kwok', [
    bin('kwok'), '--kubeconfig', kc, '-c', path.join(dir, 'kwok.yaml'), '--manage-nodes-with-annotation-selector', 'kwok.x-k8s.io/node=fake',
    '--node-ip', '127.0.0.1', '--node-port', String(port), '--node-lease-duration-seconds', '40', '--server-address', `127.0.0.1:${port}`, '--tls-cert-file', cert, '--tls-private-key-file', key,
  ], { logDir: dir, env: { ...process.env, HOME: dir } });
  await apply(creds, '/api/v1/nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: 'ip-10-0-1-17.ec2.internal',
      annotations: { 'kwok.x-k8s.io/node': 'fake' },
      labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'topology.kubernetes.io/zone': 'us-east-1a', 'node.kubernetes.io/instance-type': 'm6i.large', 'eks.amazonaws.com/nodegroup': 'general' },
    },
    status: { allocatable: { cpu: '32', memory: '256Gi', pods: '250' }, capacity: { cpu: '32', memory: '256Gi', pods: '250' } },
  });
  await waitUntil(kwok, 'the fake node to be Ready', async () => {
    const r = await kubeRequest<{ status?: { conditions?: { type: string; status: string }[] } }>(creds, 'GET', '/api/v1/nodes/ip-10-0-1-17.ec2.internal');
    return r.body.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  }, 30_000);
  return kwok;
}

async function grantTestPrincipals(c: AdminCreds): Promise<void> {
  const bind = (name: string, role: string, user: string) =>
    apply(c, '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
    });
  await bind('wharf-test-admin', 'cluster-admin', PRINCIPALS.admin.arn);
  await bind('wharf-test-viewer', 'view', PRINCIPALS.viewer.arn);
  // `view` is an aggregated role: its rules appear once the controller-manager has aggregated them.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await kubeRequest<{ rules?: unknown[] }>(c, 'GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles/view');
    if ((r.body.rules?.length ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error('the view ClusterRole was not aggregated within 30s (is kube-controller-manager running?)');
    await new Promise((res) => setTimeout(res, 200));
  }
}
