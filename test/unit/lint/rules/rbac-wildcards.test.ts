import rule from '../../../../src/lint/rules/rbac-wildcards';
import { ruleTester } from '../rule-tester';

const role = (rules: string, kind = 'ClusterRole') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: r
rules:
${rules}`;

ruleTester(rule, {
  valid: [
    { name: 'explicit lists', code: role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [get, list]\n') },
    { name: 'a narrower pattern is left alone', code: role('- apiGroups: [apps]\n  resources: ["*/scale"]\n  verbs: [get, update]\n') },
    { name: 'non-resource URLs are out of scope', code: role('- nonResourceURLs: ["*"]\n  verbs: [get]\n') },
    { name: 'a binding is not a role', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: ClusterRole, name: x, apiGroup: rbac.authorization.k8s.io}\nsubjects: []\n' },
  ],
  invalid: [
    {
      name: 'wildcard group and verb',
      code: role('- apiGroups: ["*"]\n  resources: [pods]\n  verbs: ["get", "*"]\n'),
      errors: [
        { line: 6, column: 15, endColumn: 18, message: 'rule 1 allows every API group, including CRDs installed later ("*" in apiGroups)' },
        { line: 8, column: 18, endColumn: 21, message: 'every verb' },
      ],
    },
    {
      name: 'wildcard resources in a namespaced Role, block list, second rule',
      code: role('- apiGroups: [""]\n  resources: [configmaps]\n  verbs: [get]\n- apiGroups: [""]\n  resources:\n  - "*"\n  verbs: [get]\n', 'Role'),
      errors: [{ line: 11, column: 5, message: /^Role r: rule 2 allows every resource, Secrets and subresources/ }],
    },
    {
      name: 'wildcard resources of a non-core group name that group, not Secrets or pods/exec',
      code: role('- apiGroups: [monitoring.coreos.com]\n  resources: ["*"]\n  verbs: [get]\n'),
      errors: [{ line: 7, column: 15, message: /^ClusterRole r: rule 1 allows every resource of the API group "monitoring.coreos.com", subresources included/ }],
    },
    {
      name: 'wildcard resources of several groups, the core group among them',
      code: role('- apiGroups: ["", apps]\n  resources: ["*"]\n  verbs: [get]\n'),
      errors: [{ line: 7, column: 15, message: /Secrets and subresources such as pods\/exec included/ }],
    },
  ],
});
