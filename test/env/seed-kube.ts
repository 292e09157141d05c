// Workloads for a demo cluster: namespaces with Deployments, a StatefulSet, a DaemonSet and a Job whose pods run
// (kwok), and one pod in CrashLoopBackOff on a second node that kwok leaves alone.
import { apply, kubeRequest, type AdminCreds } from './kube-api';

const container = (name: string, image: string, extra: Record<string, unknown> = {}) => ({ name, image, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } }, ...extra });
const template = (app: string, containers: unknown[]) => ({ metadata: { labels: { app } }, spec: { containers } });

export async function seedKube(c: AdminCreds, variant: string): Promise<void> {
  for (const ns of ['shop', 'data', 'batch', 'observability']) await apply(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: ns } } });
  const deploy = (ns: string, name: string, replicas: number, image: string) =>
    apply(c, `/apis/apps/v1/namespaces/${ns}/deployments`, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: name } }, spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name, [container('app', image)]) } });
  await deploy('shop', 'storefront', 3, `public.ecr.aws/nginx/nginx:1.27-${variant}`);
  await deploy('shop', 'checkout', 2, '123456789012.dkr.ecr.us-east-1.amazonaws.com/checkout:2.4.1');
  await deploy('shop', 'cart', 2, '123456789012.dkr.ecr.us-east-1.amazonaws.com/cart:1.9.0');
  await apply(c, '/apis/apps/v1/namespaces/data/statefulsets', {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'orders-db' },
    spec: { serviceName: 'orders-db', replicas: 3, selector: { matchLabels: { app: 'orders-db' } }, template: template('orders-db', [container('postgres', 'public.ecr.aws/docker/library/postgres:16.4')]) },
  });
  await apply(c, '/apis/apps/v1/namespaces/observability/daemonsets', {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'fluent-bit' },
    spec: { selector: { matchLabels: { app: 'fluent-bit' } }, template: template('fluent-bit', [container('fluent-bit', 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2')]) },
  });
  await apply(c, '/apis/batch/v1/namespaces/batch/jobs', {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'nightly-report' },
    spec: { template: { metadata: { labels: { app: 'nightly-report' } }, spec: { restartPolicy: 'Never', containers: [container('report', '123456789012.dkr.ecr.us-east-1.amazonaws.com/report:1.8.0')] } } },
  });
  await crashLoopingPod(c);
}

async function crashLoopingPod(c: AdminCreds): Promise<void> {
  const node = 'ip-10-0-2-44.ec2.internal';
  await apply(c, '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: node, labels: { 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': 'us-east-1b' } } });
  await apply(c, '/api/v1/namespaces/shop/pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'recommendations-7d9f8c6b5-x2x9q', labels: { app: 'recommendations' } },
    spec: { nodeName: node, containers: [container('app', '123456789012.dkr.ecr.us-east-1.amazonaws.com/recommendations:0.9.3')] },
  });
  const since = new Date(Date.now() - 45_000).toISOString();
  const status = {
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
      containerStatuses: [{
        name: 'app', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/recommendations:0.9.3', imageID: '', ready: false, restartCount: 7, started: false,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: since, finishedAt: since } },
      }],
    },
  };
  const r = await kubeRequest(c, 'PATCH', '/api/v1/namespaces/shop/pods/recommendations-7d9f8c6b5-x2x9q/status', status);
  if (r.status >= 300) throw new Error(`could not set the CrashLoopBackOff status: ${r.status}`);
}
