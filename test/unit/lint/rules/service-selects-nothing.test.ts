import rule from '../../../../src/lint/rules/service-selects-nothing';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

// Line 6 holds the selector.
const svc = (selector: string, extra = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: ${selector}\n  ports: [{port: 80}]\n${extra}`;

ruleTester(rule, {
  valid: [
    { name: 'selects the Deployment\'s template', code: svc('{app: web}'), files: { 'd.yaml': deployment() } },
    { name: 'same file', code: svc('{app: web}') + '---\n' + deployment() },
    { name: 'the workspace holds no workloads of the namespace', code: svc('{app: other}'), files: { 'd.yaml': deployment().replace('  name: web\n', '  name: web\n  namespace: shop\n') } },
    { name: 'no selector (manual endpoints)', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  ports: [{port: 5432}]\n', files: { 'd.yaml': deployment() } },
    { name: 'ExternalName', code: svc('{app: gone}', '  type: ExternalName\n  externalName: db.example.com\n'), files: { 'd.yaml': deployment() } },
  ],
  invalid: [
    {
      name: 'a renamed label',
      code: svc('{app: web-v2}'),
      files: { 'd.yaml': deployment() },
      errors: [{ line: 6, column: 3, endColumn: 11, message: 'Service web: selects app=web-v2, but no pod template of namespace "default"' }],
    },
    {
      name: 'one label of two does not match',
      code: svc('{app: web, tier: backend}'),
      files: { 'd.yaml': deployment() },
      errors: [{ line: 6, column: 3, message: 'selects app=web, tier=backend' }],
    },
  ],
});
