import rule from '../../../../src/lint/rules/drop-capabilities';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const caps = (body: string) => `    securityContext:\n      capabilities:\n${body}`;

ruleTester(rule, {
  valid: [
    { code: pod(caps('        drop: [ALL]\n')) },
    { name: 'adds a harmless one back', code: pod(caps('        drop: ["all"]\n        add: [NET_BIND_SERVICE]\n')) },
  ],
  invalid: [
    { name: 'no capabilities', code: pod(), errors: [{ line: 7, column: 11, message: 'does not drop ALL' }], suggestionOutput: pod(caps('        drop:\n        - ALL\n')) },
    {
      name: 'drops some, adds SYS_ADMIN',
      code: pod(caps('        drop:\n        - NET_RAW\n        add: [CAP_SYS_ADMIN]\n')),
      errors: [{ line: 11, column: 9, message: 'does not drop ALL' }, { line: 13, column: 15, message: 'adds the capability SYS_ADMIN' }],
      suggestionOutput: pod(caps('        drop:\n        - NET_RAW\n        - ALL\n        add: [CAP_SYS_ADMIN]\n')),
    },
  ],
});
