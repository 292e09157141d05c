import rule from '../../../../src/lint/rules/prestop-sleep';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const ports = '        ports:\n        - containerPort: 8080\n';
// Line 6 holds the selector.
const svc = (selector = '{app: web}', ns = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n${ns}spec:\n  selector: ${selector}\n  ports: [{port: 80, targetPort: 8080}]\n`;
const sleepHook = (s: number) => `        lifecycle:\n          preStop:\n            sleep:\n              seconds: ${s}\n`;

ruleTester(rule, {
  valid: [
    { name: 'no ports and no Service', code: deployment() },
    { name: 'has a sleep hook', code: deployment('', ports + '        lifecycle:\n          preStop:\n            sleep: {seconds: 5}\n') },
    { name: 'has an exec hook', code: deployment('', ports + '        lifecycle:\n          preStop:\n            exec: {command: [/app/drain]}\n') },
    { name: 'a Service selects other pods', code: deployment(), files: { 's.yaml': svc('{app: api}') } },
    { name: 'a Service of another namespace', code: deployment(), files: { 's.yaml': svc('{app: web}', '  namespace: other\n') } },
    { name: 'a Service without a selector (ExternalName, or manual endpoints)', code: deployment(), files: { 's.yaml': svc('{}') } },
    {
      name: 'a sidecar owns the Service\'s named target port (kube-rbac-proxy pattern)',
      code: deployment('', '      - name: kube-rbac-proxy\n        image: quay.io/brancz/kube-rbac-proxy:v0.18.1\n        ports: [{containerPort: 8443, name: https}]\n        lifecycle: {preStop: {sleep: {seconds: 5}}}\n'),
      files: { 's.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 8443, targetPort: https}]\n' },
    },
    {
      name: 'a sidecar declares the Service\'s numeric target port',
      code: deployment('', '      - name: proxy\n        image: envoyproxy/envoy:v1.31.0\n        ports: [{containerPort: 8080}]\n        lifecycle: {preStop: {sleep: {seconds: 5}}}\n'),
      files: { 's.yaml': svc() },
    },
    { name: 'a Job with ports', code: deployment('', ports).replace('apps/v1\nkind: Deployment', 'batch/v1\nkind: Job').replace('  replicas: 3\n', '') },
    { name: 'only an init container declares ports', code: pod('', '  initContainers:\n  - name: migrate\n    image: flyway/flyway:10\n    ports: [{containerPort: 9000}]\n') },
  ],
  invalid: [
    {
      name: 'ports: the sleep action on 1.30 and later',
      code: deployment('', ports),
      errors: [{ line: 14, column: 15, endColumn: 18, message: 'Deployment web: container "app" declares ports but has no preStop hook' }],
      output: deployment('', ports + sleepHook(10)),
    },
    {
      name: 'before 1.30: an exec sleep, with the configured seconds',
      code: deployment('', ports),
      config: { kubernetesVersion: '1.29', rules: { 'prestop-sleep': { sleepSeconds: 15 } } },
      errors: [{ line: 14, column: 15, message: 'sleep 15s in preStop (an exec hook' }],
      output: deployment('', ports + '        lifecycle:\n          preStop:\n            exec:\n              command:\n              - sleep\n              - "15"\n'),
    },
    {
      name: 'exactly 1.30 uses the sleep action',
      code: deployment('', ports),
      config: { kubernetesVersion: '1.30' },
      errors: [{ line: 14, column: 15 }],
      output: deployment('', ports + sleepHook(10)),
    },
    {
      name: 'selected by a Service in another file',
      code: deployment(),
      files: { 's.yaml': svc() },
      errors: [{ line: 14, column: 15, message: 'is selected by Service web', relatedLine: 6 }],
      output: deployment('', sleepHook(10)),
    },
    {
      name: 'selected by a Service in the same file',
      code: svc() + '---\n' + deployment(),
      errors: [{ line: 22, column: 15, relatedLine: 6 }],
      output: svc() + '---\n' + deployment('', sleepHook(10)),
    },
    {
      name: 'a lifecycle with only postStart: preStop goes beside it',
      code: deployment('', ports + '        lifecycle:\n          postStart:\n            exec: {command: [/warm]}\n'),
      errors: [{ line: 14, column: 15 }],
      output: deployment('', ports + '        lifecycle:\n          postStart:\n            exec: {command: [/warm]}\n          preStop:\n            sleep:\n              seconds: 10\n'),
    },
    {
      name: 'an empty flow lifecycle',
      code: deployment('', ports + '        lifecycle: {}\n'),
      errors: [{ line: 14, column: 15 }],
      output: deployment('', ports + '        lifecycle: {preStop: {"sleep":{"seconds":10}}}\n'),
    },
    {
      name: 'each serving container without a hook, in a bare Pod',
      code: pod('    ports: [{containerPort: 80}]\n  - name: side\n    image: envoyproxy/envoy:v1.31.0\n    ports: [{containerPort: 9901}]\n    lifecycle: {preStop: {sleep: {seconds: 5}}}\n  - name: worker\n    image: busybox:1.36\n    ports: [{containerPort: 7000}]\n'),
      errors: [{ line: 7, column: 11, message: 'container "app"' }, { line: 14, column: 11, message: 'container "worker"' }],
      output: pod('    ports: [{containerPort: 80}]\n    lifecycle:\n      preStop:\n        sleep:\n          seconds: 10\n  - name: side\n    image: envoyproxy/envoy:v1.31.0\n    ports: [{containerPort: 9901}]\n    lifecycle: {preStop: {sleep: {seconds: 5}}}\n  - name: worker\n    image: busybox:1.36\n    ports: [{containerPort: 7000}]\n    lifecycle:\n      preStop:\n        sleep:\n          seconds: 10\n'),
    },
  ],
});
