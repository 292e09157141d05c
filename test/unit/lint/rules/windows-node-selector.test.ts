import rule from '../../../../src/lint/rules/windows-node-selector';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const win = 'mcr.microsoft.com/windows/servercore/iis:ltsc2022';
const osAffinity = (os: string) =>
  `  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - {key: kubernetes.io/os, operator: In, values: [${os}]}\n`;

ruleTester(rule, {
  valid: [
    { name: 'Linux image', code: pod() },
    { name: 'has the selector', code: pod('', '  nodeSelector:\n    kubernetes.io/os: windows\n', win) },
    { name: 'legacy beta label', code: pod('', '  nodeSelector: {beta.kubernetes.io/os: windows}\n', win) },
    { name: 'required node affinity on windows', code: pod('', osAffinity('windows'), win) },
    { name: 'an image merely named like Windows', code: pod('', '', 'example.com/windows-exporter-docs:1.0') },
  ],
  invalid: [
    {
      name: 'no selector: fix adds one',
      code: pod('', '', win),
      errors: [{ line: 8, column: 12, endColumn: 61, message: 'Pod web: container "app" runs the Windows image mcr.microsoft.com/windows/servercore/iis:ltsc2022 without nodeSelector kubernetes.io/os: windows' }],
      output: pod('', '', win) + '  nodeSelector:\n    kubernetes.io/os: windows\n',
    },
    {
      name: 'nanoserver tag; other selector keys kept',
      code: pod('', '  nodeSelector:\n    team: a\n', 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022'),
      errors: [{ line: 10, column: 12 }],
      output: pod('', '  nodeSelector:\n    team: a\n    kubernetes.io/os: windows\n', 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022'),
    },
    {
      name: 'Windows init container in a Deployment',
      code: deployment('      initContainers:\n      - name: setup\n        image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n'),
      errors: [{ line: 15, column: 16, message: 'container "setup"' }],
      output: deployment('      initContainers:\n      - name: setup\n        image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n') + '      nodeSelector:\n        kubernetes.io/os: windows\n',
    },
    {
      name: 'pinned to Linux: suggestion only',
      code: pod('', '  nodeSelector:\n    kubernetes.io/os: linux\n', win),
      errors: [{ line: 10, column: 12, message: 'pinned to kubernetes.io/os: linux nodes' }],
      suggestionOutput: pod('', '  nodeSelector:\n    kubernetes.io/os: windows\n', win),
    },
    { name: 'affinity pins Linux', code: pod('', osAffinity('linux'), win), errors: [{ line: 14, column: 12, message: 'pinned to kubernetes.io/os: linux' }] },
  ],
});
