import rule from '../../../../src/lint/rules/no-static-aws-credentials';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const secret = (data: string, meta = '') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: aws\n${meta}type: Opaque\nstringData:\n${data}`;
const envFrom = (ref: string) => pod(`    envFrom:\n    - ${ref}\n`);

ruleTester(rule, {
  valid: [
    { name: 'region only', code: pod('    env:\n    - name: AWS_REGION\n      value: us-east-1\n') },
    { name: 'IRSA-style variables', code: pod('    env:\n    - name: AWS_ROLE_ARN\n      value: arn:aws:iam::111122223333:role/web\n    - name: AWS_WEB_IDENTITY_TOKEN_FILE\n      value: /var/run/secrets/eks.amazonaws.com/serviceaccount/token\n') },
    { name: 'an empty value sets nothing', code: pod('    env:\n    - name: AWS_ACCESS_KEY_ID\n      value: ""\n') },
    { name: 'envFrom a Secret without AWS keys', code: envFrom('secretRef: {name: aws}'), files: { 's.yaml': secret('  REGION: us-east-1\n') } },
    { name: 'envFrom a Secret the workspace does not hold', code: envFrom('secretRef: {name: aws}') },
    { name: 'envFrom a Secret of another namespace', code: envFrom('secretRef: {name: aws}'), files: { 's.yaml': secret('  AWS_ACCESS_KEY_ID: x\n', '  namespace: prod\n') } },
    { name: 'a prefix that makes other names', code: envFrom('{prefix: BACKUP_, secretRef: {name: aws}}'), files: { 's.yaml': secret('  AWS_ACCESS_KEY_ID: x\n') } },
  ],
  invalid: [
    {
      name: 'a literal and a secretKeyRef',
      code: pod('    env:\n    - name: AWS_ACCESS_KEY_ID\n      value: AKIAIOSFODNN7EXAMPLE\n    - name: AWS_SECRET_ACCESS_KEY\n      valueFrom:\n        secretKeyRef: {name: aws, key: secret}\n'),
      errors: [
        { line: 10, column: 13, endColumn: 30, message: 'container "app" sets AWS_ACCESS_KEY_ID to a literal: static AWS credentials' },
        { line: 12, column: 13, message: 'takes AWS_SECRET_ACCESS_KEY from Secret "aws": still static AWS credentials; give the pod an IAM role through IRSA' },
      ],
    },
    {
      name: 'a session token from a ConfigMap',
      code: pod('    env:\n    - name: AWS_SESSION_TOKEN\n      valueFrom: {configMapKeyRef: {name: creds, key: token}}\n'),
      errors: [{ line: 10, column: 13, message: 'from ConfigMap "creds"' }],
    },
    {
      name: 'envFrom a Secret holding the keys',
      code: envFrom('secretRef: {name: aws}'),
      files: { 's.yaml': secret('  AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\n  AWS_SECRET_ACCESS_KEY: x\n') },
      errors: [{ line: 10, column: 25, endColumn: 28, message: 'loads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY from Secret "aws"', relatedLine: 7 }],
    },
    {
      name: 'envFrom with a prefix that completes the name, Secret in the same file',
      code: envFrom('prefix: AWS_\n      secretRef:\n        name: aws\n') + '---\n' + secret('  SECRET_ACCESS_KEY: x\n'),
      errors: [{ line: 12, column: 15, message: /^Pod web: container "app" loads AWS_SECRET_ACCESS_KEY from Secret "aws"/, relatedLine: 21 }],
    },
  ],
});
