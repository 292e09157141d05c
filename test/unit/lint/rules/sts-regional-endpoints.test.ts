import rule from '../../../../src/lint/rules/sts-regional-endpoints';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const sa = (extra = '') => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/web\n${extra}`;
const optOut = { 'sa.yaml': sa('    eks.amazonaws.com/sts-regional-endpoints: "false"\n') };
const old = { kubernetesVersion: '1.24' };
const withSa = deployment('      serviceAccountName: web\n');
const withEnv = (env: string) => deployment('      serviceAccountName: web\n', `        env:\n${env}`);
const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aws\ndata:\n${data}`;
const envFrom = deployment('      serviceAccountName: web\n', '        envFrom:\n        - configMapRef: {name: aws}\n');

ruleTester(rule, {
  valid: [
    { name: 'no IRSA', code: withSa, files: { 'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n' }, config: old },
    { name: 'EKS injects it by default from 1.25', code: withSa, files: { 'sa.yaml': sa() } },
    { name: 'the ServiceAccount opts in (before 1.25)', code: withSa, files: { 'sa.yaml': sa('    eks.amazonaws.com/sts-regional-endpoints: "true"\n') }, config: old },
    { name: 'env set', code: withEnv('        - {name: AWS_STS_REGIONAL_ENDPOINTS, value: regional}\n'), files: optOut },
    { name: 'env from a ConfigMap key', code: withEnv('        - name: AWS_STS_REGIONAL_ENDPOINTS\n          valueFrom: {configMapKeyRef: {name: aws, key: sts}}\n'), files: optOut },
    { name: 'envFrom a ConfigMap that sets it', code: envFrom, files: { ...optOut, 'cm.yaml': cm('  AWS_STS_REGIONAL_ENDPOINTS: regional\n') } },
    { name: 'envFrom a ConfigMap outside the workspace', code: envFrom, files: optOut },
    { name: 'ServiceAccount of another namespace', code: withSa, files: { 'sa.yaml': sa('    eks.amazonaws.com/sts-regional-endpoints: "false"\n').replace('  name: web\n', '  name: web\n  namespace: other\n') } },
  ],
  invalid: [
    {
      name: 'before 1.25 without the annotation: fix adds the variable',
      code: withSa,
      files: { 'sa.yaml': sa() },
      config: old,
      errors: [{ line: 15, column: 15, message: 'Deployment web: container "app" uses IRSA (ServiceAccount web) without AWS_STS_REGIONAL_ENDPOINTS=regional and EKS before Kubernetes 1.25 doesn\'t inject it', relatedLine: 6 }],
      output: withSa + '        env:\n        - name: AWS_STS_REGIONAL_ENDPOINTS\n          value: regional\n',
    },
    {
      name: 'the ServiceAccount opts out; other env vars kept',
      code: withEnv('        - name: LOG_LEVEL\n          value: info\n'),
      files: optOut,
      errors: [{ line: 15, column: 15, message: 'its ServiceAccount web opts out of the regional endpoint', relatedLine: 7 }],
      output: withEnv('        - name: LOG_LEVEL\n          value: info\n        - name: AWS_STS_REGIONAL_ENDPOINTS\n          value: regional\n'),
    },
    {
      name: 'every regular container, not init containers',
      code: deployment('      serviceAccountName: web\n      initContainers:\n      - {name: init, image: busybox:1.36}\n', '      - name: side\n        image: envoy:1.30\n        env: [{name: A, value: b}]\n'),
      files: optOut,
      errors: [{ line: 17, column: 15, message: 'container "app"' }, { line: 19, column: 15, message: 'container "side"' }],
      output: deployment('      serviceAccountName: web\n      initContainers:\n      - {name: init, image: busybox:1.36}\n', '      - name: side\n        image: envoy:1.30\n        env: [{name: A, value: b}, {"name":"AWS_STS_REGIONAL_ENDPOINTS","value":"regional"}]\n')
        .replace('        image: nginx:1.27\n', '        image: nginx:1.27\n        env:\n        - name: AWS_STS_REGIONAL_ENDPOINTS\n          value: regional\n'),
    },
    {
      name: 'envFrom a ConfigMap without it',
      code: envFrom,
      files: { ...optOut, 'cm.yaml': cm('  LOG_LEVEL: info\n') },
      errors: [{ line: 15, column: 15 }],
      output: envFrom + '        env:\n        - name: AWS_STS_REGIONAL_ENDPOINTS\n          value: regional\n',
    },
    {
      name: 'explicit legacy value: a suggestion, since the author chose it',
      code: withEnv('        - {name: AWS_STS_REGIONAL_ENDPOINTS, value: legacy}\n'),
      files: { 'sa.yaml': sa() },
      errors: [{ line: 18, column: 53, message: 'sets AWS_STS_REGIONAL_ENDPOINTS=legacy', relatedLine: 6 }],
      suggestionOutput: withEnv('        - {name: AWS_STS_REGIONAL_ENDPOINTS, value: regional}\n'),
    },
  ],
});
