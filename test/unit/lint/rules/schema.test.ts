import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../../src/lint/rules/schema';
import { deployment, pod } from '../fixtures';
import { lintWith, ruleTester } from '../rule-tester';

const v = (kubernetesVersion: string) => ({ kubernetesVersion });
const stopSignal = pod('    lifecycle: {stopSignal: SIGUSR1}\n');

ruleTester(rule, {
  valid: [
    { name: 'a valid Deployment', code: deployment() },
    { name: 'a valid Pod with ports, probes, env and resources', code: pod('    ports: [{containerPort: 80, protocol: TCP}]\n    env: [{name: A, value: "1"}]\n    readinessProbe: {httpGet: {path: /, port: http}}\n    resources: {requests: {cpu: 100m, memory: 1}, limits: {memory: 128Mi}}\n') },
    { name: 'YAML 1.1 booleans, as kubectl reads them', code: pod('    stdin: yes\n    tty: on\n') },
    { name: 'null means unset', code: deployment().replace('  name: web\n', '  name: web\n  creationTimestamp: null\n') },
    { name: 'a custom resource without a CRD has no schema: no findings', code: 'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: p}\nspec:\n  replica: "x"\n  anything: [1, 2]\n' },
    { name: 'not Kubernetes', code: 'services:\n  web: {image: nginx, replica: "many"}\n' },
    { name: 'a field that exists in the target version (lifecycle.stopSignal, 1.33+)', code: stopSignal, config: v('1.33') },
    { name: 'a ConfigMap with string data', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1", b: x}\n' },
    { name: 'status is allowed in a manifest', code: deployment() + 'status: {replicas: 3}\n' },
    { name: 'CronJob, HPA and RoleBinding that are complete', code: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n' },
  ],
  invalid: [
    {
      name: 'replicas as a word',
      code: deployment().replace('replicas: 3', 'replicas: "many"'),
      errors: [{ line: 6, column: 13, endColumn: 19, message: 'Deployment web: spec.replicas must be an integer, not a string ("many")' }],
    },
    {
      name: 'a one-edit typo gets "did you mean" and a rename',
      code: deployment().replace('  replicas: 3\n', '  replica: 3\n'),
      errors: [{ line: 6, column: 3, endColumn: 10, message: 'unknown field "spec.replica"; did you mean "replicas"?' }],
      suggestionOutput: deployment(),
    },
    {
      name: 'case typos in a container (livenessprobe) and a missing letter (resource)',
      code: pod('    livenessprobe: {tcpSocket: {port: 80}}\n    resource: {}\n'),
      errors: [
        { line: 9, column: 5, endColumn: 18, message: 'did you mean "livenessProbe"?' },
        { line: 10, column: 5, message: 'did you mean "resources"?' },
      ],
      suggestionOutput: pod('    livenessProbe: {tcpSocket: {port: 80}}\n    resource: {}\n'),
    },
    {
      name: 'an unknown field with no near name',
      code: pod('    flavour: vanilla\n'),
      errors: [{ line: 9, column: 5, message: 'unknown field "spec.containers[0].flavour". The API server drops it' }],
    },
    {
      name: 'containers as a string',
      code: deployment().replace('      containers:\n      - name: app\n        image: nginx:1.27\n', '      containers: app\n'),
      errors: [{ line: 13, column: 19, message: 'spec.template.spec.containers must be a list, not a string' }],
    },
    {
      name: 'an image that is a map, beside a valid container that other rules still see',
      code: pod('  - name: side\n    image: {repo: busybox}\n'),
      errors: [{ line: 10, column: 12, message: 'spec.containers[1].image must be a string, not a map' }],
    },
    {
      name: 'missing container name and image',
      code: pod('  - command: [sleep, "1"]\n'),
      errors: [
        { line: 9, column: 5, message: 'spec.containers[1] is missing the required field "name"' },
        { line: 9, column: 5, message: 'spec.containers[1] is missing the required field "image"' },
      ],
    },
    {
      name: 'a Deployment without a selector',
      code: deployment().replace('  selector:\n    matchLabels: {app: web}\n', ''),
      errors: [{ line: 5, column: 1, endColumn: 5, message: 'spec is missing the required field "selector"' }],
    },
    {
      name: 'an invalid enum value, with the right case offered',
      code: pod('    imagePullPolicy: always\n'),
      errors: [{ line: 9, column: 22, endColumn: 28, message: 'spec.containers[0].imagePullPolicy is "always", which is not one of Always, IfNotPresent, Never; did you mean "Always"?' }],
      suggestionOutput: pod('    imagePullPolicy: Always\n'),
    },
    {
      name: 'a selector that does not select the template',
      code: deployment().replace('      labels: {app: web}\n', '      labels: {app: web-v2}\n'),
      errors: [{ line: 7, column: 3, endColumn: 11, message: 'spec.selector does not select spec.template.metadata.labels' }],
    },
    {
      name: 'a number where a string goes (env value, annotation)',
      code: pod('    env: [{name: PORT, value: 8080}]\n').replace('  name: web\n', '  name: web\n  annotations: {prometheus.io/port: 9102}\n'),
      errors: [
        { line: 5, column: 37, message: 'metadata.annotations.prometheus.io/port must be a string, not an integer (9102)' },
        { line: 10, column: 31, message: 'spec.containers[0].env[0].value must be a string, not an integer (8080)' },
      ],
    },
    {
      name: 'a field newer than the target version (lifecycle.stopSignal before 1.33)',
      code: stopSignal,
      config: v('1.32'),
      errors: [{ line: 9, column: 17, message: 'unknown field "spec.containers[0].lifecycle.stopSignal"' }],
    },
  ],
});

it('pod-level resources are known from 1.32 on, and unknown in 1.31', () => {
  const code = pod('', '  resources: {limits: {memory: 1Gi}}\n');
  assert.equal(lintWith(rule, { code, config: v('1.31') }).length, 1);
  assert.equal(lintWith(rule, { code, config: v('1.32') }).length, 0);
});

it('a target newer than the data uses the newest schema; older than the data, the oldest', () => {
  assert.equal(lintWith(rule, { code: stopSignal, config: v('1.40') }).length, 0);
  assert.equal(lintWith(rule, { code: stopSignal, config: v('1.20') }).length, 1);
});
