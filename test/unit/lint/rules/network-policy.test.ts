import rule from '../../../../src/lint/rules/network-policy';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const policy = (podSelector: string, ns = '') => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n${ns}spec:\n  podSelector: ${podSelector}\n  policyTypes: [Ingress]\n`;

ruleTester(rule, {
  valid: [
    { name: 'a default-deny policy selects every pod of the namespace', code: deployment(), files: { 'np.yaml': policy('{}') } },
    { name: 'a policy selecting the app', code: deployment(), files: { 'np.yaml': policy('{matchLabels: {app: web}}') } },
    { name: 'a policy by expression, same file', code: deployment() + '---\n' + policy('{matchExpressions: [{key: app, operator: In, values: [web]}]}') },
    { name: 'objects without pods', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {}\n' },
  ],
  invalid: [
    {
      name: 'no policy at all',
      code: deployment(),
      errors: [{ line: 4, column: 9, endColumn: 12, message: 'Deployment web: namespace "default" has no NetworkPolicy in the workspace' }],
    },
    {
      name: 'a policy of the namespace that selects other pods',
      code: pod(),
      files: { 'np.yaml': policy('{matchLabels: {app: api}}') },
      errors: [{ line: 4, column: 9, message: 'no NetworkPolicy of namespace "default" selects its pods' }],
    },
    {
      name: 'a default-deny policy of another namespace',
      code: deployment(),
      files: { 'np.yaml': policy('{}', '  namespace: other\n') },
      errors: [{ line: 4, column: 9, message: 'namespace "default" has no NetworkPolicy' }],
    },
  ],
});
