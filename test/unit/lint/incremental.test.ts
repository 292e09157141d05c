// The incremental parser must be invisible: after any sequence of edits the SourceFile it builds equals
// parseSource's, and the findings equal a full parse + lint of the same text. Edits are random but seeded, so a failure
// names the step that broke and replays the same way.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { resolveConfig } from '../../../src/lint/config';
import { lintFile } from '../../../src/lint/engine';
import { IncrementalLinter, IncrementalParser } from '../../../src/lint/incremental';
import { parseSource, type SourceFile } from '../../../src/lint/source';
import { Workspace } from '../../../src/lint/workspace';
import { manifest, rng } from '../../bench/editor-relint';

// Documents that exercise what the generated manifest doesn't: suppressions, annotations, Lists, Windows and
// Linux selectors, PDBs, IRSA ServiceAccounts, bindings and webhooks. Random edits add the syntax errors.
const EXTRA = `# wharf-disable-next-line image-tag-pinned
apiVersion: v1
kind: Pod
metadata:
  name: bare
  annotations:
    wharf.dev/ignore: "no-privileged, no-such-rule"
spec:
  containers:
    - name: app
      image: nginx
      securityContext: {privileged: true}
---
# wharf-disable topology-spread, replicas-min
apiVersion: apps/v1
kind: Deployment
metadata: {name: win, namespace: team-1}
spec:
  replicas: 1
  selector: {matchLabels: {app: win}}
  template:
    metadata: {labels: {app: win}}
    spec:
      serviceAccountName: irsa
      containers:
        - name: app
          image: mcr.microsoft.com/windows/servercore:ltsc2022
          ports: [{containerPort: 80}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: app-0, namespace: team-0}
spec:
  maxUnavailable: 0
  selector: {matchLabels: {app: app-0}}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: irsa
  namespace: team-1
  annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/x"}
---
apiVersion: v1
kind: List
items:
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: admins}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
    subjects: [{kind: ServiceAccount, name: app-4, namespace: team-4}]
  - apiVersion: admissionregistration.k8s.io/v1
    kind: ValidatingWebhookConfiguration
    metadata: {name: hook}
    webhooks:
      - name: hook.example.com
        timeoutSeconds: 30
        failurePolicy: Fail
        rules: [{operations: ["*"], apiGroups: ["*"], apiVersions: ["*"], resources: ["pods"]}]
---
apiVersion: v1
kind: Service
metadata: {name: lb, namespace: team-0}
spec:
  type: LoadBalancer
  selector: {app: app-0}
  ports: [{port: 80}]
`;

// What a person types: characters that change structure as well as values, and whole lines.
const TYPED = ['x', '1', ' ', '\n', ':', '-', '#', '"', '{', '}', '[', ']', '\t', '---\n', '\n---\n', '  - name: y\n', 'é', '😀'];

function edit(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  const r = rand();
  if (r < 0.45) return text.slice(0, at) + TYPED[Math.floor(rand() * TYPED.length)] + text.slice(at);
  if (r < 0.8) return text.slice(0, at) + text.slice(at + 1);
  if (r < 0.9) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 200));
  // Paste a slice of the text elsewhere (copying a document, duplicating a container).
  const from = Math.floor(rand() * text.length);
  return text.slice(0, at) + text.slice(from, from + Math.floor(rand() * 400)) + text.slice(at);
}

/** What the engine reads of a SourceFile, as plain data. */
function shape(f: SourceFile): unknown {
  return {
    lines: f.lineCounter.lineStarts,
    helm: f.helm,
    docs: f.docs.map((d) => ({ index: d.index, span: d.span, error: d.error, ranges: ranges(d.doc.contents) })),
    objects: f.objects.map((o) => ({ kind: o.kind, name: o.name, namespace: o.namespace, listIndex: o.listIndex, doc: o.doc.index, value: o.value, range: o.node.range })),
  };
}

function ranges(node: unknown, out: number[][] = []): number[][] {
  if (!node || typeof node !== 'object') return out;
  const n = node as { range?: number[]; items?: unknown[]; key?: unknown; value?: unknown };
  if (n.range) out.push([...n.range]);
  for (const it of n.items ?? []) ranges(it, out);
  if ('key' in n) ranges(n.key, out);
  if ('value' in n && typeof n.value === 'object') ranges(n.value, out);
  return out;
}

function check(linter: IncrementalLinter, parser: IncrementalParser, file: string, text: string, step: string, others: SourceFile[] = []) {
  const config = resolveConfig();
  const incWs = new Workspace();
  const fullWs = new Workspace();
  for (const o of others) {
    incWs.set(o);
    fullWs.set(o);
  }
  return { config, incWs, fullWs, run: () => compare(linter, parser, file, text, step, config, incWs, fullWs) };
}

/** Compares with a full parse and lint; true when the text was parsed incrementally (not whole). */
function compare(linter: IncrementalLinter, parser: IncrementalParser, file: string, text: string, step: string, config: ReturnType<typeof resolveConfig>, incWs: Workspace, fullWs: Workspace): boolean {
  const full = parseSource(file, text);
  const parsed = parser.parse(file, text);
  assert.deepEqual(shape(parsed.file), shape(full), `source file differs at ${step}`);
  fullWs.set(full);
  const expected = lintFile(full, { workspace: fullWs, config });
  const got = linter.lint(file, text, { workspace: incWs, config }).findings;
  assert.deepEqual(got, expected, `findings differ at ${step}`);
  return parsed.segments !== undefined;
}

function randomSession(seed: number, base: string, steps: number): number {
  const rand = rng(seed);
  const linter = new IncrementalLinter();
  const parser = new IncrementalParser();
  const file = '/ws/manifests.yaml';
  const { config, incWs, fullWs } = check(linter, parser, file, base, 'start');
  const history = [base];
  let text = base;
  let lastValid = base;
  let incremental = 0;
  for (let i = 0; i < steps; i++) {
    // Now and then, undo to an earlier text (as Ctrl+Z does), which reuses segments from further back; and as a
    // person fixes a syntax error sooner or later, a broken text often goes back to the last valid one.
    const broken = text !== lastValid && parseSource(file, text).docs.some((d) => d.error);
    if (broken && rand() < 0.5) text = lastValid;
    else text = rand() < 0.05 ? history[Math.floor(rand() * history.length)] : edit(text, rand);
    if (!parseSource(file, text).docs.some((d) => d.error)) lastValid = text;
    history.push(text);
    if (compare(linter, parser, file, text, `seed ${seed} step ${i}`, config, incWs, fullWs)) incremental++;
  }
  return incremental / steps;
}

describe('incremental linting', () => {
  it('shifts node ranges in place safely: yaml gives every node its own range array', () => {
    const seen = new Set<unknown>();
    for (const d of parseAllDocuments(manifest(300) + '---\n' + EXTRA) as unknown as { range: unknown; contents: unknown }[]) {
      const all: unknown[] = [d.range];
      const walk = (n: unknown) => {
        if (!n || typeof n !== 'object') return;
        const x = n as { range?: unknown; items?: unknown[]; key?: unknown; value?: unknown };
        if (x.range) all.push(x.range);
        x.items?.forEach(walk);
        walk(x.key);
        walk(x.value);
      };
      walk(d.contents);
      for (const r of all) {
        assert.ok(!seen.has(r), 'a range array is shared between nodes');
        seen.add(r);
      }
    }
  });

  for (const seed of [1, 2, 3]) {
    it(`matches a full lint over 100 random edits (seed ${seed})`, () => {
      const share = randomSession(seed, manifest(200) + '---\n' + EXTRA, 100);
      // Texts with syntax errors are parsed whole; most edits must still have taken the incremental path.
      assert.ok(share > 0.4, `only ${Math.round(share * 100)}% of the edits were parsed incrementally`);
    });
  }

  it('matches while a document has a syntax error (the text is then parsed whole)', () => {
    randomSession(5, `${manifest(100)}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: broken\ndata: {a: 1}\n`, 30);
  });

  it('matches on CRLF text (Windows line ends), parsed incrementally: yaml reads the changed segments', () => {
    const share = randomSession(10, manifest(200).replace(/\n/g, '\r\n'), 60);
    assert.ok(share > 0.4, `only ${Math.round(share * 100)}% of the edits were parsed incrementally`);
  });

  it('matches on CRLF text and text with a BOM, a directive and Helm syntax (parsed whole)', () => {
    randomSession(7, '\uFEFF' + manifest(100).replace(/\n/g, '\r\n'), 40);
    randomSession(8, `%YAML 1.2\n---\n${manifest(60)}`, 20);
    randomSession(9, `${manifest(60)}---\nimage: {{ .Values.image }}\n`, 20);
  });

  it('follows changes to other files of the workspace and to the configuration', () => {
    const linter = new IncrementalLinter();
    const parser = new IncrementalParser();
    const file = '/ws/app.yaml';
    const text = manifest(200);
    const { incWs, fullWs } = check(linter, parser, file, text, 'start');
    const config = resolveConfig();
    compare(linter, parser, file, text, 'first', config, incWs, fullWs);
    // An HPA in another file makes app-0 multi-replica, then a PDB covers it, then the HPA goes away.
    const hpa = parseSource('/ws/hpa.yaml', 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: team-0}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app-0}\n  minReplicas: 2\n  maxReplicas: 4\n');
    const pdb = parseSource('/ws/pdb.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p, namespace: team-0}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: app-0}}\n');
    for (const [what, change] of [
      ['hpa added', () => [incWs, fullWs].forEach((w) => w.set(hpa))],
      ['pdb added', () => [incWs, fullWs].forEach((w) => w.set(pdb))],
      ['hpa removed', () => [incWs, fullWs].forEach((w) => w.delete(hpa.path))],
    ] as const) {
      change();
      compare(linter, parser, file, text, what, config, incWs, fullWs);
    }
    const strict = resolveConfig({ rules: { 'topology-spread': 'error', 'memory-limit': 'off' }, kubernetesVersion: '1.24' });
    compare(linter, parser, file, text, 'new config', strict, incWs, fullWs);
    compare(linter, parser, file, text.replace('replicas: 1', 'replicas: 3'), 'edit under new config', strict, incWs, fullWs);
  });

  const corpus = path.resolve(__dirname, '../../../../shared/corpus/microservices-demo/kubernetes-manifests.yaml');
  it('matches on a real-world manifest', { skip: fs.existsSync(corpus) ? false : 'shared/corpus is not beside this checkout' }, () => {
    randomSession(11, fs.readFileSync(corpus, 'utf8'), 50);
  });
});
