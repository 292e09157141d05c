import rule from '../../../../src/lint/rules/windows-node-selector';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const win = 'mcr.microsoft.com/windows/servercore/iis:ltsc2022';

ruleTester(rule, {
  valid: [
    { name: 'Linux image', code: pod() },
    { name: 'has the selector', code: pod('', '  nodeSelector:\n    kubernetes.io/os: windows\n', win) },
  ],
  invalid: [
    {
      code: pod('', '', win),
      errors: [{ line: 8, column: 12, message: 'without nodeSelector kubernetes.io/os: windows' }],
      output: pod('', '', win) + '  nodeSelector:\n    kubernetes.io/os: windows\n',
    },
    { name: 'nanoserver', code: pod('', '', 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022'), errors: [{ line: 8, column: 12 }], output: pod('', '', 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022') + '  nodeSelector:\n    kubernetes.io/os: windows\n' },
  ],
});
