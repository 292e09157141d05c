import rule from '../../../../src/lint/rules/image-pull-policy';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'pinned tag', code: pod('    imagePullPolicy: IfNotPresent\n') },
    { name: 'latest, default policy', code: pod('', '', 'nginx:latest') },
    { name: 'latest, Always', code: pod('    imagePullPolicy: Always\n', '', 'nginx:latest') },
  ],
  invalid: [{ code: pod('    imagePullPolicy: IfNotPresent\n', '', 'nginx'), errors: [{ line: 9, column: 22, message: 'with imagePullPolicy IfNotPresent' }] }],
});
