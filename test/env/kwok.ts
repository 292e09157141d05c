// kwok as the kubelet of the test clusters' fake nodes: it marks nodes Ready, moves scheduled pods to Running (and Job
// pods to Succeeded), and serves `logs` and `exec` through the API server on the kubelet port. Logs come from files
// written here in the kubelet's CRI log format; exec runs the requested command for real, in a scratch folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kubeconfig } from './certs';
import { apply, kubeRequest, type AdminCreds } from './kube-api';
import { startService, waitUntil, type Service } from './proc';

/** Nodes with this annotation are kwok's; any other node is left alone (NotReady), as a node whose kubelet died. */
export const FAKE_NODE_ANNOTATION = 'kwok.x-k8s.io/node';
export const FIRST_NODE = 'ip-10-0-1-17.ec2.internal';
/**
 * A container of this name logs a crash (and a previous run's crash for `logs --previous`): the seed makes its pod
 * CrashLoopBackOff, and its logs say why, as a real one's would.
 */
export const CRASHING_CONTAINER = 'recommender';

function criLog(lines: string[], start: Date, stream = 'stdout'): string {
  // CRI log format, as kubelet stores container logs: time, stream, tag (F = full line), message.
  return lines.map((l, i) => `${new Date(start.getTime() + i * 1000).toISOString().replace('Z', '000000Z')} ${stream} F ${l}`).join('\n') + '\n';
}

function writeLogs(dir: string): Record<'app' | 'crash' | 'crashPrevious', string> {
  const t0 = new Date(Date.now() - 10 * 60_000);
  const files = { app: path.join(dir, 'app.log'), crash: path.join(dir, 'crash.log'), crashPrevious: path.join(dir, 'crash-previous.log') };
  fs.writeFileSync(files.app, criLog(Array.from({ length: 20 }, (_, i) => `INFO request ${i + 1} served in ${10 + i} ms`), t0));
  const crash = (attempt: number) => [
    `INFO recommender 0.9.3 starting (attempt ${attempt})`,
    'INFO loading model from s3://shop-models/recommendations/latest',
    'ERROR AccessDenied: User: arn:aws:sts::123456789012:assumed-role/recommender/i-0abc is not authorized to perform: s3:GetObject',
    'FATAL cannot start without a model; exiting with code 1',
  ];
  fs.writeFileSync(files.crash, criLog(crash(8), new Date(Date.now() - 20_000), 'stderr'));
  fs.writeFileSync(files.crashPrevious, criLog(crash(7), new Date(Date.now() - 5 * 60_000), 'stderr'));
  return files;
}

/**
 * kwok's port-forward configuration: every pod's `podPort` goes to the demo web server (demo-web.ts) on loopback.
 * Other ports have no forward, so kwok answers them on the port's error channel, as a kubelet does for a closed port.
 */
export function portForwardConfig(podPort: number, webPort: number): string {
  return `---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterPortForward
metadata:
  name: web-pods
spec:
  selector: {}
  forwards:
  - ports: [${podPort}]
    target:
      address: 127.0.0.1
      port: ${webPort}
`;
}

/** Starts kwok for one cluster; its node(s) answer logs and exec on 127.0.0.1:`port` (and port-forward with `web`). */
export async function startKwok(kwokBin: string, dir: string, creds: AdminCreds, port: number, tls: { cert: string; key: string }, web?: { podPort: number; webPort: number }): Promise<Service> {
  const logs = writeLogs(dir);
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
    logsFile: ${logs.app}
    follow: false
  - containers: [${CRASHING_CONTAINER}]
    logsFile: ${logs.crash}
    previousLogsFile: ${logs.crashPrevious}
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
${web ? portForwardConfig(web.podPort, web.webPort) : ''}`);
  const kc = kubeconfig(path.join(dir, 'kwok.kubeconfig'), creds.server, creds.ca, creds.cert, creds.key);
  const kwok = startService('kwok', [
    kwokBin, '--kubeconfig', kc, '-c', path.join(dir, 'kwok.yaml'), '--manage-nodes-with-annotation-selector', `${FAKE_NODE_ANNOTATION}=fake`,
    '--node-ip', '127.0.0.1', '--node-port', String(port), '--server-address', `127.0.0.1:${port}`, '--tls-cert-file', tls.cert, '--tls-private-key-file', tls.key,
    '--node-lease-duration-seconds', '40',
  ], { logDir: dir, env: { ...process.env, HOME: dir } });
  try {
    await addFakeNode(creds, FIRST_NODE, 'us-east-1a');
    await waitUntil(kwok, 'the fake node to be Ready', () => nodeReady(creds, FIRST_NODE), 30_000);
  } catch (e) {
    await kwok.stop();
    throw e;
  }
  return kwok;
}

/** Registers a node that kwok runs (Ready, pods on it Running), with the labels an EKS managed node group sets. */
export async function addFakeNode(creds: AdminCreds, name: string, zone: string, extraLabels: Record<string, string> = {}): Promise<void> {
  await apply(creds, '/api/v1/nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { [FAKE_NODE_ANNOTATION]: 'fake' },
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/region': 'us-east-1',
        'topology.kubernetes.io/zone': zone,
        'node.kubernetes.io/instance-type': 'm6i.large',
        'eks.amazonaws.com/nodegroup': 'general',
        'eks.amazonaws.com/capacityType': 'ON_DEMAND',
        ...extraLabels,
      },
    },
    status: { allocatable: { cpu: '32', memory: '256Gi', pods: '250' }, capacity: { cpu: '32', memory: '256Gi', pods: '250' } },
  });
}

export async function nodeReady(creds: AdminCreds, name: string): Promise<boolean> {
  const r = await kubeRequest<{ status?: { conditions?: { type: string; status: string }[] } }>(creds, 'GET', `/api/v1/nodes/${name}`);
  return r.body.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * Sets the kubelet version a node reports (status.nodeInfo.kubeletVersion). kwok keeps a version already set and
 * reports its own (`kwok-v0.7.0`) only where none is, so the harness can show nodes at, and behind, the cluster's version.
 */
export async function setKubeletVersion(creds: AdminCreds, name: string, kubeletVersion: string): Promise<void> {
  const r = await kubeRequest(creds, 'PATCH', `/api/v1/nodes/${name}/status`, { status: { nodeInfo: { kubeletVersion, kubeProxyVersion: kubeletVersion } } });
  if (r.status >= 300) throw new Error(`kwok: could not set the kubelet version of ${name}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
}
