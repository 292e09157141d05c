import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseImage } from '../../../../src/lint/image-ref';
import rule from '../../../../src/lint/rules/image-tag-pinned';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { code: pod('', '', 'nginx:1.27') },
    { name: 'digest', code: pod('', '', 'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef') },
    { name: 'registry port is not a tag', code: pod('', '', 'localhost:5000/app:2.0') },
  ],
  invalid: [
    { name: 'latest', code: pod('', '', 'nginx:latest'), errors: [{ line: 8, column: 12, endColumn: 24, message: 'the :latest tag' }] },
    { name: 'untagged with a registry port', code: pod('', '', 'localhost:5000/app'), errors: [{ line: 8, column: 12, message: 'no tag' }] },
  ],
});

it('parses image references', () => {
  assert.deepEqual(parseImage('123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1@sha256:ab'), { registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com', repository: 'app', tag: '1', digest: 'sha256:ab' });
  assert.deepEqual(parseImage('library/nginx'), { registry: 'docker.io', repository: 'library/nginx' });
});
