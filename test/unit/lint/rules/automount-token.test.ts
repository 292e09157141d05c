import rule from '../../../../src/lint/rules/automount-token';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const sa = (extra = '', meta = '') => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n${meta}${extra}`;
const binding = (kind: string, subject: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: web-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
${subject}`;
const saSubject = (ns = 'default') => `- kind: ServiceAccount\n  name: web\n  namespace: ${ns}\n`;
const named = deployment('      serviceAccountName: web\n');

ruleTester(rule, {
  valid: [
    { name: 'disabled on the pod', code: deployment('      automountServiceAccountToken: false\n') },
    { name: 'disabled on the ServiceAccount', code: named, files: { 'sa.yaml': sa('automountServiceAccountToken: false\n') } },
    { name: 'IRSA ServiceAccount', code: named, files: { 'sa.yaml': sa('', '  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/web\n') } },
    { name: 'RoleBinding in another file', code: named, files: { 'rb.yaml': binding('RoleBinding', saSubject()) } },
    { name: 'ClusterRoleBinding in the same file', code: named + '---\n' + binding('ClusterRoleBinding', saSubject()) },
    { name: 'bound through the namespace\'s ServiceAccount group', code: named, files: { 'rb.yaml': binding('RoleBinding', '- kind: Group\n  name: system:serviceaccounts:default\n') } },
    { name: 'bound by its username', code: named, files: { 'rb.yaml': binding('ClusterRoleBinding', '- kind: User\n  name: system:serviceaccount:default:web\n') } },
    { name: 'a RoleBinding subject without namespace takes the binding\'s', code: named, files: { 'rb.yaml': binding('RoleBinding', '- kind: ServiceAccount\n  name: web\n') } },
    { name: 'the deprecated serviceAccount field', code: deployment('      serviceAccount: web\n'), files: { 'rb.yaml': binding('RoleBinding', saSubject()) } },
    { name: 'the default ServiceAccount, bound', code: deployment(), files: { 'rb.yaml': binding('RoleBinding', '- kind: ServiceAccount\n  name: default\n  namespace: default\n') } },
  ],
  invalid: [
    {
      name: 'plain ServiceAccount in the workspace',
      code: named,
      files: { 'sa.yaml': sa() },
      errors: [{ line: 13, column: 7, endColumn: 25, message: 'mounts a Kubernetes API token for ServiceAccount "web", which no RoleBinding', relatedLine: 4 }],
      suggestionOutput: named + '      automountServiceAccountToken: false\n',
    },
    {
      name: 'no ServiceAccount named and none in the workspace',
      code: deployment(),
      errors: [{ line: 12, column: 5, endColumn: 9, message: 'ServiceAccount "default"' }],
      suggestionOutput: deployment() + '      automountServiceAccountToken: false\n',
    },
    {
      name: 'the pod asks for the token although its ServiceAccount turns it off',
      code: deployment('      serviceAccountName: web\n      automountServiceAccountToken: true\n'),
      files: { 'sa.yaml': sa('automountServiceAccountToken: false\n') },
      errors: [{ line: 14, column: 37, endColumn: 41, message: 'sets automountServiceAccountToken: true, mounting a Kubernetes API token' }],
      suggestionOutput: deployment('      serviceAccountName: web\n      automountServiceAccountToken: false\n'),
    },
    {
      name: 'a binding in another namespace does not count',
      code: named,
      files: { 'rb.yaml': binding('ClusterRoleBinding', saSubject('prod')) },
      errors: [{ line: 13, column: 7 }],
    },
    {
      name: 'a ServiceAccount of the same name in another namespace does not count',
      code: named,
      files: { 'sa.yaml': sa('automountServiceAccountToken: false\n', '  namespace: prod\n') },
      errors: [{ line: 13, column: 7 }],
    },
  ],
});
