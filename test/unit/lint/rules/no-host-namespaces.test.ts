import rule from '../../../../src/lint/rules/no-host-namespaces';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const cronJob = (podLines: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
${podLines}          restartPolicy: OnFailure
          containers:
          - name: job
            image: busybox:1.36
`;

ruleTester(rule, {
  valid: [
    { name: 'none set', code: pod() },
    { name: 'explicit false', code: pod('', '  hostNetwork: false\n  hostPID: false\n  hostIPC: false\n') },
    { name: 'Deployment without them', code: deployment() },
    { name: 'not Kubernetes', code: 'services:\n  web:\n    network_mode: host\n    hostNetwork: true\n' },
    { name: 'a ConfigMap that happens to have the key', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  hostNetwork: "true"\n' },
  ],
  invalid: [
    {
      name: 'hostNetwork and hostIPC on a Pod',
      code: pod('', '  hostNetwork: true\n  hostIPC: true\n'),
      errors: [
        { line: 6, column: 3, endColumn: 14, message: 'sets hostNetwork: true, sharing the node\'s network' },
        { line: 7, column: 3, endColumn: 10, message: 'IPC namespace' },
      ],
    },
    {
      name: 'hostPID in a Deployment template',
      code: deployment('      hostPID: true\n'),
      errors: [{ line: 13, column: 7, endColumn: 14, message: /^Deployment web: sets hostPID: true, sharing the node's process namespace/ }],
    },
    {
      name: 'CronJob pod template',
      code: cronJob('          hostNetwork: true\n'),
      errors: [{ line: 11, column: 11, message: 'instance metadata service' }],
    },
  ],
});
