// package.json is the extension's manifest: its commands, settings and activation must match the code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { allRules } from '../../src/lint/rules';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

it('declares exactly the commands of the command table', () => {
  const table = fs.readFileSync(path.join(root, 'src/commands/index.ts'), 'utf8');
  const ids = [...table.matchAll(/^\s*'(wharf\.[\w.]+)':/gm)].map((m) => m[1]).sort();
  assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), ids);
});

it('activates narrowly: never at startup', () => {
  for (const e of pkg.activationEvents) assert.ok(e !== '*' && e !== 'onStartupFinished', e);
  assert.ok(pkg.activationEvents.includes('onLanguage:yaml'));
});

it('lists every rule in the wharf.lint.rules setting schema', () => {
  const props = pkg.contributes.configuration.properties['wharf.lint.rules'].properties;
  assert.deepEqual(Object.keys(props).sort(), allRules.map((r) => r.meta.id).sort());
});

it('runs in the VS Code the test environment provides (1.100)', () => {
  assert.equal(pkg.engines.vscode, '^1.100.0');
  assert.equal(pkg.bin.wharf, 'dist/cli.js');
});
