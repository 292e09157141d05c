// A deterministic benchmark corpus: one multi-document file of N Kubernetes objects shaped like a real platform
// repository (apps per namespace, each a workload with its Service, ConfigMap, HPA and PDB), some with problems.
// Seeded, so every run and every machine lints the same bytes. `--dense` makes most workloads carry several findings
// (unpinned images, no requests, probes, security context...), the shape where locating, formatting and writing each
// finding is what costs. Usage: tsx test/bench/corpus.ts OUT [COUNT] [SEED] [--dense]
import * as fs from 'node:fs';
import * as path from 'node:path';

/** mulberry32: tiny, fast and good enough to vary a corpus; Math.random can't be seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';
const KINDS: [Kind, number][] = [['Deployment', 0.5], ['StatefulSet', 0.15], ['DaemonSet', 0.1], ['Job', 0.1], ['CronJob', 0.15]];
const IMAGES = ['nginx', 'api', 'worker', 'redis', 'postgres', 'envoy', 'fluent-bit', 'billing', 'search', 'auth'];

/**
 * `dense`: every chance of a good practice is cut to a fifth and every chance of a problem raised towards 1 - (1 - p)^6,
 * so the same shapes carry several findings each (about six per object on 10,000 objects instead of under two).
 */
export function generateCorpus(count: number, seed = 42, dense = false): string {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const bad = dense ? (p: number) => rnd() < 1 - (1 - p) ** 6 : chance;
  const good = dense ? (p: number) => rnd() < p / 5 : chance;
  const docs: string[] = [];
  for (let app = 0; docs.length < count; app++) {
    const ns = `team-${app % 40}`;
    const name = `${pick(IMAGES)}-${app}`;
    let r = rnd();
    const kind = KINDS.find(([, w]) => (r -= w) < 0)?.[0] ?? 'Deployment';
    const replicated = kind === 'Deployment' || kind === 'StatefulSet';
    const replicas = replicated ? (bad(0.2) ? 1 : 2 + Math.floor(rnd() * 4)) : 1;
    docs.push(workload(kind, name, ns, replicas, rnd, { good, bad }, pick));
    if (docs.length < count) docs.push(configMap(name, ns, rnd));
    if (replicated && docs.length < count) docs.push(service(name, ns, bad(0.1)));
    if (kind === 'Deployment' && chance(0.4) && docs.length < count) docs.push(hpa(name, ns, bad(0.2) ? 1 : 2));
    if (replicated && chance(0.5) && docs.length < count) docs.push(pdb(name, ns, bad(0.1)));
  }
  return docs.join('---\n');
}

/** Chances of a good practice and of a problem, apart so a dense corpus can turn one down and the other up. */
interface Odds {
  good: (p: number) => boolean;
  bad: (p: number) => boolean;
}

function workload(kind: Kind, name: string, ns: string, replicas: number, rnd: () => number, odds: Odds, pick: <T>(xs: readonly T[]) => T): string {
  const { good, bad } = odds;
  // Problems appear at realistic rates so most rules have something to report.
  const tag = bad(0.1) ? 'latest' : `1.${Math.floor(rnd() * 30)}.${Math.floor(rnd() * 10)}`;
  const image = good(0.7) ? `123456789012.dkr.ecr.eu-west-1.amazonaws.com/${pick(IMAGES)}:${tag}` : `${pick(IMAGES)}:${tag}`;
  const pad = kind === 'CronJob' ? '        ' : '    ';
  const pod = podSpec(name, image, kind, rnd, odds).split('\n').map((l) => (l ? pad + l : l)).join('\n');
  const labels = `{app: ${name}, tier: ${pick(['web', 'backend', 'data'])}}`;
  const head = `apiVersion: ${kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1'}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: {app: ${name}}\n`;
  if (kind === 'CronJob') {
    return `${head}spec:\n  schedule: "${Math.floor(rnd() * 60)} * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          labels: ${labels}\n${pod}`;
  }
  if (kind === 'Job') return `${head}spec:\n  backoffLimit: 3\n  template:\n    metadata:\n      labels: ${labels}\n${pod}`;
  const reps = kind === 'DaemonSet' ? '' : `  replicas: ${replicas}\n`;
  const svc = kind === 'StatefulSet' ? `  serviceName: ${name}\n` : '';
  return `${head}spec:\n${reps}${svc}  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: ${labels}\n${pod}`;
}

function podSpec(name: string, image: string, kind: Kind, rnd: () => number, { good, bad }: Odds): string {
  const lines = ['spec:'];
  if (kind === 'Job' || kind === 'CronJob') lines.push('  restartPolicy: OnFailure');
  if (good(0.7)) lines.push(`  serviceAccountName: ${name}`);
  if (bad(0.05)) lines.push('  hostNetwork: true');
  if (good(0.6)) lines.push('  securityContext:', '    runAsNonRoot: true', '    seccompProfile: {type: RuntimeDefault}');
  if (good(0.5)) {
    lines.push('  topologySpreadConstraints:', '    - maxSkew: 1', '      topologyKey: topology.kubernetes.io/zone', '      whenUnsatisfiable: ScheduleAnyway', `      labelSelector: {matchLabels: {app: ${name}}}`);
  }
  lines.push('  containers:', `    - name: ${name.replace(/-\d+$/, '')}`, `      image: ${image}`);
  const serves = kind !== 'Job' && kind !== 'CronJob';
  if (serves) lines.push('      ports:', `        - containerPort: ${8000 + Math.floor(rnd() * 1000)}`, '          name: http');
  lines.push('      env:', '        - name: LOG_LEVEL', '          value: info', `        - name: CONFIG`, `          valueFrom: {configMapKeyRef: {name: ${name}, key: config}}`);
  if (bad(0.03)) lines.push('        - name: DB_PASSWORD', '          value: hunter2');
  if (good(0.8)) {
    lines.push('      resources:', `        requests: {cpu: ${100 + Math.floor(rnd() * 900)}m, memory: ${128 * (1 + Math.floor(rnd() * 8))}Mi}`);
    if (good(0.7)) lines.push(`        limits: {memory: ${128 * (8 + Math.floor(rnd() * 8))}Mi}`);
  }
  if (serves && good(0.7)) lines.push('      readinessProbe:', '        httpGet: {path: /healthz, port: http}', '        periodSeconds: 5');
  if (serves && good(0.5)) lines.push('      livenessProbe:', '        httpGet: {path: /livez, port: http}', '        periodSeconds: 10');
  if (serves && good(0.5)) lines.push('      lifecycle:', '        preStop:', '          sleep: {seconds: 10}');
  const sc = ['      securityContext:'];
  if (good(0.7)) sc.push('        allowPrivilegeEscalation: false');
  if (good(0.6)) sc.push('        readOnlyRootFilesystem: true');
  if (good(0.6)) sc.push('        capabilities: {drop: [ALL]}');
  if (bad(0.02)) sc.push('        privileged: true');
  if (sc.length > 1) lines.push(...sc);
  if (bad(0.05)) lines.push('      volumeMounts: [{name: docker, mountPath: /var/run/docker.sock}]', '  volumes:', '    - name: docker', '      hostPath: {path: /var/run/docker.sock}');
  return lines.join('\n') + '\n';
}

function configMap(name: string, ns: string, rnd: () => number): string {
  const entries = Array.from({ length: 2 + Math.floor(rnd() * 4) }, (_, i) => `  key${i}: "value-${Math.floor(rnd() * 1e6)}"`);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  config: |\n    listen: 0.0.0.0\n    workers: 4\n${entries.join('\n')}\n`;
}

function service(name: string, ns: string, lb: boolean): string {
  const type = lb ? '  type: LoadBalancer\n' : '';
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${type}  selector: {app: ${name}}\n  ports:\n    - port: 80\n      targetPort: http\n`;
}

function hpa(name: string, ns: string, min: number): string {
  return `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}\n  minReplicas: ${min}\n  maxReplicas: 10\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n`;
}

function pdb(name: string, ns: string, blocks: boolean): string {
  const budget = blocks ? 'maxUnavailable: 0' : 'maxUnavailable: 1';
  return `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  ${budget}\n  selector:\n    matchLabels: {app: ${name}}\n`;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const dense = args.includes('--dense');
  const [out, count = '10000', seed = '42'] = args.filter((a) => a !== '--dense');
  if (!out) {
    process.stderr.write('usage: tsx test/bench/corpus.ts OUT [COUNT] [SEED] [--dense]\n');
    process.exit(2);
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const text = generateCorpus(Number(count), Number(seed), dense);
  fs.writeFileSync(out, text);
  process.stdout.write(`${out}: ${Number(count)} objects${dense ? ' (dense)' : ''}, ${(text.length / 1e6).toFixed(1)} MB\n`);
}
