import rule from '../../../../src/lint/rules/no-host-namespaces';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [{ code: pod() }, { name: 'explicit false', code: pod('', '  hostNetwork: false\n  hostPID: false\n') }],
  invalid: [
    {
      code: pod('', '  hostNetwork: true\n  hostIPC: true\n'),
      errors: [
        { line: 6, column: 3, endColumn: 14, message: 'sets hostNetwork: true' },
        { line: 7, column: 3, message: 'ipc namespace' },
      ],
    },
  ],
});
