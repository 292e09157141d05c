import rule from '../../../../src/lint/rules/no-default-namespace';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const on = { rules: { 'no-default-namespace': 'warning' as const } };

ruleTester(rule, {
  valid: [
    { name: 'off by default', code: deployment().replace('  name: web\n', '  name: web\n  namespace: default\n') },
    { name: 'no namespace set (kustomize or -n sets it)', code: deployment(), config: on },
    { name: 'an application namespace', code: deployment().replace('  name: web\n', '  name: web\n  namespace: shop\n'), config: on },
  ],
  invalid: [
    {
      name: 'explicitly default',
      code: deployment().replace('  name: web\n', '  name: web\n  namespace: default\n'),
      config: on,
      errors: [{ line: 5, column: 14, endColumn: 21, message: 'Deployment web: is placed in the default namespace' }],
    },
  ],
});
