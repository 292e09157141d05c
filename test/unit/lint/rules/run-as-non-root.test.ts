import rule from '../../../../src/lint/rules/run-as-non-root';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'pod level', code: pod('', '  securityContext:\n    runAsNonRoot: true\n') },
    { name: 'container level', code: pod('    securityContext:\n      runAsNonRoot: true\n') },
    { name: 'numeric user', code: pod('', '  securityContext:\n    runAsUser: 1000\n') },
  ],
  invalid: [
    {
      name: 'nothing set',
      code: pod(),
      errors: [{ line: 7, column: 11, message: 'container "app" may run as root' }],
      suggestionOutput: pod('', '').replace('spec:\n', 'spec:\n') + '  securityContext:\n    runAsNonRoot: true\n',
    },
    { name: 'container overrides to root', code: pod('    securityContext:\n      runAsUser: 0\n', '  securityContext:\n    runAsNonRoot: true\n'), errors: [{ line: 12, column: 18, message: 'runs as root (runAsUser: 0)' }] },
    { name: 'pod says false', code: pod('', '  securityContext:\n    runAsNonRoot: false\n'), errors: [{ line: 7, column: 19, message: 'the pod runs as root' }] },
  ],
});

ruleTester(rule, {
  valid: [{ name: 'Windows pods are exempt (Linux-only field)', code: pod('', '  os: {name: windows}\n', 'mcr.microsoft.com/windows/nanoserver:ltsc2022') }],
  invalid: [],
});
