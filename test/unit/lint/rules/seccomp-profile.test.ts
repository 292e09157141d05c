import rule from '../../../../src/lint/rules/seccomp-profile';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'pod level', code: pod('', '  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n') },
    { name: 'container level', code: pod('    securityContext:\n      seccompProfile: {type: Localhost, localhostProfile: p.json}\n') },
  ],
  invalid: [
    {
      name: 'none: add it to the pod',
      code: pod('', '  securityContext:\n    runAsNonRoot: true\n'),
      errors: [{ line: 6, column: 3, message: 'sets no seccomp profile' }],
      output: pod('', '  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n'),
    },
    { name: 'container Unconfined', code: pod('    securityContext:\n      seccompProfile: {type: Unconfined}\n', '  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n'), errors: [{ line: 12, column: 30, message: 'Unconfined' }] },
  ],
});

ruleTester(rule, {
  valid: [{ name: 'Windows pods are exempt (Linux-only field)', code: pod('', '  nodeSelector: {kubernetes.io/os: windows}\n') }],
  invalid: [],
});
