import rule from '../../../../src/lint/rules/seccomp-profile';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const runtimeDefault = '    seccompProfile:\n      type: RuntimeDefault\n';
const side = (sc = '') => `  - name: side\n    image: envoy:1.31\n${sc}`;

ruleTester(rule, {
  valid: [
    { name: 'pod level', code: pod('', `  securityContext:\n${runtimeDefault}`) },
    { name: 'pod level Localhost', code: pod('', '  securityContext:\n    seccompProfile: {type: Localhost, localhostProfile: profiles/app.json}\n') },
    { name: 'every container sets its own', code: pod('    securityContext:\n      seccompProfile: {type: Localhost, localhostProfile: p.json}\n' + side('    securityContext: {seccompProfile: {type: RuntimeDefault}}\n')) },
    { name: 'an Unconfined pod default that every container overrides', code: pod('    securityContext: {seccompProfile: {type: RuntimeDefault}}\n', '  securityContext:\n    seccompProfile: {type: Unconfined}\n') },
    { name: 'Windows pods are exempt (Linux-only field)', code: pod('', '  nodeSelector: {kubernetes.io/os: windows}\n') },
  ],
  invalid: [
    {
      name: 'no securityContext: add one to the pod',
      code: pod(),
      errors: [{ line: 5, column: 1, endColumn: 5, message: 'sets no seccomp profile; set securityContext.seccompProfile.type: RuntimeDefault for the pod' }],
      output: pod() + `  securityContext:\n${runtimeDefault}`,
    },
    {
      name: 'existing pod securityContext: add to it',
      code: pod('', '  securityContext:\n    runAsNonRoot: true\n'),
      errors: [{ line: 6, column: 3, endColumn: 18, message: 'sets no seccomp profile' }],
      output: pod('', `  securityContext:\n    runAsNonRoot: true\n${runtimeDefault}`),
    },
    {
      name: 'empty flow securityContext',
      code: pod('', '  securityContext: {}\n'),
      errors: [{ line: 6, column: 3 }],
      output: pod('', '  securityContext: {seccompProfile: {"type":"RuntimeDefault"}}\n'),
    },
    {
      name: 'one container has its own profile, the other none: the pod default covers it',
      code: deployment('', '        securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}\n      - name: side\n        image: envoy:1.31\n'),
      errors: [{ line: 12, column: 5, message: /^Deployment web: sets no seccomp profile/ }],
      output: deployment('', '        securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}\n      - name: side\n        image: envoy:1.31\n') + '      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n',
    },
    {
      name: 'the deprecated annotation is named',
      code: deployment().replace('      labels: {app: web}\n', '      labels: {app: web}\n      annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}\n'),
      errors: [{ line: 13, column: 5, message: 'the seccomp.security.alpha.kubernetes.io/pod annotation is deprecated' }],
      output:
        deployment().replace('      labels: {app: web}\n', '      labels: {app: web}\n      annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}\n') +
        '      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n',
    },
    {
      name: 'container Unconfined: a suggestion, not a fix',
      code: pod('    securityContext:\n      seccompProfile: {type: Unconfined}\n', `  securityContext:\n${runtimeDefault}`),
      errors: [{ line: 13, column: 30, endColumn: 40, message: 'container "app" turns seccomp off (Unconfined)' }],
      suggestionOutput: pod('    securityContext:\n      seccompProfile: {type: RuntimeDefault}\n', `  securityContext:\n${runtimeDefault}`),
    },
    {
      name: 'pod Unconfined: named once, for the containers that inherit it',
      code: pod('    securityContext: {seccompProfile: {type: RuntimeDefault}}\n' + side(), '  securityContext:\n    seccompProfile:\n      type: Unconfined\n'),
      errors: [{ line: 8, column: 13, endColumn: 23, message: 'the pod turns seccomp off (Unconfined) for "side"' }],
      suggestionOutput: pod('    securityContext: {seccompProfile: {type: RuntimeDefault}}\n' + side(), `  securityContext:\n${runtimeDefault}`),
    },
  ],
});
