// `wharf lint --jobs N`: worker threads give exactly what one thread gives, whatever the split. Real processes from
// source (workers run src/cli/main.ts through the same tsx loader), real files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { writeJson, toJsonFinding } from '../../../src/cli/format-json';
import { cutPoints, shareOut } from '../../../src/cli/parallel';
import { lintText } from '../../../src/lint/engine';
import { fixtures, scratch, wharf } from './helpers';

// Cross-document findings whose related object lies in the other half of the file: the Deployment and its Service
// (prestop-sleep, readiness-probe), its HPA (replicas-min), a PDB selecting it; and a Helm-free `{{` in a block scalar.
const FIRST_HALF = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: api:latest
---
apiVersion: v1
kind: ConfigMap
metadata: {name: dash, namespace: shop}
data:
  dashboard.json: |
    {"title": "{{ $labels.instance }}"}
`;
const SECOND_HALF = `---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 1
  maxReplicas: 3
---
apiVersion: v1
kind: Service
metadata: {name: orphan, namespace: shop}
spec:
  selector: {app: nothing-has-this}
  ports: [{port: 80}]
`;

describe('wharf lint --jobs', { concurrency: 4 }, () => {
  it('cuts only at document starts, into about the pieces asked for', () => {
    const text = FIRST_HALF + SECOND_HALF;
    const [cut, ...more] = cutPoints(text, 2);
    assert.deepEqual(more, []);
    assert.ok(cut >= text.length / 2 && text.slice(cut - 1, cut + 4) === '\n---\n', `the first document start past the middle, not ${cut}`);
    assert.deepEqual(cutPoints(text, 1), []);
    assert.deepEqual(cutPoints(`%YAML 1.2\n${text}`, 2), [], 'directives belong to the document after them: no cut');
    for (const at of cutPoints(text, 4)) assert.equal(text.slice(at, at + 4), '---\n');
  });

  it('shares files and pieces so that no worker holds two pieces of one file', () => {
    const big = (FIRST_HALF + SECOND_HALF).repeat(8);
    const shares = shareOut(new Map([['big.yaml', big], ['small.yaml', FIRST_HALF]]), 2);
    assert.equal(shares.length, 2);
    for (const s of shares) assert.equal(new Set(s.map((u) => u.path)).size, s.length);
    const pieces = shares.flat().filter((u) => u.path === 'big.yaml').sort((a, b) => a.offset - b.offset);
    assert.equal(pieces.map((u) => u.text).join(''), big, 'the pieces put together are the file');
    for (const u of pieces) assert.equal(u.line, big.slice(0, u.offset).split('\n').length - 1);
  });

  it('json, text and SARIF are byte for byte those of --jobs 1, related locations in the other half included', async () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, 'app.yaml'), FIRST_HALF + SECOND_HALF);
    for (const format of ['json', 'text', 'sarif']) {
      const one = await wharf(['lint', 'app.yaml', '--format', format, '--jobs', '1'], { cwd: dir });
      const two = await wharf(['lint', 'app.yaml', '--format', format, '--jobs', '2'], { cwd: dir });
      assert.equal(two.err, one.err, format);
      assert.equal(two.code, one.code, format);
      assert.equal(two.out, one.out, format);
    }
    const sarif = JSON.parse((await wharf(['lint', 'app.yaml', '--format', 'sarif', '--jobs', '2'], { cwd: dir })).out) as {
      runs: { results: { ruleId: string; relatedLocations?: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
    };
    const firstHalfLines = FIRST_HALF.split('\n').length - 1;
    const related = sarif.runs[0].results.flatMap((r) => r.relatedLocations ?? []).map((l) => l.physicalLocation.region.startLine);
    assert.ok(related.some((line) => line > firstHalfLines), `a related location in the second half: ${related.join(', ')}`);
  });

  it('many files: the same findings, and a kustomization in one share still names patches in another', async () => {
    const one = await wharf(['lint', '.', '--format', 'json', '--jobs', '1'], { cwd: fixtures });
    const three = await wharf(['lint', '.', '--format', 'json', '--jobs', '3'], { cwd: fixtures });
    assert.equal(three.out, one.out);
    assert.equal(three.code, one.code);
    const k = await wharf(['lint', 'kustomize', '--format', 'json', '--jobs', '4'], { cwd: fixtures });
    assert.equal(k.out, (await wharf(['lint', 'kustomize', '--format', 'json', '--jobs', '1'], { cwd: fixtures })).out);
  });

  it('--stats counts the objects linted; --jobs takes a whole number', async () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, 'app.yaml'), FIRST_HALF + SECOND_HALF);
    const r = await wharf(['lint', 'app.yaml', '--stats', '--jobs', '2'], { cwd: dir });
    assert.match(r.err, /^wharf: linted 5 objects in 1 file, \d+ findings, \d+ ms\n$/);
    const bad = await wharf(['lint', 'app.yaml', '--jobs', '0'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--jobs takes a whole number greater than 0/);
  });
});

describe('JSON output', () => {
  it('is what JSON.stringify prints, for every shape of finding', () => {
    const pod = '---\napiVersion: v1\nkind: Pod\nmetadata: {name: "p\\"\\u0001"}\nspec: {containers: [{name: c, image: x}]}\n';
    const findings = lintText('a "quoted" \u00e9\u2028 path.yaml', FIRST_HALF + SECOND_HALF + pod + '---\nkind: [\n');
    assert.ok(findings.some((f) => !f.object), 'an engine finding without an object');
    assert.ok(findings.some((f) => f.object && f.object.namespace === undefined), 'an object without a namespace');
    let out = '';
    writeJson(findings, (s) => (out += s));
    assert.equal(out, JSON.stringify(findings.map(toJsonFinding), null, 2) + '\n');
    let empty = '';
    writeJson([], (s) => (empty += s));
    assert.equal(empty, '[]\n');
  });
});
