import { randomUUID } from 'node:crypto';
const NS = 'bench-scan'; const NODE = 'n';
const template = (i: number) => ({
  metadata: { labels: { app: `svc-${i % 200}`, team: ['checkout', 'cart', 'search', 'catalog'][i % 4] } },
  spec: {
    serviceAccountName: `sa-${i % 300}`,
    containers: [
      {
        name: 'app',
        image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/svc-${i % 200}:2.4.${i % 17}`,
        ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }],
        env: [{ name: 'AWS_REGION', value: 'us-east-1' }, { name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
        livenessProbe: { httpGet: { path: '/livez', port: 8080 }, periodSeconds: 10, failureThreshold: 6 },
        volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
      },
      { name: 'envoy', image: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod', resources: { requests: { cpu: '50m', memory: '64Mi' } } },
    ],
    volumes: [{ name: 'config', emptyDir: {} }],
  },
});

/** [etcd resource path, object] for object i of the mix. */
export function objectAt(i: number, created: string): [string, Record<string, unknown>] {
  const meta = (name: string, extra: object = {}) => ({ name, namespace: NS, uid: randomUUID(), creationTimestamp: created, ...extra });
  const k = i % 50;
  if (k < 25) {
    const t = template(i);
    return [`pods/${NS}/web-${i}`, {
      apiVersion: 'v1', kind: 'Pod',
      metadata: meta(`web-${i}`, { labels: t.metadata.labels, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' } }),
      spec: { ...t.spec, nodeName: NODE, tolerations: [{ operator: 'Exists' }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30 },
      status: { phase: 'Pending', qosClass: 'Burstable' },
    }];
  }
  if (k < 40) {
    return [`deployments/${NS}/api-${i}`, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(`api-${i}`, { generation: 1 }),
      spec: { replicas: 2 + (i % 3), paused: true, selector: { matchLabels: { app: `api-${i}` } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
        template: { ...template(i), metadata: { labels: { app: `api-${i}` } } } },
    }];
  }
  if (k < 47) {
    return [`services/specs/${NS}/svc-${i}`, {
      apiVersion: 'v1', kind: 'Service', metadata: meta(`svc-${i}`),
      spec: { clusterIP: 'None', clusterIPs: ['None'], type: 'ClusterIP', selector: { app: `api-${i - 15}` }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' },
    }];
  }
  return [`serviceaccounts/${NS}/sa-${i}`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(`sa-${i}`, i % 2 ? { annotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::123456789012:role/sa-${i}` } } : {}) }];
}

