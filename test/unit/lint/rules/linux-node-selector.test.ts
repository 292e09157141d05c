import rule from '../../../../src/lint/rules/linux-node-selector';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const winPod = pod('', '  nodeSelector: {kubernetes.io/os: windows}\n', 'mcr.microsoft.com/windows/servercore:ltsc2022');

ruleTester(rule, {
  valid: [
    { name: 'no Windows in the workspace', code: deployment() },
    { name: 'has the selector', code: deployment('      nodeSelector:\n        kubernetes.io/os: linux\n'), files: { 'w.yaml': winPod } },
  ],
  invalid: [
    {
      code: deployment(),
      files: { 'w.yaml': winPod },
      errors: [{ line: 12, column: 5, message: 'mixed cluster' }],
      output: deployment() + '      nodeSelector:\n        kubernetes.io/os: linux\n',
    },
  ],
});
