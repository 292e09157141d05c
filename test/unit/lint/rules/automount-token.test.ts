import rule from '../../../../src/lint/rules/automount-token';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const sa = (extra = '') => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n${extra}`;
const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- kind: ServiceAccount
  name: web
  namespace: default
`;

ruleTester(rule, {
  valid: [
    { name: 'disabled on the pod', code: deployment('      automountServiceAccountToken: false\n') },
    { name: 'disabled on the ServiceAccount', code: deployment('      serviceAccountName: web\n'), files: { 'sa.yaml': sa('automountServiceAccountToken: false\n') } },
    { name: 'IRSA ServiceAccount', code: deployment('      serviceAccountName: web\n'), files: { 'sa.yaml': sa('  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::1:role/web\n') } },
    { name: 'bound ServiceAccount', code: deployment('      serviceAccountName: web\n'), files: { 'rb.yaml': binding } },
  ],
  invalid: [
    {
      name: 'plain ServiceAccount',
      code: deployment('      serviceAccountName: web\n'),
      files: { 'sa.yaml': sa() },
      errors: [{ line: 13, column: 7, message: 'ServiceAccount "web"', relatedLine: 4 }],
      suggestionOutput: deployment('      serviceAccountName: web\n') + '      automountServiceAccountToken: false\n',
    },
  ],
});
