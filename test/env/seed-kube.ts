// A realistic estate in one local cluster, for the demo and for tests that want more than one pod: namespaces with
// Deployments (and their Services), a StatefulSet, a DaemonSet on two nodes in two zones, a completed Job, and one
// Deployment whose pod is in CrashLoopBackOff with logs that say why. The controllers and kwok make every pod for
// real; only the crash-looping pod's container status is set by hand, since kwok runs no containers to crash.
import { CRASHING_CONTAINER, addFakeNode, nodeReady } from './kwok';
import { apply, kubeRequest, type AdminCreds } from './kube-api';
import { ESTATE_EKS } from './seed-aws';
import { seedUpgradeFixtures } from './seed-upgrade';

const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

export interface SeedSummary {
  namespaces: string[];
  /** Pods that ended Running (or Succeeded, for the Job) as kwok moved them. */
  pods: number;
  crashLoopPod: { namespace: string; name: string; container: string };
}

interface PodList {
  items: { metadata: { name: string; namespace: string; labels?: Record<string, string> }; spec?: { nodeName?: string }; status?: { phase?: string; podIP?: string } }[];
}

const container = (name: string, image: string, port?: number) => ({
  name,
  image,
  ...(port ? { ports: [{ containerPort: port }], readinessProbe: { httpGet: { path: '/healthz', port } } } : {}),
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
});
const template = (app: string, containers: unknown[]) => ({ metadata: { labels: { app } }, spec: { containers } });

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`seed-kube: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Seeds one cluster. `variant` (the EKS cluster's name) labels what is made, so clusters are told apart. */
export async function seedKube(c: AdminCreds, variant: string): Promise<SeedSummary> {
  const namespaces = ['shop', 'data', 'batch', 'observability'];
  for (const ns of namespaces) await apply(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: ns, 'wharf.dev/cluster': variant } } });
  // A second node in a second zone, so spread workloads and the DaemonSet look as they do on a real node group.
  await addFakeNode(c, 'ip-10-0-2-44.ec2.internal', 'us-east-1b');
  await until('the second node to be Ready', async () => ((await nodeReady(c, 'ip-10-0-2-44.ec2.internal')) ? true : undefined));

  const deploy = async (ns: string, name: string, replicas: number, image: string, port?: number, containerName = 'app') => {
    await apply(c, `/apis/apps/v1/namespaces/${ns}/deployments`, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: name } },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name, [container(containerName, image, port)]) },
    });
    if (port) await apply(c, `/api/v1/namespaces/${ns}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: port }] } });
  };
  await deploy('shop', 'storefront', 3, 'public.ecr.aws/nginx/nginx:1.27', 8080);
  await deploy('shop', 'checkout', 2, `${ECR}/checkout:2.4.1`, 8080);
  await deploy('shop', 'cart', 2, `${ECR}/cart:1.9.0`, 8080);
  await deploy('shop', 'recommendations', 1, `${ECR}/recommendations:0.9.3`, 8080, CRASHING_CONTAINER);
  // An autoscaler on checkout, so Scale… shows what an HPA will do to a count outside its range (kept at 2-8).
  await apply(c, '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers', {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'checkout' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout' }, minReplicas: 2, maxReplicas: 8, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
  });
  await apply(c, '/api/v1/namespaces/data/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'orders-db' }, spec: { clusterIP: 'None', selector: { app: 'orders-db' }, ports: [{ port: 5432 }] } });
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
    spec: { template: { metadata: { labels: { app: 'nightly-report' } }, spec: { restartPolicy: 'Never', containers: [container('report', `${ECR}/report:1.8.0`)] } } },
  });

  // 3 + 2 + 2 + 1 Deployment pods, 3 StatefulSet pods (one after another), 2 DaemonSet pods, 1 Job pod.
  const expected = 14;
  const pods = await until(`${expected} pods to run`, async () => {
    const all = (await kubeRequest<PodList>(c, 'GET', '/api/v1/pods')).body.items.filter((p) => namespaces.includes(p.metadata.namespace));
    const done = all.filter((p) => (p.status?.phase === 'Running' && p.status.podIP) || p.status?.phase === 'Succeeded');
    return done.length >= expected ? all : undefined;
  });
  const crashing = pods.find((p) => p.metadata.labels?.app === 'recommendations');
  if (!crashing) throw new Error('seed-kube: the recommendations pod is missing');
  await crashLoop(c, crashing.metadata.namespace, crashing.metadata.name, crashing.spec?.nodeName ?? '');
  // For the upgrade readiness report: a CRD stored in a deprecated version, a deprecated built-in API, a lagging node.
  const eksVersion = ESTATE_EKS.find((e) => e.name === variant)?.version ?? (await kubeRequest<{ major: string; minor: string }>(c, 'GET', '/version')).body.minor.replace(/\D.*$/, '');
  await seedUpgradeFixtures(c, eksVersion.includes('.') ? eksVersion : `1.${eksVersion}`);
  return { namespaces, pods: pods.length, crashLoopPod: { namespace: crashing.metadata.namespace, name: crashing.metadata.name, container: CRASHING_CONTAINER } };
}

/**
 * Puts a Running pod into CrashLoopBackOff as kubelet reports it. kwok leaves a pod alone once it has an IP, so the
 * status stays; the container logs (kwok's crash log for this container name) show the failure.
 */
async function crashLoop(c: AdminCreds, namespace: string, name: string, node: string): Promise<void> {
  const now = Date.now();
  const at = (msAgo: number) => new Date(now - msAgo).toISOString().replace(/\.\d+Z$/, 'Z');
  const image = `${ECR}/recommendations:0.9.3`;
  const status = {
    status: {
      phase: 'Running',
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: at(600_000) },
        { type: 'Initialized', status: 'True', lastTransitionTime: at(600_000) },
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${CRASHING_CONTAINER}]`, lastTransitionTime: at(600_000) },
        { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${CRASHING_CONTAINER}]`, lastTransitionTime: at(600_000) },
      ],
      containerStatuses: [{
        name: CRASHING_CONTAINER, image, imageID: `${image.split(':')[0]}@sha256:${'7c4e'.repeat(16)}`, ready: false, restartCount: 8, started: false,
        state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${CRASHING_CONTAINER} pod=${name}_${namespace}` } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: at(25_000), finishedAt: at(20_000), containerID: `containerd://${'9f2b'.repeat(16)}` } },
      }],
    },
  };
  const r = await kubeRequest(c, 'PATCH', `/api/v1/namespaces/${namespace}/pods/${name}/status`, status);
  if (r.status >= 300) throw new Error(`seed-kube: could not set the CrashLoopBackOff status: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  // The event kubelet would record, which `kubectl describe` and Wharf's views show.
  await apply(c, `/api/v1/namespaces/${namespace}/events`, {
    apiVersion: 'v1', kind: 'Event', metadata: { name: `${name}.backoff` },
    involvedObject: { kind: 'Pod', namespace, name, apiVersion: 'v1', fieldPath: `spec.containers{${CRASHING_CONTAINER}}` },
    reason: 'BackOff', message: `Back-off restarting failed container ${CRASHING_CONTAINER} in pod ${name}_${namespace}`, type: 'Warning', count: 37,
    firstTimestamp: at(600_000), lastTimestamp: at(5_000), source: { component: 'kubelet', host: node },
  });
}
