// What `wharf lint` prints: the JSON shape, the text layout, ordering, and which files and documents it reads.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixtures, json, scratch, wharf } from './helpers';

const PRIVILEGED = 'Deployment web: container "app" runs privileged, with full access to the node.';

describe('wharf lint: output', { concurrency: 4 }, () => {
  it('json: the documented shape, 1-based positions, paths relative to the current directory', async () => {
    const { findings } = await json(['lint', 'problems']);
    assert.deepEqual(
      findings.find((f) => f.ruleId === 'no-privileged'),
      {
        file: 'problems/deploy.yaml',
        ruleId: 'no-privileged',
        severity: 'error',
        message: PRIVILEGED,
        line: 18,
        column: 25,
        endLine: 18,
        endColumn: 29,
        object: { kind: 'Deployment', name: 'web', namespace: 'shop' },
        fixable: false,
      },
    );
    const keys = 'column,endColumn,endLine,file,fixable,line,message,object,ruleId,severity';
    for (const f of findings) assert.equal(Object.keys(f).sort().join(), keys);
    assert.ok(findings.some((f) => f.fixable), 'safe fixes are flagged');
    assert.ok(findings.every((f) => f.file === 'problems/deploy.yaml'), 'the non-Kubernetes notes.yml has no findings');
  });

  it('json: namespace is null when the manifest sets none; object is null for engine findings', async () => {
    const cross = (await json(['lint', 'cross'])).findings;
    assert.deepEqual(cross.find((f) => f.ruleId === 'hpa-needs-requests')?.object, { kind: 'HorizontalPodAutoscaler', name: 'api', namespace: null });
    const helm = (await json(['lint', 'helm'])).findings;
    assert.deepEqual(helm.map((f) => [f.file, f.ruleId, f.severity, f.object]), [['helm/templates/deployment.yaml', 'helm-template', 'info', null]]);
  });

  it('output is sorted and byte-identical however the paths are given', async () => {
    const a = (await wharf(['lint', 'problems', 'cross', '--format', 'json'])).out;
    const b = (await wharf(['lint', './cross/hpa.yaml', 'cross', 'problems/', 'cross/deploy.yaml', '--format', 'json'])).out;
    const c = (await wharf(['lint', path.join(fixtures, 'cross'), 'problems', '--format', 'json'])).out;
    assert.equal(b, a);
    assert.equal(c, a);
    const f = JSON.parse(a) as { file: string; line: number; column: number }[];
    assert.deepEqual([...new Set(f.map((x) => x.file))], ['cross/deploy.yaml', 'cross/hpa.yaml', 'problems/deploy.yaml']);
    for (let i = 1; i < f.length; i++) {
      const [p, q] = [f[i - 1], f[i]];
      assert.ok(p.file < q.file || (p.file === q.file && (p.line < q.line || (p.line === q.line && p.column <= q.column))), `${i}: out of order`);
    }
  });

  it('json and sarif are written in pieces but read exactly as one JSON.stringify(value, null, 2)', async () => {
    for (const format of ['json', 'sarif']) {
      const { out } = await wharf(['lint', 'problems', 'cross', 'helm', '--format', format]);
      assert.equal(out, `${JSON.stringify(JSON.parse(out), null, 2)}\n`, format);
    }
    assert.equal((await wharf(['lint', 'clean', '--format', 'json'])).out, '[]\n');
  });

  it('cross-document rules see every path given: an HPA in one file, its Deployment in another', async () => {
    const both = (await json(['lint', 'cross/hpa.yaml', 'cross/deploy.yaml'])).findings;
    const hpa = both.find((f) => f.ruleId === 'hpa-needs-requests');
    assert.equal(hpa?.file, 'cross/hpa.yaml');
    assert.match(hpa!.message, /Deployment api has no cpu request/);
    const alone = (await json(['lint', 'cross/hpa.yaml'])).findings;
    assert.ok(!alone.some((f) => f.ruleId === 'hpa-needs-requests'), 'the target is unknown when its file is not given');
  });

  it('text: grouped by file, position, severity, message and rule, and a summary', async () => {
    const r = await wharf(['lint', 'problems', 'clean']);
    assert.match(r.out, /^problems\/deploy\.yaml$/m);
    assert.match(r.out, new RegExp(`^ {2}18:25 +error +${PRIVILEGED.replace(/[.()]/g, '\\$&')} +no-privileged$`, 'm'));
    assert.match(r.out, /^13 problems \(1 error, 9 warnings, 3 info\)$/m);
    assert.match(r.out, /^ {2}\d+ fixable with --fix$/m);
    assert.doesNotMatch(r.out, /clean\//, 'files without findings are not listed');
    assert.ok(!r.out.includes('\x1b['), 'no colour when stdout is not a terminal');
    assert.equal((await wharf(['lint', 'clean'])).out, 'No problems found.\n');
  });

  it('text: colour with FORCE_COLOR, never with NO_COLOR', async () => {
    const forced = await wharf(['lint', 'problems'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    assert.match(forced.out, /\x1b\[31merror/);
    const both = await wharf(['lint', 'problems'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    assert.ok(!both.out.includes('\x1b['));
  });

  it('reads stdin with -, named <stdin>, alongside files', async () => {
    const text = fs.readFileSync(path.join(fixtures, 'problems/deploy.yaml'), 'utf8');
    const { code, findings } = await json(['lint', '-'], { input: text });
    assert.equal(code, 1);
    assert.ok(findings.length > 0 && findings.every((f) => f.file === '<stdin>'));
    assert.ok(findings.some((f) => f.ruleId === 'no-privileged' && f.line === 18 && f.column === 25));
    // stdin joins the workspace too: the HPA on stdin sees its Deployment in a file.
    const hpa = fs.readFileSync(path.join(fixtures, 'cross/hpa.yaml'), 'utf8');
    const mixed = (await json(['lint', '-', 'cross/deploy.yaml'], { input: hpa })).findings;
    assert.ok(mixed.some((f) => f.ruleId === 'hpa-needs-requests' && f.file === '<stdin>'));
    assert.deepEqual([...new Set(mixed.map((f) => f.file))], ['<stdin>', 'cross/deploy.yaml']);
  });

  it('directories: *.yaml and *.yml, skipping node_modules and dot-directories; an explicit path is always read', async () => {
    // node_modules and .git can't be committed as fixtures (ignored, or a repository of their own): made here.
    const dir = scratch('walk');
    const pod = fs.readFileSync(path.join(dir, 'sub/app.yml'));
    for (const d of ['node_modules/pkg', '.git/refs']) {
      fs.mkdirSync(path.join(dir, d), { recursive: true });
      fs.writeFileSync(path.join(dir, d, 'pod.yaml'), pod);
    }
    const walked = (await json(['lint', '.'], { cwd: dir })).findings;
    assert.deepEqual([...new Set(walked.map((f) => f.file))], ['sub/app.yml']);
    const explicit = (await json(['lint', 'walk/.hidden/pod.yaml'])).findings;
    assert.ok(explicit.length > 0 && explicit.every((f) => f.file === 'walk/.hidden/pod.yaml'));
  });

  it('a directory without YAML is noted on stderr and passes', async () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, 'README.md'), '# not YAML\n');
    const r = await wharf(['lint', dir, 'clean']);
    assert.equal(r.code, 0);
    assert.match(r.err, /^wharf: .*: no \*\.yaml or \*\.yml files found$/m);
    assert.equal(r.out, 'No problems found.\n');
  });

  it('non-Kubernetes YAML and kustomize patches get no findings; a Helm template gets one note', async () => {
    const nonK8s = await json(['lint', '../non-k8s']);
    assert.deepEqual(nonK8s.findings, []);
    assert.equal(nonK8s.code, 0);
    const kustomize = (await json(['lint', 'kustomize'])).findings;
    assert.ok(kustomize.length > 0);
    assert.ok(!kustomize.some((f) => f.file === 'kustomize/privileged-patch.yaml'), 'the patch listed in kustomization.yaml is not linted whole');
    assert.ok(!kustomize.some((f) => f.ruleId === 'no-privileged'));
    // Without its kustomization the same file looks like a whole Deployment.
    const alone = (await json(['lint', 'kustomize/privileged-patch.yaml'])).findings;
    assert.ok(alone.some((f) => f.ruleId === 'no-privileged'));
    const helm = await wharf(['lint', 'helm']);
    assert.equal(helm.code, 0);
    assert.match(helm.out, /^ {2}4:9 +info +Helm template: not linted until rendered/m);
  });
});
