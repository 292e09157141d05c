// The editor's budget: re-linting a 5,000-line manifest after a one-character edit, median at most 15 ms.
// Generates a multi-document manifest, lints it once, then makes one-character edits at spread-out places and
// times what the editor does per keystroke (parse + index + lint), the full way and with the incremental parser.
// Usage: npx tsx test/bench/editor-relint.ts [lines=5000 | FILE] [edits=200]
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolveConfig } from '../../src/lint/config';
import { lintFile } from '../../src/lint/engine';
import { IncrementalLinter } from '../../src/lint/incremental';
import { parseSource, type SourceFile } from '../../src/lint/source';
import { Workspace } from '../../src/lint/workspace';

const KINDS = [
  (n: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${n}
  namespace: team-${n % 7}
  labels: {app: app-${n}}
spec:
  replicas: ${1 + (n % 3)}
  selector:
    matchLabels:
      app: app-${n}
  template:
    metadata:
      labels:
        app: app-${n}
    spec:
      serviceAccountName: app-${n}
      containers:
        - name: app
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app-${n}:1.${n}.0
          ports:
            - containerPort: 8080 # http
          env:
            - name: LOG_LEVEL
              value: info
            - name: REGION
              value: us-east-1
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
          securityContext:
            allowPrivilegeEscalation: ${n % 2 === 0}
            readOnlyRootFilesystem: true
`,
  (n: number) => `apiVersion: v1
kind: Service
metadata:
  name: app-${n}
  namespace: team-${n % 7}
spec:
  selector:
    app: app-${n - 1}
  ports:
    - name: http
      port: 80
      targetPort: 8080
`,
  (n: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: app-${n}
  namespace: team-${n % 7}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app-${n - 2}}
  minReplicas: ${1 + (n % 2)}
  maxReplicas: 6
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: 70}
`,
  (n: number) => `# config for app-${n - 3}
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-${n}-config
  namespace: team-${n % 7}
data:
  settings.yaml: |
    feature: ${n}
    retries: 3
    endpoint: https://example.com/${n}
`,
];

/** About `lines` lines of Deployments, Services, HPAs and ConfigMaps that refer to each other. */
export function manifest(lines: number): string {
  const docs: string[] = [];
  let count = 0;
  for (let n = 0; count < lines; n++) {
    const doc = KINDS[n % KINDS.length](n);
    docs.push(doc);
    count += doc.split('\n').length;
  }
  return docs.join('---\n');
}

/** Deterministic pseudo-random numbers, so every run edits the same places. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

interface Result {
  wall: number;
  cpu: number;
}

// Wall time is what a person waits; CPU time of this process is what the work costs, and stays meaningful when
// other processes compete for the machine (CI, or several engineers' builds). Both are printed.
function bench(name: string, base: string, edits: number, relint: (text: string) => number): Result {
  const rand = rng(42);
  let text = base;
  const wall: number[] = [];
  const cpu: number[] = [];
  let findings = relint(text);
  // Warm up the JIT the way an editor session would before anyone measures it.
  for (let i = 0; i < 20; i++) relint(text);
  let at = 0;
  for (let i = 0; i < edits; i++) {
    // Type a character at a random place, then delete it again: the text stays the manifest, and the edits land
    // in values, keys, indentation and comments alike (some make the YAML invalid for a moment, as typing does).
    if (i % 2 === 0) at = Math.floor(rand() * text.length);
    text = i % 2 === 0 ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    findings = relint(text);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  console.log(
    `${name.padEnd(12)} wall median ${ms(percentile(wall, 0.5))} p95 ${ms(percentile(wall, 0.95))} | cpu median ${ms(percentile(cpu, 0.5))} p95 ${ms(percentile(cpu, 0.95))} | ${edits} edits, ${findings} findings at the end`,
  );
  return { wall: percentile(wall, 0.5), cpu: percentile(cpu, 0.5) };
}

function main(): void {
  // A file instead of a line count: its own text is edited (a large CRD, say).
  const file = process.argv[2] && fs.existsSync(process.argv[2]) ? process.argv[2] : undefined;
  const lines = file ? 0 : Number(process.argv[2] ?? 5000);
  const edits = Number(process.argv[3] ?? 200);
  const text = file ? fs.readFileSync(file, 'utf8') : manifest(lines);
  console.log(`${file ?? 'manifest'}: ${text.split('\n').length} lines, ${text.split('\n---\n').length} documents, ${(text.length / 1024).toFixed(0)} KiB`);
  const path = '/bench/manifest.yaml';

  const fullWs = new Workspace();
  const full = bench('full', text, edits, (t) => {
    const file: SourceFile = parseSource(path, t);
    fullWs.set(file);
    return lintFile(file, { workspace: fullWs }).length;
  });

  const incWs = new Workspace();
  const linter = new IncrementalLinter();
  const config = resolveConfig();
  const inc = bench('incremental', text, edits, (t) => linter.lint(path, t, { workspace: incWs, config }).findings.length);

  const budget = 15;
  const verdict = (r: Result) => `${r.wall <= budget ? 'within' : 'OVER'} (wall), ${r.cpu <= budget ? 'within' : 'OVER'} (cpu)`;
  console.log(`budget ${budget} ms median: full ${verdict(full)}; incremental ${verdict(inc)}`);
  const [a, b] = [new Workspace(), new Workspace()];
  const final = linter.lint(path, text, { workspace: a, config }).findings;
  if (JSON.stringify(final) !== JSON.stringify(lintFile(parseSource(path, text), { workspace: b, config }))) throw new Error('incremental findings differ from a full lint');
}

if (require.main === module) main();
