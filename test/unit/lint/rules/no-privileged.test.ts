import rule from '../../../../src/lint/rules/no-privileged';
import { ruleTester } from '../rule-tester';

const job = (sc: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: init
            image: busybox:1.36
${sc}          containers:
          - name: app
            image: backup:2.1
`;

ruleTester(rule, {
  valid: [
    { name: 'not privileged', code: job('            securityContext:\n              privileged: false\n') },
    { name: 'no securityContext', code: job('') },
  ],
  invalid: [
    {
      name: 'privileged init container in a CronJob',
      code: job('            securityContext:\n              privileged: true\n'),
      errors: [{ line: 15, column: 27, endColumn: 31, message: 'container "init" runs privileged' }],
      suggestionOutput: job('            securityContext:\n'),
    },
  ],
});
