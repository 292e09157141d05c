import rule from '../../../../src/lint/rules/liveness-equals-readiness';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'different paths', code: pod('    readinessProbe: {httpGet: {path: /ready, port: 80}}\n    livenessProbe: {httpGet: {path: /healthz, port: 80}}\n') },
    { name: 'same check, higher liveness threshold', code: pod('    readinessProbe: {httpGet: {path: /, port: 80}}\n    livenessProbe: {httpGet: {path: /, port: 80}, failureThreshold: 6}\n') },
    { name: 'named port vs number', code: pod('    readinessProbe: {tcpSocket: {port: http}}\n    livenessProbe: {tcpSocket: {port: 80}}\n') },
    { name: 'only a readiness probe', code: pod('    readinessProbe: {httpGet: {path: /, port: 80}}\n') },
    { name: 'a higher liveness failureThreshold, different start delay', code: pod('    readinessProbe: {httpGet: {path: /, port: 80}}\n    livenessProbe: {httpGet: {path: /, port: 80}, failureThreshold: 6, initialDelaySeconds: 30}\n') },
    { name: 'a longer liveness timeout', code: pod('    readinessProbe: {httpGet: {path: /, port: 80}}\n    livenessProbe: {httpGet: {path: /, port: 80}, timeoutSeconds: 5}\n') },
    { name: 'only a liveness probe', code: pod('    livenessProbe: {httpGet: {path: /, port: 80}}\n') },
  ],
  invalid: [
    {
      name: 'same probe, different formatting and key order',
      code: pod('    readinessProbe: {httpGet: {path: /, port: 80}}\n    livenessProbe:\n      httpGet:\n        port: 80\n        path: /\n'),
      errors: [{ line: 10, column: 5, endColumn: 18, message: 'Pod web: container "app" has identical liveness and readiness probes' }],
    },
    {
      name: 'identical exec probes in a Deployment',
      code: deployment('', '        livenessProbe:\n          exec: {command: [cat, /tmp/ok]}\n          periodSeconds: 5\n        readinessProbe:\n          exec: {command: [cat, /tmp/ok]}\n          periodSeconds: 5\n'),
      errors: [{ line: 16, column: 9, message: 'failureThreshold higher' }],
    },
    {
      name: 'same handler and thresholds, only the start delay and period differ',
      code: pod('    readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}\n    livenessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 20, periodSeconds: 10}\n'),
      errors: [{ line: 10, column: 5, message: 'container "app" has the same liveness and readiness check and thresholds (they differ only in initialDelaySeconds and periodSeconds)' }],
    },
    {
      name: 'a default failureThreshold written out is the same threshold',
      code: pod('    readinessProbe: {tcpSocket: {port: 80}, failureThreshold: 3}\n    livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 15}\n'),
      errors: [{ line: 10, column: 5, message: 'differ only in initialDelaySeconds' }],
    },
  ],
});
