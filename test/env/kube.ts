// Real Kubernetes control planes on loopback: kube-apiserver, kube-controller-manager and kube-scheduler built from
// the Go module in test/env/k8s, with kwok as the kubelet of fake nodes (pods go Running; logs and exec are served
// through the API server). Several clusters share one etcd (each under its own key prefix), one PKI and one token
// webhook. The API servers authenticate EKS tokens through that webhook, so Wharf's token code is exercised end to end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { registerAdmissionWebhook, startAdmissionWebhook, type AdmissionWebhook } from './admission-webhook';
import { kubeconfig, makePki, type Pki } from './certs';
import { apply, kubeRequest, type AdminCreds } from './kube-api';
import { startDemoWeb, WEB_POD_PORT, type DemoWeb } from './demo-web';
import { startKwok } from './kwok';
import { cacheDir, freePort, httpOk, logTail, startService, waitUntil, type Service } from './proc';
import { startTokenWebhook, type TestPrincipal, type TokenWebhook } from './token-webhook';
import type { Started } from './with-stack';

export const TEST_CLUSTER = 'wharf-test';
export const ACCOUNT = '123456789012';
export const VIEWERS_GROUP = 'wharf:viewers';

/** Test-only IAM identities (fake keys that exist nowhere but here), mapped to Kubernetes as EKS access entries do. */
export const PRINCIPALS: Record<'admin' | 'viewer', { accessKeyId: string; secretAccessKey: string; arn: string; groups: string[] }> = {
  admin: { accessKeyId: 'AKIDWHARFTESTADMIN01', secretAccessKey: 'wharf-test-admin-secret-0000000000000000', arn: `arn:aws:iam::${ACCOUNT}:user/wharf-admin`, groups: [] },
  viewer: { accessKeyId: 'AKIDWHARFTESTVIEWER1', secretAccessKey: 'wharf-test-viewer-secret-000000000000000', arn: `arn:aws:iam::${ACCOUNT}:user/wharf-viewer`, groups: [VIEWERS_GROUP] },
};

export interface KubeOptions {
  /** EKS cluster names, one API server each (the tokens' x-k8s-aws-id). Default: [TEST_CLUSTER]. */
  clusters?: string[];
  /** Shorthand for `clusters: [clusterName]`. */
  clusterName?: string;
}

export interface KubeCluster {
  name: string;
  creds: AdminCreds;
  version: string;
  /** Milliseconds from the cluster's start to each milestone, to see where start-up time goes. */
  timings: Record<'apiserverReady' | 'nodeReady' | 'rbacReady', number>;
  /** The WHARF_TEST_KUBE_* variables that describe this cluster. */
  env: Record<string, string>;
}

export interface KubeStack extends Started {
  /** Every cluster, in the order asked for; `env` describes the first. */
  clusters: KubeCluster[];
}

function bin(name: string): string {
  const p = path.join(cacheDir('k8s', 'bin'), name);
  if (!fs.existsSync(p)) throw new Error(`${p} is missing: run test/env/setup-k8s.sh`);
  return p;
}

// Every port this process hands out, so that the many ports of several clusters never collide with each other (the
// kernel may give a just-released port out again). A collision would only show later, as a component that exits.
const handedOut = new Set<number>();
async function ports(n: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < n) {
    const p = await freePort();
    if (handedOut.has(p)) continue;
    handedOut.add(p);
    out.push(p);
  }
  return out;
}

export async function start(logDir: string, opts: KubeOptions = {}): Promise<KubeStack> {
  const names = opts.clusters ?? [opts.clusterName ?? TEST_CLUSTER];
  if (names.length === 0 || new Set(names).size !== names.length) throw new Error(`cluster names must be distinct and non-empty: ${names.join(', ')}`);
  fs.mkdirSync(logDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(logDir, 'kube-'));
  const made = makePki(path.join(dir, 'pki'));
  // Clusters share the PKI: each client certificate is made once, since making it again rewrites files that another
  // cluster's component may be reading at that moment (its key would no longer match its certificate).
  const clients = new Map<string, { cert: string; key: string }>();
  const pki: Pki = { ...made, client: (user, org) => clients.get(`${user}/${org}`) ?? clients.set(`${user}/${org}`, made.client(user, org)).get(`${user}/${org}`)! };
  const services: Service[] = [];
  const principals = new Map<string, TestPrincipal>(Object.values(PRINCIPALS).map((p) => [p.accessKeyId, { secretAccessKey: p.secretAccessKey, arn: p.arn, groups: p.groups }]));
  const webhook = await startTokenWebhook({ cert: pki.serverCert, key: pki.serverKey, principals });
  // The validating admission webhook every cluster registers (test/env/admission-webhook.ts).
  const admission = await startAdmissionWebhook({ cert: pki.serverCert, key: pki.serverKey });
  // The page behind the web pods' port-forwards (kwok forwards their port here).
  const web = await startDemoWeb();
  const stop = async () => {
    // Components before the API servers, the API servers before etcd: the reverse of the start order.
    for (const s of [...services].reverse()) await s.stop();
    await webhook.close();
    await admission.close();
    await web.close();
  };
  try {
    const [etcdPort, peerPort] = await ports(2);
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const etcd = startService('etcd', [
      bin('etcd'), '--data-dir', path.join(dir, 'etcd'), '--listen-client-urls', etcdUrl, '--advertise-client-urls', etcdUrl,
      '--listen-peer-urls', `http://127.0.0.1:${peerPort}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peerPort}`,
      '--initial-cluster', `default=http://127.0.0.1:${peerPort}`, '--log-level', 'warn',
      // A test store: no fsync per write (much faster on shared disks), nothing worth keeping after a crash.
      '--unsafe-no-fsync',
    ], { logDir: dir });
    services.push(etcd);
    await waitUntil(etcd, 'etcd /health', () => httpOk(`${etcdUrl}/health`), 30_000);
    const admin = pki.client('wharf-harness', 'system:masters');
    // The API servers start together: on 2 cores most of their start-up is waiting on each other's CPU anyway.
    const started = await Promise.allSettled(names.map((name) => startCluster(name, path.join(dir, name), { etcdUrl, pki, admin, webhook, services, admission, web })));
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const clusters = started.map((r) => (r as PromiseFulfilledResult<KubeCluster>).value);
    return { env: clusters[0].env, clusters, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

interface Shared {
  etcdUrl: string;
  pki: Pki;
  admin: { cert: string; key: string };
  webhook: TokenWebhook;
  services: Service[];
  admission: AdmissionWebhook;
  web: DemoWeb;
}

async function startCluster(name: string, dir: string, s: Shared): Promise<KubeCluster> {
  fs.mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const { pki } = s;
  const [apiPort, kwokPort, cmPort, schedPort] = await ports(4);
  const webhookConfig = kubeconfig(path.join(dir, 'token-webhook.kubeconfig'), s.webhook.urlFor(name), pki.caCert, pki.serverCert, pki.serverKey);
  const server = `https://127.0.0.1:${apiPort}`;
  const api = startService('kube-apiserver', [
    bin('kube-apiserver'), '--etcd-servers', s.etcdUrl, '--etcd-prefix', `/wharf/${name}/registry`,
    '--bind-address', '127.0.0.1', '--advertise-address', '127.0.0.1', '--secure-port', String(apiPort),
    '--tls-cert-file', pki.serverCert, '--tls-private-key-file', pki.serverKey, '--client-ca-file', pki.caCert,
    '--authorization-mode', 'RBAC', '--authentication-token-webhook-config-file', webhookConfig, '--authentication-token-webhook-version', 'v1',
    // No caching of token verdicts: an expired or revoked token must fail on its next use.
    '--authentication-token-webhook-cache-ttl', '0s',
    '--service-account-issuer', 'https://kubernetes.default.svc', '--service-account-key-file', pki.saPub, '--service-account-signing-key-file', pki.saKey,
    '--service-cluster-ip-range', '10.0.0.0/24', '--disable-admission-plugins', 'ServiceAccount', '--endpoint-reconciler-type', 'none',
    // Logs and exec reach kwok on the kubelet port with this client certificate; no kubelet CA, so its TLS is not verified.
    '--kubelet-client-certificate', s.admin.cert, '--kubelet-client-key', s.admin.key, '--allow-privileged=true', '--profiling=false',
    // A deprecated built-in API served, as older clusters serve theirs: resource.k8s.io/v1beta1 is deprecated in 1.35
    // and removed in 1.38, off by default in 1.37 (betaAPIGroupVersionsDisabledByDefault). The upgrade report reads it.
    '--runtime-config', 'resource.k8s.io/v1beta1=true',
  ], { logDir: dir });
  s.services.push(api);
  const creds: AdminCreds = { server, ca: pki.caCert, ...s.admin };
  await waitUntil(api, `kube-apiserver /readyz (${name})`, async () => (await kubeRequest(creds, 'GET', '/readyz')).status === 200, 120_000);
  const apiserverReady = Date.now() - t0;

  const component = (id: string, user: string, argv: string[], port: number) => {
    const c = pki.client(user);
    const kc = kubeconfig(path.join(dir, `${id}.kubeconfig`), server, pki.caCert, c.cert, c.key);
    const svc = startService(id, [
      bin(id), '--kubeconfig', kc, '--authentication-kubeconfig', kc, '--authorization-kubeconfig', kc,
      '--leader-elect=false', '--bind-address', '127.0.0.1', '--secure-port', String(port), ...argv,
    ], { logDir: dir });
    s.services.push(svc);
    return svc;
  };
  // Deployments, ReplicaSets, Jobs, DaemonSets and StatefulSets create pods; RBAC's aggregated roles get their rules.
  const cm = component('kube-controller-manager', 'system:kube-controller-manager', ['--service-account-private-key-file', pki.saKey, '--root-ca-file', pki.caCert, '--use-service-account-credentials=true'], cmPort);
  // Pods the controllers create are bound to the fake nodes as in a real cluster.
  const sched = component('kube-scheduler', 'system:kube-scheduler', [], schedPort);
  s.services.push(await startKwok(bin('kwok'), dir, creds, kwokPort, { cert: pki.serverCert, key: pki.serverKey }, { podPort: WEB_POD_PORT, webPort: s.web.port }));
  const nodeReady = Date.now() - t0;
  await grantTestPrincipals(creds, cm);
  await registerAdmissionWebhook(creds, s.admission.url, pki.caCert);
  const rbacReady = Date.now() - t0;
  // A component that died (a port taken, a flag a new release dropped) would otherwise show only as pods that never run.
  for (const svc of [cm, sched]) {
    if (svc.child.exitCode !== null || svc.child.signalCode !== null) throw new Error(`${svc.name} (${name}) exited during start-up.\n${logTail(svc)}`);
  }

  const version = (await kubeRequest<{ gitVersion: string }>(creds, 'GET', '/version')).body.gitVersion;
  return {
    name,
    creds,
    version,
    timings: { apiserverReady, nodeReady, rbacReady },
    env: {
      WHARF_TEST_KUBE_SERVER: server,
      WHARF_TEST_KUBE_CA_FILE: pki.caCert,
      WHARF_TEST_KUBE_ADMIN_CERT_FILE: s.admin.cert,
      WHARF_TEST_KUBE_ADMIN_KEY_FILE: s.admin.key,
      WHARF_TEST_KUBE_CLUSTER: name,
      WHARF_TEST_KUBE_VERSION: version,
      // The shared etcd, for tests that compact it (a watch from a compacted resourceVersion must get 410 Gone).
      WHARF_TEST_ETCD_URL: s.etcdUrl,
      // The demo web server that port-forwards of a pod's WEB_POD_PORT reach (through kwok).
      WHARF_TEST_KUBE_WEB_PORT: String(s.web.port),
    },
  };
}

async function grantTestPrincipals(c: AdminCreds, controllerManager: Service): Promise<void> {
  const bind = (name: string, role: string, subject: { kind: 'User' | 'Group'; name: string }) =>
    apply(c, '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', ...subject }],
    });
  // As EKS access policies do: the admin's user ARN to cluster-admin, the viewers' group to view.
  await bind('wharf-test-admin', 'cluster-admin', { kind: 'User', name: PRINCIPALS.admin.arn });
  await bind('wharf-test-viewers', 'view', { kind: 'Group', name: VIEWERS_GROUP });
  // `view` is an aggregated role: its rules appear once the controller-manager has aggregated them.
  await waitUntil(controllerManager, 'the view ClusterRole to be aggregated', async () => {
    const r = await kubeRequest<{ rules?: unknown[] }>(c, 'GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles/view');
    return (r.body.rules?.length ?? 0) > 0;
  }, 60_000);
}
