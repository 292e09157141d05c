import rule from '../../../../src/lint/rules/readiness-probe';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'no ports', code: pod() },
    { name: 'has a probe', code: pod('    ports: [{containerPort: 80}]\n    readinessProbe: {httpGet: {path: /, port: 80}}\n') },
  ],
  invalid: [{ code: pod('    ports: [{containerPort: 80}]\n'), errors: [{ line: 7, column: 11, message: 'has no readinessProbe' }] }],
});
