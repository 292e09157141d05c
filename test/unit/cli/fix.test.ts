// --fix: safe fixes applied in place in passes, comments and layout kept, a report per file, idempotent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { json, scratch, wharf } from './helpers';

const DEPLOY = `apiVersion: apps/v1
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

// What the fixes of no-privilege-escalation, prestop-sleep and seccomp-profile (target 1.37: the sleep action)
// make of DEPLOY, byte for byte: the rest of the file is untouched.
const FIXED = `apiVersion: apps/v1
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
          securityContext:
            allowPrivilegeEscalation: false
          lifecycle:
            preStop:
              sleep:
                seconds: 10
      securityContext:
        seccompProfile:
          type: RuntimeDefault
`;

describe('wharf lint --fix', { concurrency: 4 }, () => {
  it('applies safe fixes in place, keeping comments, reports them per file, then prints what remains', async () => {
    const dir = scratch();
    const file = path.join(dir, 'web.yaml');
    fs.writeFileSync(file, DEPLOY);
    const r = await wharf(['lint', 'web.yaml', '--fix', '--format', 'json'], { cwd: dir });
    assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
    assert.match(r.err, /^fixed 3 problems in web\.yaml: (?=.*no-privilege-escalation)(?=.*prestop-sleep)(?=.*seccomp-profile)/m);
    const remaining = JSON.parse(r.out) as { ruleId: string; fixable: boolean }[];
    assert.ok(remaining.length > 0 && remaining.every((f) => !f.fixable), 'the output lists what is left, none of it fixable');
    assert.ok(!remaining.some((f) => ['no-privilege-escalation', 'prestop-sleep', 'seccomp-profile'].includes(f.ruleId)));
    assert.deepEqual(remaining, (await json(['lint', 'web.yaml'], { cwd: dir })).findings, 'same as a plain lint of the fixed file');
  });

  it('is idempotent: a second --fix changes nothing and reports nothing', async () => {
    const dir = scratch();
    const file = path.join(dir, 'web.yaml');
    fs.writeFileSync(file, DEPLOY);
    await wharf(['lint', 'web.yaml', '--fix'], { cwd: dir });
    const once = fs.readFileSync(file, 'utf8');
    const mtime = fs.statSync(file).mtimeMs;
    const again = await wharf(['lint', 'web.yaml', '--fix'], { cwd: dir });
    assert.equal(fs.readFileSync(file, 'utf8'), once);
    assert.equal(fs.statSync(file).mtimeMs, mtime, 'an unchanged file is not rewritten');
    assert.doesNotMatch(again.err, /fixed/);
  });

  it('fixes several files, leaves files without fixes alone, and the exit code reflects what remains', async () => {
    const dir = scratch('problems');
    fs.writeFileSync(path.join(dir, 'web.yaml'), DEPLOY);
    const notes = fs.readFileSync(path.join(dir, 'notes.yml'), 'utf8');
    const r = await wharf(['lint', '.', '--fix'], { cwd: dir });
    assert.equal(r.code, 1, 'no-privileged has no safe fix and remains');
    assert.match(r.err, /^fixed \d+ problems? in deploy\.yaml: /m);
    assert.match(r.err, /^fixed 3 problems in web\.yaml: /m);
    assert.equal(fs.readFileSync(path.join(dir, 'notes.yml'), 'utf8'), notes);
    assert.match(fs.readFileSync(path.join(dir, 'deploy.yaml'), 'utf8'), /- name: app # the storefront\n/);
    assert.match(r.out, /no-privileged/);
    assert.doesNotMatch(r.out, /fixable with --fix/);
  });

  it('takes the target version into account (exec sleep before 1.30)', async () => {
    const dir = scratch();
    const file = path.join(dir, 'web.yaml');
    fs.writeFileSync(file, DEPLOY);
    await wharf(['lint', 'web.yaml', '--fix', '--k8s-version', '1.29'], { cwd: dir });
    assert.match(fs.readFileSync(file, 'utf8'), /preStop:\n\s+exec:\n\s+command:/);
  });

  it('refuses stdin: a usage error, nothing on stdout', async () => {
    const r = await wharf(['lint', '-', '--fix'], { input: DEPLOY });
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot be used with stdin/);
    assert.equal(r.out, '');
  });
});
