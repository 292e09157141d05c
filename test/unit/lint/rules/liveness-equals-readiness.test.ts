import rule from '../../../../src/lint/rules/liveness-equals-readiness';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [{ code: pod('    readinessProbe: {httpGet: {path: /ready, port: 80}}\n    livenessProbe: {httpGet: {path: /healthz, port: 80}}\n') }],
  invalid: [
    {
      name: 'same probe, different formatting',
      code: pod('    readinessProbe: {httpGet: {path: /, port: 80}}\n    livenessProbe:\n      httpGet:\n        port: 80\n        path: /\n'),
      errors: [{ line: 10, column: 5, endColumn: 18, message: 'same liveness and readiness probes' }],
    },
  ],
});
