import rule from '../../../../src/lint/rules/image-registry-allowed';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const on = { rules: { 'image-registry-allowed': 'warning' as const } };

ruleTester(rule, {
  valid: [
    { name: 'off by default', code: pod('', '', 'nginx:1.27') },
    { name: 'ECR', code: pod('', '', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1'), config: on },
    { name: 'ECR Public', code: pod('', '', 'public.ecr.aws/nginx/nginx:1.27'), config: on },
    { name: 'configured list', code: pod('', '', 'ghcr.io/org/app:1'), config: { ...on, registries: ['ghcr.io'] } },
  ],
  invalid: [
    { name: 'Docker Hub', code: pod('', '', 'nginx:1.27'), config: on, errors: [{ line: 8, column: 12, message: 'pulls from docker.io' }] },
    { name: 'wildcard is one label', code: pod('', '', '1.dkr.ecr.us-east-1.amazonaws.com.evil.io/app:1'), config: on, errors: [{ line: 8, column: 12, message: 'pull-through cache' }] },
  ],
});
