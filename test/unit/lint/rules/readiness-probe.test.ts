import rule from '../../../../src/lint/rules/readiness-probe';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const ports = '    ports: [{containerPort: 80}]\n';
const init = (extra: string) => `  initContainers:\n  - name: proxy\n    image: envoyproxy/envoy:v1.31.0\n    ports: [{containerPort: 9901}]\n${extra}`;

ruleTester(rule, {
  valid: [
    { name: 'no ports', code: pod() },
    { name: 'empty ports list', code: pod('    ports: []\n') },
    { name: 'has a probe', code: pod(ports + '    readinessProbe: {httpGet: {path: /ready, port: 80}}\n') },
    { name: 'a run-to-completion init container with ports', code: pod('', init('')) },
    { name: 'a native sidecar with a probe', code: pod('', init('    restartPolicy: Always\n    readinessProbe: {tcpSocket: {port: 9901}}\n')) },
    {
      name: 'a Service whose named target port no container of the pod declares',
      code: deployment(),
      files: { 's.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n' },
    },
    { name: 'not Kubernetes', code: 'containers:\n- name: app\n  ports: [{containerPort: 80}]\n' },
  ],
  invalid: [
    {
      name: 'no declared ports, but a Service targets a port it must be serving',
      code: deployment(),
      files: { 's.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n' },
      errors: [{ line: 14, column: 15, message: 'container "app" is selected by Service web but has no readinessProbe' }],
    },
    { name: 'Pod', code: pod(ports), errors: [{ line: 7, column: 11, endColumn: 14, message: 'Pod web: container "app" declares ports but has no readinessProbe' }] },
    {
      name: 'second container of a Deployment',
      code: deployment('', '        readinessProbe: {httpGet: {path: /, port: 80}}\n        ports: [{containerPort: 80}]\n      - name: metrics\n        image: prom/statsd-exporter:v0.27.1\n        ports: [{containerPort: 9102}]\n'),
      errors: [{ line: 18, column: 15, message: 'container "metrics"' }],
    },
    { name: 'a native sidecar serving ports', code: pod('', init('    restartPolicy: Always\n')), errors: [{ line: 7, column: 11, message: 'container "proxy"' }] },
  ],
});
