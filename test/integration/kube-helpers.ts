// Shared by the Kubernetes integration tests: where the local API server is, and clients for it.
import * as k8s from '@kubernetes/client-node';
import { getEksToken } from '../../src/aws/eks-token';
import { requireEnv } from '../env/env';
import type { AdminCreds } from '../env/kube-api';
import { PRINCIPALS } from '../env/kube';

export const server = () => requireEnv('WHARF_TEST_KUBE_SERVER');
export const caFile = () => requireEnv('WHARF_TEST_KUBE_CA_FILE');
export const cluster = () => requireEnv('WHARF_TEST_KUBE_CLUSTER');

export function adminCreds(): AdminCreds {
  return { server: server(), ca: caFile(), cert: requireEnv('WHARF_TEST_KUBE_ADMIN_CERT_FILE'), key: requireEnv('WHARF_TEST_KUBE_ADMIN_KEY_FILE') };
}

export async function tokenFor(who: keyof typeof PRINCIPALS, opts: { cluster?: string; now?: Date } = {}): Promise<string> {
  const p = PRINCIPALS[who];
  const { token } = await getEksToken({ clusterName: opts.cluster ?? cluster(), region: 'us-east-1', credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey }, now: opts.now });
  return token;
}

/** A client-node configuration the way Wharf builds one for an EKS cluster: server, CA, bearer EKS token. */
export function kubeConfigWithToken(token: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'eks', server: server(), caFile: caFile(), skipTLSVerify: false }],
    users: [{ name: 'eks', token }],
    contexts: [{ name: 'eks', cluster: 'eks', user: 'eks' }],
    currentContext: 'eks',
  });
  return kc;
}

/** A raw request with a bearer token, to see the API server's own status code. */
export async function getWithToken(path: string, token: string, method = 'GET', body?: unknown): Promise<number> {
  const https = await import('node:https');
  const fs = await import('node:fs');
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, server()), { method, ca: fs.readFileSync(caFile()), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
