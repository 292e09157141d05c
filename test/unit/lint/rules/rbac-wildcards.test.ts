import rule from '../../../../src/lint/rules/rbac-wildcards';
import { ruleTester } from '../rule-tester';

const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: r
rules:
${rules}`;

ruleTester(rule, {
  valid: [{ code: role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [get, list]\n') }],
  invalid: [
    {
      code: role('- apiGroups: ["*"]\n  resources: [pods]\n  verbs: ["get", "*"]\n'),
      errors: [{ line: 6, column: 15, message: 'every API group' }, { line: 8, column: 18, message: 'every verb' }],
    },
  ],
});
