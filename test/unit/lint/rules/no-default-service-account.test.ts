import rule from '../../../../src/lint/rules/no-default-service-account';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a ServiceAccount of its own', code: deployment('      serviceAccountName: web\n') },
    { name: 'the deprecated field still names one', code: deployment('      serviceAccount: web\n') },
    { name: 'an empty serviceAccountName falls back to serviceAccount', code: pod('', '  serviceAccountName: ""\n  serviceAccount: web\n') },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n' },
  ],
  invalid: [
    { name: 'none named: point at the pod spec', code: deployment(), errors: [{ line: 12, column: 5, endColumn: 9, message: 'names no ServiceAccount, so it runs as `default`' }] },
    { name: 'default named', code: deployment('      serviceAccountName: default\n'), errors: [{ line: 13, column: 27, endColumn: 34, message: 'runs as the `default` ServiceAccount' }] },
    { name: 'default named in the deprecated field', code: pod('', '  serviceAccount: default\n'), errors: [{ line: 6, column: 19, endColumn: 26, message: /^Pod web: runs as the `default` ServiceAccount/ }] },
    {
      name: 'serviceAccountName wins over the deprecated field',
      code: pod('', '  serviceAccountName: default\n  serviceAccount: web\n'),
      errors: [{ line: 6, column: 23 }],
    },
    { name: 'an empty name is the default', code: pod('', '  serviceAccountName: ""\n'), errors: [{ line: 5, column: 1, message: 'names no ServiceAccount' }] },
  ],
});
