import rule from '../../../../src/lint/rules/read-only-root-fs';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [{ code: pod('    securityContext:\n      readOnlyRootFilesystem: true\n') }],
  invalid: [
    {
      code: pod(),
      errors: [{ line: 7, column: 11, message: 'writable root filesystem' }],
      suggestionOutput: pod('    securityContext:\n      readOnlyRootFilesystem: true\n'),
    },
    { name: 'explicit false', code: pod('    securityContext:\n      readOnlyRootFilesystem: false\n'), errors: [{ line: 10, column: 31 }] },
  ],
});
