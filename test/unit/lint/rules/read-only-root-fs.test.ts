import rule from '../../../../src/lint/rules/read-only-root-fs';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'set true', code: pod('    securityContext:\n      readOnlyRootFilesystem: true\n') },
    { name: 'Windows pods are exempt (Linux-only field)', code: pod('', '  nodeSelector: {kubernetes.io/os: windows}\n') },
    { name: 'ephemeral containers are left to kubectl debug', code: pod('    securityContext: {readOnlyRootFilesystem: true}\n', '  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n') },
  ],
  invalid: [
    {
      name: 'missing: point at the container, suggest setting it',
      code: pod(),
      errors: [{ line: 7, column: 11, endColumn: 14, message: 'container "app" has a writable root filesystem' }],
      suggestionOutput: pod('    securityContext:\n      readOnlyRootFilesystem: true\n'),
    },
    {
      name: 'explicit false: underline the value',
      code: pod('    securityContext:\n      readOnlyRootFilesystem: false # nginx writes to /var/cache\n'),
      errors: [{ line: 10, column: 31, endColumn: 36 }],
      suggestionOutput: pod('    securityContext:\n      readOnlyRootFilesystem: true # nginx writes to /var/cache\n'),
    },
    {
      name: 'init and app containers each reported',
      code: deployment('      initContainers:\n      - name: init\n        image: busybox:1.36\n        securityContext: {runAsNonRoot: true}\n'),
      errors: [{ line: 14, column: 15, message: 'container "init"' }, { line: 18, column: 15, message: 'container "app"' }],
      suggestionOutput: deployment('      initContainers:\n      - name: init\n        image: busybox:1.36\n        securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}\n'),
    },
  ],
});
