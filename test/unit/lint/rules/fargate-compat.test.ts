import rule from '../../../../src/lint/rules/fargate-compat';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const onFargate = '      nodeSelector:\n        eks.amazonaws.com/compute-type: fargate\n';
const inBatch = '  namespace: batch-jobs\n';
const daemonSet = (podLines: string) => deployment(podLines, '', 3, 'web', inBatch).replace('kind: Deployment', 'kind: DaemonSet');

ruleTester(rule, {
  valid: [
    { name: 'plain pod on Fargate', code: deployment(onFargate + '      volumes:\n      - {name: scratch, emptyDir: {}}\n') },
    { name: 'privileged but on EC2', code: deployment('', '        securityContext: {privileged: true}\n') },
    { name: 'compute-type other than fargate', code: deployment('      nodeSelector: {eks.amazonaws.com/compute-type: ec2}\n      hostNetwork: true\n') },
    { name: 'profile does not match the namespace', code: deployment('      hostNetwork: true\n'), config: { fargateProfiles: [{ namespace: 'batch-*' }] } },
    { name: 'profile labels do not match', code: daemonSet(''), config: { fargateProfiles: [{ namespace: 'batch-*', labels: { app: 'api' } }] } },
    { name: '? matches exactly one character', code: daemonSet(''), config: { fargateProfiles: [{ namespace: 'batch-?' }] } },
    { name: 'DaemonSet on EC2 with a profile for another namespace', code: daemonSet(''), config: { fargateProfiles: [{ namespace: 'default' }] } },
  ],
  invalid: [
    {
      name: 'privileged, by node selector',
      code: deployment(onFargate, '        securityContext: {privileged: true}\n'),
      errors: [{ line: 18, column: 27, message: 'Deployment web: runs on Fargate (nodeSelector eks.amazonaws.com/compute-type: fargate) but runs container "app" privileged' }],
    },
    {
      name: 'DaemonSet with hostPath, by a wildcard profile',
      code: daemonSet('      volumes:\n      - name: h\n        hostPath: {path: /var/log}\n'),
      config: { fargateProfiles: [{ namespace: 'batch-*' }] },
      errors: [
        { line: 2, column: 7, message: '(Fargate profile selector namespace batch-*) but is a DaemonSet' },
        { line: 16, column: 9, message: 'mounts the hostPath volume "h"' },
      ],
    },
    {
      name: 'wildcards in label key and value',
      code: deployment('      hostNetwork: true\n'),
      config: { fargateProfiles: [{ namespace: 'def*', labels: { 'ap?': 'w*' } }] },
      errors: [{ line: 13, column: 7, message: 'with labels ap?=w*) but uses hostNetwork' }],
    },
    { name: 'GPU limit', code: deployment(onFargate, '        resources:\n          limits: {nvidia.com/gpu: 1}\n'), errors: [{ line: 19, column: 20, message: 'requests nvidia.com/gpu in container "app"' }] },
    { name: 'Inferentia request', code: deployment(onFargate, '        resources:\n          requests: {aws.amazon.com/neuron: 1}\n'), errors: [{ line: 19, column: 22, message: 'aws.amazon.com/neuron' }] },
    { name: 'hostPort', code: deployment(onFargate, '        ports:\n        - {containerPort: 80, hostPort: 80}\n'), errors: [{ line: 19, column: 31, message: 'uses a hostPort in container "app"' }] },
    { name: 'Arm nodes', code: deployment('      nodeSelector:\n        eks.amazonaws.com/compute-type: fargate\n        kubernetes.io/arch: arm64\n'), errors: [{ line: 15, column: 9, message: 'asks for Arm (arm64) nodes' }] },
    {
      name: 'Windows image',
      code: deployment(onFargate).replace('nginx:1.27', 'mcr.microsoft.com/windows/nanoserver:ltsc2022'),
      errors: [{ line: 12, column: 5, message: 'runs Windows containers' }],
    },
  ],
});
