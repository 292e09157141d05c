import rule from '../../../../src/lint/rules/sts-regional-endpoints';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const sa = (extra = '') => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/web\n${extra}`;
const withSa = deployment('      serviceAccountName: web\n');

ruleTester(rule, {
  valid: [
    { name: 'no IRSA', code: withSa, files: { 'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n' } },
    { name: 'env set', code: deployment('      serviceAccountName: web\n', '        env:\n        - {name: AWS_STS_REGIONAL_ENDPOINTS, value: regional}\n'), files: { 'sa.yaml': sa() } },
    { name: 'annotation set', code: withSa, files: { 'sa.yaml': sa('    eks.amazonaws.com/sts-regional-endpoints: "true"\n') } },
  ],
  invalid: [
    {
      name: 'no env at all',
      code: withSa,
      files: { 'sa.yaml': sa() },
      errors: [{ line: 15, column: 15, message: 'uses IRSA (ServiceAccount web)', relatedLine: 6 }],
      output: withSa + '        env:\n        - name: AWS_STS_REGIONAL_ENDPOINTS\n          value: regional\n',
    },
    {
      name: 'other env vars',
      code: deployment('      serviceAccountName: web\n', '        env:\n        - name: LOG_LEVEL\n          value: info\n'),
      files: { 'sa.yaml': sa() },
      errors: [{ line: 15, column: 15 }],
      output: deployment('      serviceAccountName: web\n', '        env:\n        - name: LOG_LEVEL\n          value: info\n        - name: AWS_STS_REGIONAL_ENDPOINTS\n          value: regional\n'),
    },
  ],
});
