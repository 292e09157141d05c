import rule from '../../../../src/lint/rules/no-default-service-account';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [{ code: deployment('      serviceAccountName: web\n') }],
  invalid: [
    { name: 'none named', code: deployment(), errors: [{ line: 12, column: 5, message: 'names no ServiceAccount' }] },
    { name: 'default named', code: deployment('      serviceAccountName: default\n'), errors: [{ line: 13, column: 27, endColumn: 34, message: 'runs as the default ServiceAccount' }] },
  ],
});
