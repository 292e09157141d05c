import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { withReference } from '../tools/rule-docs';

it('README.md rule reference is generated from the current rules (run `npm run docs`)', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  assert.equal(readme, withReference(readme));
});
