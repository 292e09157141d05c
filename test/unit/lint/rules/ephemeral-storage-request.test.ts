import rule from '../../../../src/lint/rules/ephemeral-storage-request';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const mount = '    volumeMounts: [{name: scratch, mountPath: /tmp}]\n';
const volume = (emptyDir = '{}') => `  volumes:\n  - name: scratch\n    emptyDir: ${emptyDir}\n`;

ruleTester(rule, {
  valid: [
    { name: 'no emptyDir', code: pod() },
    { name: 'requests ephemeral-storage', code: pod(mount + '    resources: {requests: {ephemeral-storage: 1Gi}}\n', volume()) },
    { name: 'a limit stands for the request', code: pod(mount + '    resources: {limits: {ephemeral-storage: 2Gi}}\n', volume()) },
    { name: 'memory-backed emptyDir counts as memory', code: pod(mount, volume('{medium: Memory}')) },
    { name: 'a container that does not mount it', code: pod('', volume()) },
  ],
  invalid: [
    {
      name: 'mounts a disk emptyDir without a request',
      code: pod(mount, volume('{sizeLimit: 1Gi}')),
      errors: [{ line: 10, column: 11, endColumn: 14, message: 'Pod web: container "app" writes to emptyDir "scratch" on the node\'s disk but requests no ephemeral-storage' }],
    },
  ],
});
