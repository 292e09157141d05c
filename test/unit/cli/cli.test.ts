// `wharf lint` as CI runs it: a real process, real files, exit codes and output formats.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/cli');
const cli = path.join(root, 'src/cli.ts');
// tsx by absolute path, so the CLI also runs from directories outside the repository.
const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

function wharf(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, ['--import', tsx, cli, ...args], {
    cwd: opts.cwd ?? fixtures,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function json(args: string[], opts?: { cwd?: string; input?: string }) {
  const r = wharf([...args, '--format', 'json'], opts);
  return { ...r, findings: JSON.parse(r.out) as Record<string, unknown>[] };
}

describe('wharf lint: exit codes', () => {
  it('0 when there are no errors', () => assert.equal(wharf(['lint', 'clean']).code, 0));
  it('1 when there are errors', () => assert.equal(wharf(['lint', 'problems']).code, 1));
  it('2 for a missing path, with a message on stderr', () => {
    const r = wharf(['lint', 'nope.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.err, /nope\.yaml: no such file or directory/);
  });
  it('2 for a bad flag, an unknown format or command, or no paths', () => {
    assert.equal(wharf(['lint', 'clean', '--bogus']).code, 2);
    assert.equal(wharf(['lint', 'clean', '--format', 'xml']).code, 2);
    assert.equal(wharf(['frobnicate']).code, 2);
    assert.equal(wharf(['lint']).code, 2);
    assert.equal(wharf(['lint', 'clean', '--k8s-version', 'latest']).code, 2);
  });
  it('2 for a configuration error, reported with its location', () => {
    const r = wharf(['lint', '.'], { cwd: path.join(fixtures, 'badconfig') });
    assert.equal(r.code, 2);
    assert.match(r.err, /\.wharf\.yaml:3:3: error: Unknown rule "replica-min"\. Did you mean "replicas-min"\?/);
    assert.match(r.err, /\.wharf\.yaml:4:1: error: Unknown key "severity"/);
  });
  it('--max-warnings turns too many warnings into exit 1', () => {
    const cfg = ['--config', 'warnings/.wharf.yaml'];
    assert.equal(wharf(['lint', 'warnings', ...cfg]).code, 0);
    assert.equal(wharf(['lint', 'warnings', ...cfg, '--max-warnings', '100']).code, 0);
    const r = wharf(['lint', 'warnings', ...cfg, '--max-warnings', '2']);
    assert.equal(r.code, 1);
    assert.match(r.err, /warnings exceed --max-warnings 2/);
  });
  it('--help and --version exit 0', () => {
    assert.match(wharf(['--help']).out, /wharf lint \[paths \| dirs \| -\]/);
    assert.match(wharf(['--version']).out, /^\d+\.\d+\.\d+/);
  });
});

describe('wharf lint: output', () => {
  it('json: the documented shape, 1-based positions, relative paths', () => {
    const { findings } = json(['lint', 'problems']);
    const priv = findings.find((f) => f.ruleId === 'no-privileged');
    assert.deepEqual(priv, {
      file: 'problems/deploy.yaml',
      ruleId: 'no-privileged',
      severity: 'error',
      message: 'Deployment web: container "app" runs privileged, with full access to the node.',
      line: 18,
      column: 25,
      endLine: 18,
      endColumn: 29,
      object: { kind: 'Deployment', name: 'web', namespace: 'shop' },
      fixable: false,
    });
    assert.ok(findings.every((f) => f.file === 'problems/deploy.yaml'), 'the non-Kubernetes file has no findings');
  });

  it('json: sorted and stable across runs', () => {
    const a = wharf(['lint', 'problems', 'cross', '--format', 'json']).out;
    const b = wharf(['lint', 'cross', 'problems', '--format', 'json']).out;
    assert.equal(a, b);
    const f = JSON.parse(a) as { file: string; line: number; column: number }[];
    const sorted = [...f].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column));
    assert.deepEqual(f.map((x) => `${x.file}:${x.line}:${x.column}`), sorted.map((x) => `${x.file}:${x.line}:${x.column}`));
  });

  it('cross-document rules see every path given', () => {
    const both = json(['lint', 'cross/hpa.yaml', 'cross/deploy.yaml']).findings;
    assert.ok(both.some((f) => f.ruleId === 'hpa-needs-requests' && f.file === 'cross/hpa.yaml'));
    const alone = json(['lint', 'cross/hpa.yaml']).findings;
    assert.ok(!alone.some((f) => f.ruleId === 'hpa-needs-requests'));
  });

  it('text: file, position, severity, message and rule, with a summary', () => {
    const r = wharf(['lint', 'problems']);
    assert.match(r.out, /^problems\/deploy\.yaml$/m);
    assert.match(r.out, /^ {2}18:25 +error +Deployment web: container "app" runs privileged, with full access to the node\. +no-privileged$/m);
    assert.match(r.out, /^12 problems \(1 error, 9 warnings, 2 info\)$/m);
    assert.ok(!r.out.includes('\x1b['), 'no colour when not a TTY');
  });

  it('reads stdin with -', () => {
    const text = fs.readFileSync(path.join(fixtures, 'problems/deploy.yaml'), 'utf8');
    const { code, findings } = json(['lint', '-'], { input: text });
    assert.equal(code, 1);
    assert.ok(findings.length > 0 && findings.every((f) => f.file === '<stdin>'));
  });

  it('--k8s-version overrides the configuration', () => {
    const cron = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n';
    const old = json(['lint', '-', '--k8s-version', '1.22'], { input: cron }).findings.find((f) => f.ruleId === 'deprecated-api');
    const now = json(['lint', '-', '--k8s-version', '1.30'], { input: cron }).findings.find((f) => f.ruleId === 'deprecated-api');
    assert.equal(old?.severity, 'warning');
    assert.equal(now?.severity, 'error');
  });

  it('sarif: SARIF 2.1.0 with a descriptor for every rule and results pointing at them', () => {
    const r = wharf(['lint', 'problems', 'cross', '--format', 'sarif']);
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    const rules = run.tool.driver.rules as { id: string; helpUri: string; defaultConfiguration: { level: string }; shortDescription: { text: string } }[];
    const list = JSON.parse(wharf(['rules', '--format', 'json']).out) as { id: string }[];
    assert.deepEqual(rules.map((x) => x.id), list.map((x) => x.id));
    for (const rule of rules) {
      assert.match(rule.helpUri, new RegExp(`#${rule.id}$`));
      assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level));
      assert.ok(rule.shortDescription.text.length > 0);
    }
    for (const res of run.results) {
      assert.equal(rules[res.ruleIndex].id, res.ruleId);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!loc.artifactLocation.uri.startsWith('/'));
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      assert.match(res.partialFingerprints['wharfFinding/v1'], /^[0-9a-f]{32}$/);
    }
    const cross = run.results.find((x: { ruleId: string }) => x.ruleId === 'hpa-needs-requests');
    assert.equal(cross.relatedLocations[0].physicalLocation.artifactLocation.uri, 'cross/deploy.yaml');
  });

  it('wharf rules lists every rule', () => {
    const out = wharf(['rules']).out;
    assert.match(out, /^replicas-min +reliability +warning +A Deployment or StatefulSet runs fewer than 2 replicas\.$/m);
  });
});

describe('wharf lint --fix', () => {
  const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # the storefront
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: web:1.2.3
          ports: [{containerPort: 8080}]
`;

  it('applies safe fixes in place, keeping comments, and reports them; a second run changes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-fix-'));
    const file = path.join(dir, 'web.yaml');
    fs.writeFileSync(file, deploy);
    const r = wharf(['lint', 'web.yaml', '--fix'], { cwd: dir });
    const fixed = fs.readFileSync(file, 'utf8');
    assert.match(r.err, /^fixed web\.yaml: .*no-privilege-escalation/m);
    assert.match(fixed, /name: web # the storefront/);
    assert.match(fixed, /allowPrivilegeEscalation: false/);
    assert.match(fixed, /preStop:\n\s+sleep:\n\s+seconds: 10/);
    assert.match(fixed, /type: RuntimeDefault/);
    const after = JSON.parse(wharf(['lint', 'web.yaml', '--format', 'json'], { cwd: dir }).out) as { fixable: boolean }[];
    assert.ok(after.every((f) => !f.fixable), 'nothing fixable is left');
    const again = wharf(['lint', 'web.yaml', '--fix'], { cwd: dir });
    assert.equal(fs.readFileSync(file, 'utf8'), fixed);
    assert.doesNotMatch(again.err, /fixed/);
  });

  it('refuses stdin', () => {
    const r = wharf(['lint', '-', '--fix'], { input: deploy });
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot be used with stdin/);
  });
});
