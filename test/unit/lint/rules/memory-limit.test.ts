import rule from '../../../../src/lint/rules/memory-limit';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [{ code: pod('    resources:\n      limits: {memory: 256Mi}\n') }],
  invalid: [
    { code: pod(), errors: [{ line: 7, column: 11, message: 'no memory limit' }] },
    { name: 'cpu limit only', code: pod('    resources:\n      limits: {cpu: "1"}\n'), errors: [{ line: 10, column: 7 }] },
  ],
});
