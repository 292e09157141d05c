import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEPRECATED_APIS } from '../../../../src/lint/data/deprecated-apis';
import rule from '../../../../src/lint/rules/deprecated-api';
import { lintWith, ruleTester } from '../rule-tester';

const cron = (v: string) => `apiVersion: ${v}\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n`;
const fs = (v: string) => `apiVersion: ${v}\nkind: FlowSchema\nmetadata:\n  name: f\n`;

ruleTester(rule, {
  valid: [
    { name: 'current', code: cron('batch/v1') },
    { name: 'before its deprecation', code: cron('batch/v1beta1'), config: { kubernetesVersion: '1.20' } },
    { name: 'same apiVersion, other kind', code: 'apiVersion: extensions/v1beta1\nkind: Scale\nmetadata: {name: s}\n' },
  ],
  invalid: [
    {
      name: 'removed: error, with a fix',
      code: cron('batch/v1beta1'),
      errors: [{ line: 1, column: 13, endColumn: 26, message: 'was removed in Kubernetes 1.25 (target 1.37); use batch/v1' }],
      output: cron('batch/v1'),
    },
    { name: 'deprecated but still served: warning', code: cron('batch/v1beta1'), config: { kubernetesVersion: '1.23' }, errors: [{ line: 1, column: 13, message: 'is deprecated since 1.21 and removed in 1.25' }], output: cron('batch/v1') },
    { name: 'schema changed: no fix', code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n', errors: [{ line: 1, column: 13, message: 'pathType is required' }] },
    { name: 'no replacement', code: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\n', errors: [{ line: 1, column: 13, message: 'Pod Security Admission' }] },
    { name: 'replacement not served yet: fall back', code: fs('flowcontrol.apiserver.k8s.io/v1beta2'), config: { kubernetesVersion: '1.27' }, errors: [{ line: 1, column: 13, message: 'use flowcontrol.apiserver.k8s.io/v1beta3' }], output: fs('flowcontrol.apiserver.k8s.io/v1beta3') },
  ],
});

it('severity: removed is an error, deprecated a warning, a configured severity wins', () => {
  assert.equal(lintWith(rule, { code: cron('batch/v1beta1') })[0].severity, 'error');
  assert.equal(lintWith(rule, { code: cron('batch/v1beta1'), config: { kubernetesVersion: '1.22' } })[0].severity, 'warning');
  assert.equal(lintWith(rule, { code: cron('batch/v1beta1'), config: { rules: { 'deprecated-api': 'info' } } })[0].severity, 'info');
});

it('the table covers every removal release from 1.16 to 1.37', () => {
  const minor = (v: string | undefined) => Number(v!.split('.')[1]);
  const releases = [...new Set(DEPRECATED_APIS.map((d) => d.removedIn).filter(Boolean))].sort((a, b) => minor(a) - minor(b));
  assert.deepEqual(releases, ['1.16', '1.22', '1.25', '1.26', '1.27', '1.29', '1.32', '1.33', '1.34', '1.37', '1.38', '1.39']);
  for (const d of DEPRECATED_APIS) if (d.sameSchema) assert.ok(d.replacement, `${d.apiVersion} has a replacement`);
});
