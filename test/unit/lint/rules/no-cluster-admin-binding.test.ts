import rule from '../../../../src/lint/rules/no-cluster-admin-binding';
import { ruleTester } from '../rule-tester';

const crb = (role: string, subject: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: b
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${role}
subjects:
${subject}`;

ruleTester(rule, {
  valid: [
    { name: 'a human admin group', code: crb('cluster-admin', '- kind: Group\n  name: platform-admins\n') },
    { name: 'view to a ServiceAccount', code: crb('view', '- kind: ServiceAccount\n  name: app\n  namespace: web\n') },
  ],
  invalid: [
    { name: 'ServiceAccount', code: crb('cluster-admin', '- kind: ServiceAccount\n  name: app\n  namespace: web\n'), errors: [{ line: 11, column: 9, message: 'ServiceAccount web/app' }] },
    { name: 'everyone', code: crb('cluster-admin', '- kind: Group\n  name: system:authenticated\n'), errors: [{ line: 11, column: 9, message: 'Group system:authenticated' }] },
  ],
});
