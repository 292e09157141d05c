import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseImage } from '../../../../src/lint/image-ref';
import rule from '../../../../src/lint/rules/image-tag-pinned';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const kustomization = (name: string) => `resources: [deploy.yaml]\nimages:\n- name: ${name}\n  newTag: "1.27"\n`;
const stable = { rules: { 'image-tag-pinned': { floatingTags: ['latest', 'stable'] } } };

// The image value is at line 8, column 12.
ruleTester(rule, {
  valid: [
    { name: 'version tag', code: pod('', '', 'nginx:1.27') },
    { name: 'digest', code: pod('', '', `nginx@${DIGEST}`) },
    { name: 'a digest wins over :latest', code: pod('', '', `nginx:latest@${DIGEST}`) },
    { name: 'registry port is not a tag', code: pod('', '', 'localhost:5000/app:2.0') },
    { name: 'ECR with a tag', code: pod('', '', '111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1.4.2') },
    { name: 'a variable the pipeline substitutes', code: pod('', '', '"$(IMAGE)"') },
    { name: 'a kustomization in the workspace pins it', code: pod('', '', 'nginx'), files: { 'overlays/prod/kustomization.yaml': kustomization('nginx') } },
    { name: 'stable is fine unless configured as floating', code: pod('', '', 'grafana/grafana:stable') },
  ],
  invalid: [
    { name: 'latest', code: pod('', '', 'nginx:latest'), errors: [{ line: 8, column: 12, endColumn: 24, message: 'container "app" uses the floating tag :latest for nginx; pin a version tag, or best a digest' }] },
    { name: 'no tag', code: pod('', '', 'ghcr.io/org/app'), errors: [{ line: 8, column: 12, endColumn: 27, message: 'uses no tag (so :latest) for ghcr.io/org/app' }] },
    { name: 'untagged with a registry port', code: pod('', '', 'localhost:5000/app'), errors: [{ line: 8, column: 12, message: 'no tag (so :latest) for localhost:5000/app' }] },
    { name: 'a registry with a port and a path, untagged', code: pod('', '', 'registry.example.com:443/team/app'), errors: [{ line: 8, column: 12, message: 'no tag' }] },
    { name: 'a configured floating tag', code: pod('', '', 'grafana/grafana:stable'), config: stable, errors: [{ line: 8, column: 12, message: 'the floating tag :stable' }] },
    { name: 'the kustomization pins another image', code: pod('', '', 'nginx'), files: { 'kustomization.yaml': kustomization('redis') }, errors: [{ line: 8, column: 12 }] },
    {
      name: 'init containers too',
      code: pod('', '  initContainers:\n  - name: wait\n    image: busybox\n'),
      errors: [{ line: 8, column: 12, message: /^Pod web: container "wait" uses no tag/ }],
    },
  ],
});

it('parses image references', () => {
  assert.deepEqual(parseImage('123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1@sha256:ab'), { registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com', repository: 'app', tag: '1', digest: 'sha256:ab' });
  assert.deepEqual(parseImage('library/nginx'), { registry: 'docker.io', repository: 'library/nginx' });
  assert.deepEqual(parseImage('localhost:5000/app'), { registry: 'localhost:5000', repository: 'app' });
});
