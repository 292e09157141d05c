import rule from '../../../../src/lint/rules/memory-limit';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'memory limit set', code: pod('    resources:\n      limits: {memory: 256Mi}\n') },
    { name: 'ephemeral containers may not declare resources', code: pod('    resources: {limits: {memory: 64Mi}}\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n') },
    { name: 'not Kubernetes', code: 'containers:\n- name: app\n  image: nginx\n' },
  ],
  invalid: [
    { name: 'no resources', code: pod(), errors: [{ line: 7, column: 11, endColumn: 14, message: 'Pod web: container "app" has no memory limit' }] },
    { name: 'cpu limit only', code: pod('    resources:\n      limits: {cpu: "1"}\n'), errors: [{ line: 10, column: 7, endColumn: 13, message: 'set limits.memory.' }] },
    {
      name: 'a request to copy',
      code: deployment('', '        resources:\n          requests: {memory: 512Mi}\n'),
      errors: [{ line: 14, column: 15, message: 'equal to its request, 512Mi' }],
    },
    { name: 'an init container', code: pod('    resources: {limits: {memory: 64Mi}}\n', '  initContainers:\n  - name: init\n    image: busybox:1.36\n'), errors: [{ line: 7, column: 11, message: 'container "init"' }] },
  ],
});
