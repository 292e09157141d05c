import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEPRECATED_APIS } from '../../../../src/lint/data/deprecated-apis';
import rule from '../../../../src/lint/rules/deprecated-api';
import { NEWEST_KNOWN_VERSION, parseVersion } from '../../../../src/lint/version';
import { lintWith, ruleTester } from '../rule-tester';

const cron = (v: string) => `apiVersion: ${v}\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n`;
const fs = (v: string) => `apiVersion: ${v}\nkind: FlowSchema\nmetadata:\n  name: f\n`;
const plc = (v: string, limited = '') => `apiVersion: ${v}\nkind: PriorityLevelConfiguration\nmetadata:\n  name: p\nspec:\n  type: Limited\n  limited:\n${limited}    limitResponse: {type: Reject}\n`;
const pdb = (v: string, selector: string) => `apiVersion: ${v}\nkind: PodDisruptionBudget\nmetadata:\n  name: p\nspec:\n  minAvailable: 1\n  selector: ${selector}\n`;
const v = (kubernetesVersion: string) => ({ kubernetesVersion });

ruleTester(rule, {
  valid: [
    { name: 'current', code: cron('batch/v1') },
    { name: 'before its deprecation', code: cron('batch/v1beta1'), config: v('1.20') },
    { name: 'same apiVersion, other kind', code: 'apiVersion: extensions/v1beta1\nkind: Scale\nmetadata: {name: s}\n' },
    { name: 'a custom resource', code: 'apiVersion: example.com/v1beta1\nkind: Widget\nmetadata: {name: w}\n' },
    { name: 'a beta before its deprecation', code: 'apiVersion: resource.k8s.io/v1beta1\nkind: ResourceClaim\nmetadata: {name: r}\n', config: v('1.34') },
    { name: 'v1 Endpoints before 1.33', code: 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: e}\n', config: v('1.32') },
  ],
  invalid: [
    {
      name: 'removed: error, with a fix',
      code: cron('batch/v1beta1'),
      errors: [{ line: 1, column: 13, endColumn: 26, message: 'CronJob c: batch/v1beta1 CronJob was removed in Kubernetes 1.25 (target 1.37); use batch/v1.' }],
      output: cron('batch/v1'),
    },
    { name: 'deprecated but still served: warning, same fix', code: cron('batch/v1beta1'), config: v('1.23'), errors: [{ line: 1, column: 13, message: 'is deprecated since Kubernetes 1.21 and removed in 1.25 (target 1.23); use batch/v1.' }], output: cron('batch/v1') },
    { name: 'schema changed: no fix', code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n', errors: [{ line: 1, column: 13, message: 'use networking.k8s.io/v1: backend.serviceName/servicePort become' }] },
    { name: 'Ingress before networking.k8s.io/v1: the schema-identical v1beta1', code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n', config: v('1.16'), errors: [{ line: 1, column: 13, message: 'use networking.k8s.io/v1beta1.' }], output: 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: i}\n' },
    { name: 'no replacement', code: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\n', errors: [{ line: 1, column: 13, message: 'nothing replaces it: PodSecurityPolicy has no successor API: use Pod Security Admission' }] },
    { name: 'a replacement that is gone too: follow the chain', code: 'apiVersion: extensions/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\n', errors: [{ line: 1, column: 13, message: 'was removed in Kubernetes 1.16 (target 1.37); nothing replaces it: PodSecurityPolicy has no successor' }] },
    { name: 'replacement not served yet: the interim version', code: fs('flowcontrol.apiserver.k8s.io/v1beta2'), config: v('1.27'), errors: [{ line: 1, column: 13, message: 'use flowcontrol.apiserver.k8s.io/v1beta3.' }], output: fs('flowcontrol.apiserver.k8s.io/v1beta3') },
    { name: 'flowcontrol v1beta1 at 1.23: v1beta2', code: fs('flowcontrol.apiserver.k8s.io/v1beta1'), config: v('1.23'), errors: [{ line: 1, column: 13, message: 'use flowcontrol.apiserver.k8s.io/v1beta2.' }], output: fs('flowcontrol.apiserver.k8s.io/v1beta2') },
    { name: 'FlowSchema v1beta3 -> v1', code: fs('flowcontrol.apiserver.k8s.io/v1beta3'), errors: [{ line: 1, column: 13, message: 'was removed in Kubernetes 1.32' }], output: fs('flowcontrol.apiserver.k8s.io/v1') },
    { name: 'PriorityLevelConfiguration v1beta3 -> v1', code: plc('flowcontrol.apiserver.k8s.io/v1beta3', '    nominalConcurrencyShares: 10\n'), errors: [{ line: 1, column: 13 }], output: plc('flowcontrol.apiserver.k8s.io/v1', '    nominalConcurrencyShares: 10\n') },
    {
      name: 'PriorityLevelConfiguration with nominalConcurrencyShares: 0: no fix',
      code: plc('flowcontrol.apiserver.k8s.io/v1beta3', '    nominalConcurrencyShares: 0\n'),
      errors: [{ line: 1, column: 13, message: 'but check the object first: an explicit nominalConcurrencyShares: 0 stays 0 in v1' }],
    },
    {
      name: 'PriorityLevelConfiguration v1beta2 with assuredConcurrencyShares: no fix',
      code: plc('flowcontrol.apiserver.k8s.io/v1beta2', '    assuredConcurrencyShares: 10\n'),
      errors: [{ line: 1, column: 13, message: 'assuredConcurrencyShares is renamed nominalConcurrencyShares' }],
    },
    { name: 'PDB with a selector: schema-identical', code: pdb('policy/v1beta1', '{matchLabels: {app: web}}'), errors: [{ line: 1, column: 13 }], output: pdb('policy/v1', '{matchLabels: {app: web}}') },
    { name: 'PDB with an empty selector: meaning changes, no fix', code: pdb('policy/v1beta1', '{}'), errors: [{ line: 1, column: 13, message: 'selects no pods in policy/v1beta1 but every pod of the namespace in policy/v1' }] },
    { name: 'HPA v2beta2', code: 'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n', errors: [{ line: 1, column: 13 }], output: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n' },
    { name: 'removed in 1.37', code: 'apiVersion: networking.k8s.io/v1beta1\nkind: ServiceCIDR\nmetadata: {name: s}\n', errors: [{ line: 1, column: 13, message: 'was removed in Kubernetes 1.37' }], output: 'apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata: {name: s}\n' },
    { name: 'deprecated in 1.37', code: 'apiVersion: admissionregistration.k8s.io/v1beta1\nkind: MutatingAdmissionPolicy\nmetadata: {name: m}\n', errors: [{ line: 1, column: 13, message: 'deprecated since Kubernetes 1.37 and removed in 1.40' }] },
    { name: 'deprecated GA kind, no removal', code: 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: e}\n', errors: [{ line: 1, column: 13, message: 'with no removal scheduled (target 1.37); use discovery.k8s.io/v1: write EndpointSlices' }] },
  ],
});

it('severity: removed is an error, deprecated a warning, a configured severity wins', () => {
  assert.equal(lintWith(rule, { code: cron('batch/v1beta1') })[0].severity, 'error');
  assert.equal(lintWith(rule, { code: cron('batch/v1beta1'), config: v('1.22') })[0].severity, 'warning');
  assert.equal(lintWith(rule, { code: cron('batch/v1beta1'), config: { rules: { 'deprecated-api': 'info' } } })[0].severity, 'info');
  assert.equal(lintWith(rule, { code: cron('batch/v1beta1'), config: { kubernetesVersion: '1.22', rules: { 'deprecated-api': 'error' } } })[0].severity, 'error');
});

it('picks the newest replacement the target serves', () => {
  const [f] = lintWith(rule, { code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n', config: v('1.14') });
  assert.match(f.message, /use networking\.k8s\.io\/v1beta1\.$/);
  const [g] = lintWith(rule, { code: fs('flowcontrol.apiserver.k8s.io/v1beta2'), config: v('1.26') });
  assert.match(g.message, /use flowcontrol\.apiserver\.k8s\.io\/v1beta3\./);
});

it('the table covers every removal release from 1.16 to the newest known', () => {
  const minor = (x: string | undefined) => Number(x!.split('.')[1]);
  const releases = [...new Set(DEPRECATED_APIS.map((d) => d.removedIn).filter(Boolean))].sort((a, b) => minor(a) - minor(b));
  assert.deepEqual(releases, ['1.16', '1.22', '1.25', '1.26', '1.27', '1.29', '1.32', '1.33', '1.34', '1.37', '1.38', '1.39', '1.40']);
  assert.equal(NEWEST_KNOWN_VERSION, '1.37');
  const seen = new Set<string>();
  for (const d of DEPRECATED_APIS) {
    assert.ok(parseVersion(d.deprecatedIn), `${d.apiVersion} deprecatedIn`);
    if (d.removedIn) assert.ok(minor(d.removedIn) > minor(d.deprecatedIn), `${d.apiVersion} removed after deprecated`);
    if (d.replacements.length === 0) assert.ok(d.note, `${d.apiVersion} ${d.kinds.join()} explains why nothing replaces it`);
    for (const k of d.kinds) {
      assert.ok(!seen.has(`${d.apiVersion}|${k}`), `${d.apiVersion} ${k} listed once`);
      seen.add(`${d.apiVersion}|${k}`);
    }
    for (const r of d.replacements) if (r.sameSchema === false) assert.ok(r.note, `${d.apiVersion} -> ${r.apiVersion} says what changes`);
  }
});
