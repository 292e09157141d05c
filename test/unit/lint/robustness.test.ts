// "Nothing escapes": bad input gets a clear finding at the right place and never takes the other documents,
// the other rules, or the process down with it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintText } from '../../../src/lint/engine';
import { defineRule } from '../../../src/lint/rule';
import { allRules } from '../../../src/lint/rules';
import { cheapQuotes, parseSource } from '../../../src/lint/source';
import { Workspace } from '../../../src/lint/workspace';

const privilegedPod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: true
`;

const ids = (text: string, file = 'x.yaml') => lintText(file, text).map((f) => f.ruleId);

describe('robustness', () => {
  it('a document that fails to parse yields one finding at the error; the others are still linted', () => {
    const text = `${privilegedPod('a')}---\nkind: Pod\nmetadata: {name: [b\n---\n${privilegedPod('c')}`;
    const findings = lintText('x.yaml', text);
    const syntax = findings.filter((f) => f.ruleId === 'yaml-syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].severity, 'error');
    assert.ok(syntax[0].location.line >= 13 && syntax[0].location.line <= 15, `error line ${syntax[0].location.line}`);
    const named = findings.filter((f) => f.ruleId === 'no-privileged').map((f) => f.object?.name);
    assert.deepEqual(named, ['a', 'c']);
  });

  it('an alias bomb is bounded: one finding, quickly', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${lines.map((l) => '  ' + l).join('\n')}\n`;
    const t0 = performance.now();
    const findings = lintText('bomb.yaml', text);
    const ms = performance.now() - t0;
    assert.ok(ms < 2000, `took ${ms} ms`);
    assert.deepEqual(findings.map((f) => f.ruleId), ['yaml-syntax']);
    assert.match(findings[0].message, /alias/i);
  });

  it('pathological nesting does not crash the engine', () => {
    const text = '['.repeat(20000) + ']'.repeat(20000);
    const findings = lintText('deep.yaml', text);
    assert.ok(findings.every((f) => f.ruleId === 'yaml-syntax'));
  });

  it('a long double-quoted scalar parses to the same data and positions through its cheap single-quoted spelling', () => {
    const body = 'a'.repeat(70_000);
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {note: "${body}", other: "${'b'.repeat(70_000)}\\n"}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext: {privileged: true}\n`;
    assert.equal(cheapQuotes(text).length, text.length);
    assert.ok(cheapQuotes(text).includes(`'${body}'`), 'the plain one is re-spelt');
    assert.ok(cheapQuotes(text).includes('\\n"'), 'the one with an escape is left as written');
    const file = parseSource('p.yaml', text);
    assert.equal(file.text, text, 'the file keeps its text');
    const annotations = (file.objects[0].value.metadata as { annotations: Record<string, string> }).annotations;
    assert.equal(annotations.note, body);
    assert.equal(annotations.other, 'b'.repeat(70_000) + '\n');
    const f = lintText('p.yaml', text).find((x) => x.ruleId === 'no-privileged');
    assert.deepEqual([f?.location.line, f?.location.column], [10, 35]);
  });

  it('nesting past the limit is reported as such, at the line where it passes the limit', () => {
    // Quoted brackets and comments don't count as nesting.
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "[{"}  # [[[\ndata:\n  x: ${'['.repeat(600)}\n    ${'['.repeat(20000)}${']'.repeat(20600)}\n`;
    const findings = lintText('deep.yaml', text);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.location.line]), [['yaml-syntax', 6]]);
    assert.match(findings[0].message, /^YAML syntax error: nesting deeper than 1000 levels starts here/);
    assert.doesNotMatch(findings[0].message, /call stack/);
  });

  it('a rule that throws is reported as its internal error and the other rules still run', () => {
    const broken = defineRule({
      meta: { id: 'broken', category: 'reliability', defaultSeverity: 'warning', description: 'x', rationale: 'x', fixable: 'none' },
      check() {
        throw new Error('boom');
      },
    });
    const findings = lintText('x.yaml', privilegedPod('a'), { rules: [broken, ...allRules] });
    const internal = findings.filter((f) => f.ruleId === 'internal-error');
    assert.equal(internal.length, 1);
    assert.match(internal[0].message, /Rule broken failed.*boom/);
    assert.ok(findings.some((f) => f.ruleId === 'no-privileged'));
  });

  it('empty files, comments only and bare separators are quiet', () => {
    for (const text of ['', '\n', '# just a comment\n', '---\n', '---\n---\n...\n', '\ufeff']) assert.deepEqual(ids(text), [], JSON.stringify(text));
  });

  it('a scalar or list document is not an object', () => {
    assert.deepEqual(ids('- apiVersion: v1\n  kind: Pod\n'), []);
    assert.deepEqual(ids('just text\n'), []);
    assert.deepEqual(ids('apiVersion: v1\nkind: 7\n'), []);
  });

  it('CRLF line endings and a BOM keep positions right', () => {
    const text = '\ufeff' + privilegedPod('a').replace(/\n/g, '\r\n');
    const f = lintText('x.yaml', text).find((x) => x.ruleId === 'no-privileged');
    assert.ok(f);
    assert.equal(f.location.line, 10);
    assert.equal(f.location.column, 19);
  });

  it('Helm templates get exactly one information message per file', () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n{{- if .Values.x }}\n  foo: bar\n{{- end }}\n`;
    const findings = lintText('templates/deploy.yaml', text);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.location.line]), [['helm-template', 'info', 4]]);
  });

  it('quoted Go templates (Prometheus rules) and ${{ }} are not Helm', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rules\ndata:\n  summary: "{{ $labels.instance }} is down"\n  gha: \${{ secrets.TOKEN }}\n`;
    assert.deepEqual(ids(text), []);
  });

  it('{{ }} inside a block scalar or a quoted string of a rendered manifest is data, not Helm', () => {
    const dashboard = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dashboards\ndata:\n  pods.json: |\n    {\n      "legendFormat": "{{pod}}",\n    }\n  alerts.tmpl: |-\n    {{ define "slack.title" }}\n    - {{ .Status }}\n    {{ end }}\n  folded: >\n    {{ .Folded }}\n  single: '{{ .x }}'\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext: {privileged: true}\n`;
    const findings = lintText('rendered.yaml', dashboard);
    assert.ok(!findings.some((f) => f.ruleId === 'helm-template'), 'no Helm message');
    assert.ok(findings.some((f) => f.ruleId === 'no-privileged'), 'the rendered objects are linted');
  });

  it('templated YAML that renders no Kubernetes objects gets no Helm message', () => {
    const ansible = `- hosts: web\n  vars:\n    port: {{ http_port }}\n  tasks:\n  - name: x\n    template: {src: a, dest: b}\n`;
    assert.deepEqual(lintText('site.yml', ansible).map((f) => f.ruleId), []);
  });

  it('a Helm template whose first {{ }} is quoted is still found by the unquoted one after it', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ .Release.Name }}"\ndata:\n{{- range .Values.items }}\n  x: y\n{{- end }}\n`;
    assert.deepEqual(lintText('templates/cm.yaml', text).map((f) => [f.ruleId, f.location.line]), [['helm-template', 6]]);
  });

  it('a strategic-merge patch listed in a kustomization is not linted whole', () => {
    const dir = path.join(__dirname, '../../fixtures/non-k8s');
    const ws = new Workspace();
    for (const name of ['kustomization.yaml', 'replicas-patch.yaml']) ws.set(parseSource(path.join(dir, name), fs.readFileSync(path.join(dir, name), 'utf8')));
    const findings = lintText(path.join(dir, 'replicas-patch.yaml'), fs.readFileSync(path.join(dir, 'replicas-patch.yaml'), 'utf8'), { workspace: ws });
    assert.deepEqual(findings, []);
  });

  it('a huge file is linted without error', () => {
    const big = Array.from({ length: 2000 }, (_, i) => privilegedPod(`p${i}`)).join('---\n');
    const findings = lintText('big.yaml', big);
    assert.equal(findings.filter((f) => f.ruleId === 'no-privileged').length, 2000);
    assert.equal(findings.filter((f) => f.ruleId === 'internal-error').length, 0);
  });
});

describe('non-Kubernetes YAML gets no findings', () => {
  const dir = path.join(__dirname, '../../fixtures/non-k8s');
  const ws = new Workspace();
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  for (const name of files) ws.set(parseSource(path.join(dir, name), fs.readFileSync(path.join(dir, name), 'utf8')));
  for (const name of files) {
    it(name, () => {
      const full = path.join(dir, name);
      const findings = lintText(full, fs.readFileSync(full, 'utf8'), { workspace: ws });
      assert.deepEqual(findings.map((f) => `${f.location.line}:${f.location.column} ${f.ruleId} ${f.message}`), []);
    });
  }
});

describe('suppression scope', () => {
  it('# wharf-disable above the first key covers that document only', () => {
    const text = `# wharf-disable no-privileged\n${privilegedPod('a')}---\n${privilegedPod('b')}`;
    assert.deepEqual(lintText('x.yaml', text).filter((f) => f.ruleId === 'no-privileged').map((f) => f.object?.name), ['b']);
  });
  it('a syntax error in a file that is not a manifest is not reported', () => {
    assert.deepEqual(ids('name: ci\non: [push\n'), []);
  });
});
