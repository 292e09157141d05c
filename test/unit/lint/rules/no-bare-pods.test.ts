import rule from '../../../../src/lint/rules/no-bare-pods';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'Deployment', code: deployment() },
    { name: 'owned Pod', code: pod().replace('  name: web\n', '  name: web\n  ownerReferences:\n  - {apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: x, controller: true}\n') },
  ],
  invalid: [{ code: pod(), errors: [{ line: 2, column: 7, endColumn: 10, message: 'is a bare Pod' }] }],
});
