import rule from '../../../../src/lint/rules/resource-requests';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [{ code: pod('    resources:\n      requests: {cpu: 250m, memory: 256Mi}\n') }],
  invalid: [
    {
      name: 'none',
      code: pod(),
      errors: [{ line: 7, column: 11, message: 'no cpu or memory request' }],
      suggestionOutput: pod('    resources:\n      requests:\n        cpu: 100m\n        memory: 128Mi\n'),
    },
    {
      name: 'memory only',
      code: pod('    resources:\n      requests:\n        memory: 256Mi\n'),
      errors: [{ line: 10, column: 7, message: 'no cpu request' }],
      suggestionOutput: pod('    resources:\n      requests:\n        memory: 256Mi\n        cpu: 100m\n'),
    },
  ],
});
