import rule from '../../../../src/lint/rules/fargate-compat';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const onFargate = '      nodeSelector:\n        eks.amazonaws.com/compute-type: fargate\n';
const profile = { fargateProfiles: [{ namespace: 'batch-*', labels: { app: 'w*' } }] };

ruleTester(rule, {
  valid: [
    { name: 'plain pod on Fargate', code: deployment(onFargate) },
    { name: 'privileged but on EC2', code: deployment('', '        securityContext: {privileged: true}\n') },
    { name: 'profile does not match the namespace', code: deployment('      hostNetwork: true\n'), config: profile },
  ],
  invalid: [
    { name: 'privileged, by node selector', code: deployment(onFargate, '        securityContext: {privileged: true}\n'), errors: [{ line: 18, column: 27, message: 'runs container "app" privileged' }] },
    {
      name: 'DaemonSet with hostPath, by profile',
      code: deployment('      volumes:\n      - name: h\n        hostPath: {path: /var/log}\n', '', 3, 'web', '  namespace: batch-jobs\n').replace('kind: Deployment', 'kind: DaemonSet'),
      config: { fargateProfiles: [{ namespace: 'batch-*' }] },
      errors: [{ line: 2, column: 7, message: 'is a DaemonSet' }, { line: 16, column: 9, message: 'hostPath volume "h"' }],
    },
    { name: 'GPU', code: deployment(onFargate, '        resources:\n          limits: {nvidia.com/gpu: 1}\n'), errors: [{ line: 19, column: 20, message: 'requests GPUs' }] },
  ],
});
