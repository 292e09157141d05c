import rule from '../../../../src/lint/rules/no-privilege-escalation';
import { ruleTester } from '../rule-tester';

const pod = (container: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
${container}`;

ruleTester(rule, {
  valid: [
    { name: 'set false', code: pod(`  - name: app\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: false\n`) },
    { name: 'not Kubernetes', code: 'services:\n  web:\n    image: nginx\n    privileged: true\n' },
  ],
  invalid: [
    {
      name: 'missing: insert a securityContext',
      code: pod(`  - name: app # the app\n    image: nginx:1.27\n`),
      errors: [{ line: 7, column: 11, endColumn: 14, message: 'container "app" does not set allowPrivilegeEscalation' }],
      output: pod(`  - name: app # the app\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: false\n`),
    },
    {
      name: 'true: flip the value, keep the comment',
      code: pod(`  - name: app\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: true # why?\n      runAsNonRoot: true\n`),
      errors: [{ line: 10, column: 33, endColumn: 37, message: 'sets allowPrivilegeEscalation: true' }],
      output: pod(`  - name: app\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: false # why?\n      runAsNonRoot: true\n`),
    },
    {
      name: 'existing securityContext without the key',
      code: pod(`  - name: app\n    image: nginx:1.27\n    securityContext:\n      runAsNonRoot: true\n  - name: side\n    image: envoy:1\n    securityContext: {}\n`),
      errors: [{ line: 7, column: 11 }, { line: 11, column: 11 }],
      output: pod(`  - name: app\n    image: nginx:1.27\n    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n  - name: side\n    image: envoy:1\n    securityContext: {allowPrivilegeEscalation: false}\n`),
    },
  ],
});
