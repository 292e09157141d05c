// Exit codes and flags of `wharf lint` / `wharf rules`: 0 clean, 1 errors or too many warnings, 2 usage/config/I/O.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixtures, json, packageVersion, wharf } from './helpers';

describe('wharf: exit codes', { concurrency: 4 }, () => {
  it('0 when there are no errors', async () => assert.equal((await wharf(['lint', 'clean'])).code, 0));
  it('0 for warnings only, without --max-warnings', async () => {
    const r = await wharf(['lint', 'walk']);
    assert.equal(r.code, 0);
    assert.match(r.out, /warning/);
  });
  it('1 when there are errors', async () => assert.equal((await wharf(['lint', 'problems'])).code, 1));

  it('2 for a missing path, with a message on stderr and nothing on stdout', async () => {
    const r = await wharf(['lint', 'clean', 'nope.yaml', '--format', 'json']);
    assert.equal(r.code, 2);
    assert.match(r.err, /^wharf: nope\.yaml: no such file or directory$/m);
    assert.equal(r.out, '');
  });

  it('2 for a bad flag, an unknown format or command, a bad version or count, or no paths', async () => {
    const cases: [string[], RegExp][] = [
      [['lint', 'clean', '--bogus'], /Unknown option '--bogus'/],
      [['lint', 'clean', '--format', 'xml'], /--format must be text, json or sarif, not "xml"/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [[], /a command is required/],
      [['lint'], /no paths given/],
      [['lint', 'clean', '--k8s-version', 'latest'], /--k8s-version must look like 1\.31/],
      [['lint', 'clean', '--max-warnings', '-1'], /--max-warnings/],
      [['lint', 'clean', '--max-warnings', 'lots'], /--max-warnings takes a whole number/],
      [['lint', 'clean', '--max-file-size', '0'], /--max-file-size takes a size in MB greater than 0, not "0"/],
      [['lint', 'clean', '--config', 'nope.yaml'], /nope\.yaml: cannot read the configuration file \(ENOENT\)/],
      [['rules', '--format', 'sarif'], /wharf rules --format must be text or json/],
    ];
    for (const [args, message] of cases) {
      const r = await wharf(args);
      assert.equal(r.code, 2, `wharf ${args.join(' ')}`);
      assert.match(r.err, message, `wharf ${args.join(' ')}`);
    }
  });

  it('a file over --max-file-size is refused with a file-too-large error and the others are still linted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-size-'));
    try {
      const padding = '# ' + 'x'.repeat(100) + '\n';
      fs.writeFileSync(path.join(dir, 'big.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\n' + padding.repeat(12_000));
      fs.copyFileSync(path.join(fixtures, 'problems/deploy.yaml'), path.join(dir, 'deploy.yaml'));
      const r = await json(['lint', '.', '--max-file-size', '1'], { cwd: dir });
      assert.equal(r.code, 1);
      const findings = r.findings;
      const big = findings.filter((f) => f.file === 'big.yaml');
      assert.deepEqual(big.map((f) => [f.ruleId, f.severity, f.line]), [['file-too-large', 'error', 1]]);
      assert.match(big[0].message, /File of 1\.2 MB is over the 1\.0 MB limit and was not linted \(raise it with --max-file-size\)/);
      assert.ok(findings.some((f) => f.file === 'deploy.yaml' && f.ruleId === 'no-privileged'), 'the other file is linted');
      const fixed = await wharf(['lint', '.', '--max-file-size', '1', '--fix'], { cwd: dir });
      assert.equal(fixed.code, 1, fixed.err);
      assert.match(fixed.out, /file-too-large/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('2 for a configuration error, every problem reported as file:line:col', async () => {
    const r = await wharf(['lint', '.'], { cwd: path.join(fixtures, 'badconfig') });
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /^\.wharf\.yaml:3:3: error: Unknown rule "replica-min"\. Did you mean "replicas-min"\?$/m);
    assert.match(r.err, /^\.wharf\.yaml:4:1: error: Unknown key "severity"/m);
  });

  it('--config FILE is used instead of .wharf.yaml, with paths relative to the current directory', async () => {
    const r = await wharf(['lint', 'badconfig', '--config', 'badconfig/.wharf.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.err, /^badconfig\/\.wharf\.yaml:3:3: error: Unknown rule "replica-min"/m);
    // From its own directory the broken .wharf.yaml is found; from here it is not, so the lint runs.
    assert.equal((await wharf(['lint', 'badconfig'])).code, 1);
  });

  it('a configuration warning is printed and the run goes on, with the configured version', async () => {
    const { code, err, findings } = await json(['lint', '.'], { cwd: path.join(fixtures, 'numconfig') });
    assert.equal(code, 1);
    assert.match(err, /^\.wharf\.yaml:2:20: warning: kubernetesVersion 1\.25 is a number/m);
    assert.match(findings.find((f) => f.ruleId === 'deprecated-api')!.message, /removed in Kubernetes 1\.25 \(target 1\.25\)/);
  });

  it('--k8s-version overrides the configuration', async () => {
    const { findings } = await json(['lint', '.', '--k8s-version', '1.24'], { cwd: path.join(fixtures, 'numconfig') });
    const f = findings.find((x) => x.ruleId === 'deprecated-api')!;
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /target 1\.24/);
  });

  it('--max-warnings N: exit 1 above N warnings, 0 at or below it; errors exit 1 regardless', async () => {
    const cfg = ['--config', 'warnings/.wharf.yaml'];
    const all = await json(['lint', 'warnings', ...cfg]);
    const n = all.findings.filter((f) => f.severity === 'warning').length;
    assert.ok(n > 2 && all.findings.every((f) => f.severity !== 'error'));
    assert.equal(all.code, 0);
    assert.equal((await wharf(['lint', 'warnings', ...cfg, '--max-warnings', String(n)])).code, 0);
    const over = await wharf(['lint', 'warnings', ...cfg, '--max-warnings', String(n - 1)]);
    assert.equal(over.code, 1);
    assert.match(over.err, new RegExp(`^wharf: ${n} warnings exceed --max-warnings ${n - 1}$`, 'm'));
    assert.equal((await wharf(['lint', 'problems', '--max-warnings', '1000'])).code, 1);
  });

  it('--help and --version exit 0 on stdout', async () => {
    const help = await wharf(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /wharf lint \[paths \| dirs \| -\]/);
    assert.match(help.out, /--max-warnings N/);
    const lintHelp = await wharf(['lint', '-h']);
    assert.equal(lintHelp.out, help.out);
    const v = await wharf(['--version']);
    assert.equal(v.code, 0);
    assert.equal(v.out, `${packageVersion}\n`);
  });

  it('wharf rules lists every rule: id, category, default severity, description; --format json', async () => {
    const text = await wharf(['rules']);
    assert.equal(text.code, 0);
    assert.match(text.out, /^replicas-min +reliability +warning +A Deployment or StatefulSet runs fewer than 2 replicas\.$/m);
    assert.match(text.out, /^yaml-syntax +engine +error +/m);
    const list = JSON.parse((await wharf(['rules', '--format', 'json'])).out) as { id: string; category: string; defaultSeverity: string; docs: string }[];
    assert.equal(text.out.trim().split('\n').length, list.length);
    const ids = new Set(list.map((r) => r.id));
    for (const id of ['replicas-min', 'no-privileged', 'deprecated-api', 'yaml-syntax', 'helm-template', 'invalid-config']) assert.ok(ids.has(id), id);
    for (const r of list) assert.match(r.docs, new RegExp(`#${r.id}$`));
  });
});
