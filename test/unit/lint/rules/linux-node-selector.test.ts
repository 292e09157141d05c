import rule from '../../../../src/lint/rules/linux-node-selector';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const winPod = pod('', '  nodeSelector: {kubernetes.io/os: windows}\n', 'mcr.microsoft.com/windows/servercore:ltsc2022');
const linuxAffinity = '      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n              - {key: kubernetes.io/os, operator: In, values: [linux]}\n';

ruleTester(rule, {
  valid: [
    { name: 'no Windows in the workspace', code: deployment() },
    { name: 'has the selector', code: deployment('      nodeSelector:\n        kubernetes.io/os: linux\n'), files: { 'w.yaml': winPod } },
    { name: 'required node affinity on linux', code: deployment(linuxAffinity), files: { 'w.yaml': winPod } },
    { name: 'the Windows workload itself', code: winPod },
    { name: 'a Windows image without any selector is the other rule\'s business', code: pod('', '', 'mcr.microsoft.com/windows/nanoserver:ltsc2022'), files: { 'w.yaml': winPod } },
  ],
  invalid: [
    {
      name: 'Windows workload in another file',
      code: deployment(),
      files: { 'w.yaml': winPod },
      errors: [{ line: 12, column: 5, message: 'Deployment web: has no kubernetes.io/os node selector in a workspace with Windows workloads', relatedLine: 4 }],
      output: deployment() + '      nodeSelector:\n        kubernetes.io/os: linux\n',
    },
    {
      name: 'Windows workload in the same file; other selector keys kept',
      code: `${deployment('      nodeSelector: {team: a}\n')}---\n${winPod}`,
      errors: [{ line: 12, column: 5, relatedLine: 21 }],
      output: `${deployment('      nodeSelector: {team: a, kubernetes.io/os: "linux"}\n')}---\n${winPod}`,
    },
    {
      name: 'affinity terms that disagree pin nothing',
      code: deployment(linuxAffinity + '            - matchExpressions:\n              - {key: kubernetes.io/os, operator: In, values: [windows]}\n'),
      files: { 'w.yaml': winPod },
      errors: [{ line: 12, column: 5 }],
      output: deployment(linuxAffinity + '            - matchExpressions:\n              - {key: kubernetes.io/os, operator: In, values: [windows]}\n') + '      nodeSelector:\n        kubernetes.io/os: linux\n',
    },
  ],
});
