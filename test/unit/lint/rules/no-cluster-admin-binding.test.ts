import rule from '../../../../src/lint/rules/no-cluster-admin-binding';
import { ruleTester } from '../rule-tester';

// The first subject's name is at line 11, column 9.
const binding = (role: string, subject: string, kind = 'ClusterRoleBinding', roleKind = 'ClusterRole') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: b
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ${roleKind}
  name: ${role}
subjects:
- kind: ${subject.split(' ')[0]}
  name: ${subject.split(' ')[1]}
${subject.split(' ')[2] ? `  namespace: ${subject.split(' ')[2]}\n` : ''}`;

ruleTester(rule, {
  valid: [
    { name: 'a human admin group', code: binding('cluster-admin', 'Group platform-admins') },
    { name: 'a named user', code: binding('cluster-admin', 'User alice@example.com') },
    { name: 'view to a ServiceAccount', code: binding('view', 'ServiceAccount app web') },
    { name: 'a namespaced Role that happens to be called cluster-admin', code: binding('cluster-admin', 'ServiceAccount app web', 'RoleBinding', 'Role') },
    { name: 'a ClusterRole is not a binding', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: cluster-admin\nrules: []\n' },
    { name: 'no subjects', code: binding('cluster-admin', 'Group x').replace(/subjects:[\s\S]*$/, '') },
  ],
  invalid: [
    { name: 'ServiceAccount', code: binding('cluster-admin', 'ServiceAccount app web'), errors: [{ line: 11, column: 9, endColumn: 12, message: 'grants cluster-admin across the cluster to ServiceAccount web/app' }] },
    { name: 'everyone authenticated', code: binding('cluster-admin', 'Group system:authenticated'), errors: [{ line: 11, column: 9, message: 'Group system:authenticated (anyone with credentials to the cluster)' }] },
    { name: 'anonymous', code: binding('cluster-admin', 'User system:anonymous'), errors: [{ line: 11, column: 9, message: 'User system:anonymous (anonymous requests)' }] },
    { name: 'every ServiceAccount of a namespace', code: binding('cluster-admin', 'Group system:serviceaccounts:ci'), errors: [{ line: 11, column: 9, message: 'every ServiceAccount of namespace ci' }] },
    { name: 'a ServiceAccount by its username', code: binding('cluster-admin', 'User system:serviceaccount:ci:runner'), errors: [{ line: 11, column: 9, message: 'ServiceAccount ci/runner' }] },
    {
      name: 'RoleBinding: namespace-wide, subject namespace from the binding',
      code: binding('cluster-admin', 'ServiceAccount default', 'RoleBinding').replace('  name: b\n', '  name: b\n  namespace: team-a\n'),
      errors: [{ line: 12, column: 9, message: /^RoleBinding b: grants cluster-admin in namespace team-a to ServiceAccount team-a\/default/ }],
    },
    {
      name: 'only the hazardous subject of several',
      code: binding('cluster-admin', 'Group platform-admins') + '- kind: ServiceAccount\n  name: argocd\n  namespace: argocd\n',
      errors: [{ line: 13, column: 9, message: 'ServiceAccount argocd/argocd' }],
    },
  ],
});
