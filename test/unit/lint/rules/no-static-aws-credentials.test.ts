import rule from '../../../../src/lint/rules/no-static-aws-credentials';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [{ code: pod('    env:\n    - name: AWS_REGION\n      value: us-east-1\n') }],
  invalid: [
    {
      code: pod('    env:\n    - name: AWS_ACCESS_KEY_ID\n      value: AKIAIOSFODNN7EXAMPLE\n    - name: AWS_SECRET_ACCESS_KEY\n      valueFrom:\n        secretKeyRef: {name: aws, key: secret}\n'),
      errors: [
        { line: 10, column: 13, message: 'sets AWS_ACCESS_KEY_ID' },
        { line: 12, column: 13, message: 'use IRSA or EKS Pod Identity' },
      ],
    },
  ],
});
