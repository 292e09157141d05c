// Field paths the API server names (validation causes, apply conflicts, schema errors, Warning headers) mapped to
// the YAML range the person wrote. Table-driven: each case names a field and the text and line it must underline.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Refused } from '../../../src/kube/apply';
import { conflictsOf, parseWarnings } from '../../../src/kube/apply';
import { findingsFor } from '../../../src/kube/apply-findings';
import { parseFieldPath, resolveFieldPath, spanOfField } from '../../../src/kube/apply-paths';
import { parseSource, toLocation } from '../../../src/lint/source';

const MANIFEST = `# a comment first, so line numbers are not trivially document-relative
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: "1"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
    tier: front
spec:
  replicas: -1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: sidecar
          image: envoy:1.30
        - name: app
          image: registry.forbidden.example/web:1.0
          imagee: typo
          ports:
            - containerPort: 8080
              protocol: TCP
      finalizersLike: [x, y]
`;

const file = parseSource('/m.yaml', MANIFEST);
const deployment = file.objects[1];
const configMap = file.objects[0];

const at = (span: { start: number; end: number }) => ({ text: MANIFEST.slice(span.start, span.end), line: toLocation(file, span).line });

describe('parseFieldPath', () => {
  const cases: [string, unknown[]][] = [
    ['spec.template.spec.containers[0].image', [{ name: 'spec', dotted: true }, { name: 'template', dotted: true }, { name: 'spec', dotted: true }, { name: 'containers', dotted: true }, { index: 0 }, { name: 'image', dotted: true }]],
    ['.spec.replicas', [{ name: 'spec', dotted: true }, { name: 'replicas', dotted: true }]],
    ['data[my.key]', [{ name: 'data', dotted: true }, { name: 'my.key', dotted: false }]],
    ['.spec.containers[name="app"].image', [{ name: 'spec', dotted: true }, { name: 'containers', dotted: true }, { keys: { name: 'app' } }, { name: 'image', dotted: true }]],
    ['.ports[containerPort=8080,protocol="TCP"]', [{ name: 'ports', dotted: true }, { keys: { containerPort: 8080, protocol: 'TCP' } }]],
    ['.metadata.finalizers[="a]b"]', [{ name: 'metadata', dotted: true }, { name: 'finalizers', dotted: true }, { value: 'a]b' }]],
  ];
  for (const [field, want] of cases) it(field, () => assert.deepEqual(parseFieldPath(field), want));
});

describe('resolveFieldPath', () => {
  it('re-joins a dotted label key the object has', () => {
    assert.deepEqual(resolveFieldPath(deployment.value, parseFieldPath('.metadata.labels.app.kubernetes.io/name')), ['metadata', 'labels', 'app.kubernetes.io/name']);
  });
  it('finds a list item by its keys, numbers and strings alike', () => {
    assert.deepEqual(resolveFieldPath(deployment.value, parseFieldPath('.spec.template.spec.containers[name="app"].ports[containerPort=8080,protocol="TCP"]')), ['spec', 'template', 'spec', 'containers', 1, 'ports', 0]);
  });
  it('matches an item whose manifest leaves a key to its default (a port without protocol)', () => {
    const svc = { spec: { ports: [{ port: 443 }, { port: 80, targetPrt: 8080 }] } };
    assert.deepEqual(resolveFieldPath(svc, parseFieldPath('.spec.ports[port=80,protocol="TCP"].targetPrt')), ['spec', 'ports', 1, 'targetPrt']);
  });
  it('stops at the list when the item is not in the manifest', () => {
    assert.deepEqual(resolveFieldPath(deployment.value, parseFieldPath('.spec.template.spec.containers[name="other"].image')), ['spec', 'template', 'spec', 'containers']);
  });
});

describe('spanOfField: the range a field lands on', () => {
  const cases: { field: string | undefined; text: string; line: number; obj?: typeof deployment }[] = [
    { field: 'spec.replicas', text: '-1', line: 17 },
    { field: 'spec.template.spec.containers[1].image', text: 'registry.forbidden.example/web:1.0', line: 28 },
    { field: '.spec.template.spec.containers[name="app"].image', text: 'registry.forbidden.example/web:1.0', line: 28 },
    { field: '.spec.template.spec.containers[name="app"].imagee', text: 'typo', line: 29 },
    { field: 'metadata.labels', text: 'labels', line: 13 },
    { field: '.metadata.labels.app.kubernetes.io/name', text: 'web', line: 14 },
    { field: 'metadata.labels[tier]', text: 'front', line: 15 },
    // A field the manifest does not set: the deepest part that exists (the container's name).
    { field: 'spec.template.spec.containers[0].resources.limits', text: 'sidecar', line: 25 },
    { field: 'spec.strategy.rollingUpdate', text: 'spec', line: 16 },
    // No field: the object's kind.
    { field: undefined, text: 'Deployment', line: 10 },
    { field: '', text: 'Deployment', line: 10 },
    { field: 'data[a]', text: '"1"', line: 7, obj: configMap },
  ];
  for (const c of cases) {
    it(`${c.field ?? '(no field)'} -> ${c.text} on line ${c.line}`, () => assert.deepEqual(at(spanOfField(c.obj ?? deployment, c.field)), { text: c.text, line: c.line }));
  }
});

const refused = (over: Partial<Refused>): Refused => ({ ok: false, label: 'Deployment default/web', warnings: [], status: 422, message: '', causes: [], conflicts: [], ...over });

describe('findingsFor', () => {
  it('puts each validation cause on its field with the server message', () => {
    const f = findingsFor(deployment, refused({
      reason: 'Invalid',
      message: 'Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0]',
      causes: [{ field: 'spec.replicas', reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0' }],
    }));
    assert.deepEqual(f.map((x) => ({ ...at(x.span), severity: x.severity, code: x.code, message: x.message })), [
      { text: '-1', line: 17, severity: 'error', code: 'Invalid', message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' },
    ]);
  });
  it('puts a webhook denial (no causes) on the kind', () => {
    const message = 'admission webhook "deny.wharf-test.local" denied the request: images from registry.forbidden.example are not allowed';
    const f = findingsFor(deployment, refused({ status: 403, reason: 'Forbidden', message }));
    assert.deepEqual(f.map((x) => ({ ...at(x.span), message: x.message })), [{ text: 'Deployment', line: 10, message }]);
  });
  it('reads the field of a schema error out of the typed-patch message and underlines its name', () => {
    const message = 'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers[name="app"].imagee: field not declared in schema';
    const f = findingsFor(deployment, refused({ status: 500, reason: 'InternalError', message }));
    assert.deepEqual(f.map((x) => ({ ...at(x.span), message: x.message })), [{ text: 'imagee', line: 29, message: 'spec.template.spec.containers[name="app"].imagee: field not declared in schema' }]);
  });
  it('names the other field manager of a conflict on the contested field', () => {
    const causes = [{ field: '.spec.replicas', reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using apps/v1' }];
    const f = findingsFor(deployment, refused({ status: 409, reason: 'Conflict', causes, conflicts: conflictsOf(causes) }));
    assert.equal(f.length, 1);
    assert.deepEqual(at(f[0].span), { text: '-1', line: 17 });
    assert.match(f[0].message, /owned by the field manager "kubectl-edit"/);
  });
  it('turns Warning headers into warnings: deprecations on apiVersion, unknown fields on the field, others on kind', () => {
    const warnings = parseWarnings([
      '299 - "apps/v1beta1 Deployment is deprecated in v1.9+, unavailable in v1.16+; use apps/v1 Deployment", 299 - "unknown field \\"spec.template.spec.containers[1].imagee\\""',
      '299 - "would violate PodSecurity \\"restricted:latest\\": runAsNonRoot != true"',
    ]);
    assert.equal(warnings.length, 3);
    const f = findingsFor(deployment, { ok: true, label: 'x', warnings, object: { metadata: { name: 'web' } }, outcome: 'created' });
    assert.deepEqual(f.map((x) => [at(x.span).text, x.severity]), [['apps/v1', 'warning'], ['imagee', 'warning'], ['Deployment', 'warning']]);
    assert.equal(f[2].message, 'would violate PodSecurity "restricted:latest": runAsNonRoot != true');
  });
});
