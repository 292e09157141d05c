import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import rule, { allowedBy, DEFAULT_REGISTRIES } from '../../../../src/lint/rules/image-registry-allowed';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const on = { rules: { 'image-registry-allowed': 'warning' as const } };
const ECR = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';

// The image value is at line 8, column 12.
ruleTester(rule, {
  valid: [
    { name: 'off by default', code: pod('', '', 'nginx:1.27') },
    { name: 'registries alone do not turn it on', code: pod('', '', 'nginx:1.27'), config: { registries: ['ghcr.io'] } },
    { name: 'ECR', code: pod('', '', `${ECR}/app:1`), config: on },
    { name: 'ECR Public', code: pod('', '', 'public.ecr.aws/nginx/nginx:1.27'), config: on },
    { name: 'configured list', code: pod('', '', 'ghcr.io/org/app:1'), config: { ...on, registries: ['ghcr.io'] } },
    { name: 'Docker Hub by any of its names', code: pod('', '', 'index.docker.io/library/nginx:1.27'), config: { ...on, registries: ['docker.io'] } },
    { name: 'a repository prefix', code: pod('', '', 'ghcr.io/my-org/app:1'), config: { ...on, registries: ['ghcr.io/my-org'] } },
    { name: 'official Docker Hub images live under library/', code: pod('', '', 'nginx:1.27'), config: { ...on, registries: ['docker.io/library'] } },
    { name: 'a registry with a port', code: pod('', '', 'localhost:5000/app:1'), config: { ...on, registries: ['localhost:5000'] } },
    { name: 'a variable the pipeline substitutes', code: pod('', '', '"${REGISTRY}/app:1"'), config: on },
  ],
  invalid: [
    {
      name: 'Docker Hub under the default list',
      code: pod('', '', 'nginx:1.27'),
      config: on,
      errors: [{ line: 8, column: 12, endColumn: 22, message: 'container "app" pulls from docker.io, which is not an allowed registry (*.dkr.ecr.*.amazonaws.com, public.ecr.aws); mirror it with an ECR pull-through cache rule for docker.io and pull <account>.dkr.ecr.<region>.amazonaws.com/docker-hub/' }],
    },
    { name: 'wildcard is one label', code: pod('', '', `${ECR}.evil.io/app:1`), config: on, errors: [{ line: 8, column: 12, message: `pulls from ${ECR}.evil.io` }] },
    { name: 'a registry pull-through cache cannot mirror', code: pod('', '', 'registry.example.com/app:1'), config: on, errors: [{ line: 8, column: 12, message: "copy it into Amazon ECR (an ECR pull-through cache can't mirror registry.example.com)" }] },
    { name: 'quay', code: pod('', '', 'quay.io/prometheus/node-exporter:v1.8.2'), config: on, errors: [{ line: 8, column: 12, message: 'amazonaws.com/quay/' }] },
    { name: 'another org under an allowed prefix', code: pod('', '', 'ghcr.io/someone-else/app:1'), config: { ...on, registries: ['ghcr.io/my-org'] }, errors: [{ line: 8, column: 12, message: 'pulls from ghcr.io' }] },
    { name: 'a port makes another registry', code: pod('', '', 'localhost:5001/app:1'), config: { ...on, registries: ['localhost:5000'] }, errors: [{ line: 8, column: 12 }] },
    { name: 'severity from the config', code: pod('', '', 'nginx:1.27'), config: { rules: { 'image-registry-allowed': 'error' } }, errors: [{ line: 8, column: 12, message: /^Pod web: container "app" pulls from docker\.io/ }] },
  ],
});

it('matches registry patterns', () => {
  assert.equal(allowedBy(`${ECR}/app:1`, DEFAULT_REGISTRIES).allowed, true);
  assert.equal(allowedBy('111122223333.dkr.ecr.us-gov-west-1.amazonaws.com/app', DEFAULT_REGISTRIES).allowed, true);
  assert.equal(allowedBy('dkr.ecr.eu-west-1.amazonaws.com/app', DEFAULT_REGISTRIES).allowed, false, '* needs a label');
  assert.equal(allowedBy('a.b.dkr.ecr.eu-west-1.amazonaws.com/app', DEFAULT_REGISTRIES).allowed, false, '* is one label');
  assert.equal(allowedBy('PUBLIC.ECR.AWS/x/y:1', DEFAULT_REGISTRIES).allowed, true, 'hosts are case-insensitive');
  assert.equal(allowedBy('nginx', ['registry-1.docker.io']).allowed, true);
  assert.equal(allowedBy('myregistry.azurecr.io/app:1', ['*.azurecr.io']).allowed, true);
  assert.equal(allowedBy('ghcr.io/my-org-2/app', ['ghcr.io/my-org']).allowed, false, 'prefix ends at a path segment');
});
