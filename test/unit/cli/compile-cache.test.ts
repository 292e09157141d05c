// The CLI's V8 code cache: a real child process per run (the cache is written as the process exits), a private
// folder, data per bundle version, and the bundle's own dynamic import() of Node built-ins still working.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, it } from 'node:test';
import { root } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-code-cache-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const bundle = path.join(dir, 'cli-token-sdk.js');
const v8dir = path.join(dir, 'xdg/wharf/v8');

function run(env: Record<string, string> = {}): string {
  const script = `const { requireWithCodeCache } = require(${JSON.stringify(path.join(root, 'src/cli/compile-cache.ts'))});
    const m = requireWithCodeCache(${JSON.stringify(bundle)}, '1.2.3');
    m.answer().then((a) => console.log(a));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'xdg'), ...env } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

it('loads the module, writes its code cache privately at exit, and reads it on the next run', () => {
  fs.writeFileSync(bundle, `exports.answer = async () => require('node:os').EOL === '\\n' ? 'forty-two' : 'x';`);
  assert.equal(run(), 'forty-two', "the bundle's own require() works");
  const files = fs.readdirSync(v8dir);
  assert.equal(files.length, 1);
  assert.match(files[0], /^cli-token-sdk-1\.2\.3-v\d+\.\d+\.\d+-\d+-\d+\.bin$/);
  assert.equal(fs.statSync(v8dir).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.join(v8dir, files[0])).mode & 0o777, 0o600);
  const written = fs.statSync(path.join(v8dir, files[0])).mtimeMs;
  assert.equal(run(), 'forty-two');
  assert.equal(fs.statSync(path.join(v8dir, files[0])).mtimeMs, written, 'accepted data is not written again');
});

it('a changed bundle gets new data and the old data is removed', () => {
  fs.writeFileSync(bundle, `exports.answer = async () => 'changed, and longer than before';`);
  assert.equal(run(), 'changed, and longer than before');
  const files = fs.readdirSync(v8dir);
  assert.equal(files.length, 1, files.join(', '));
});

it("a bundle with import() is loaded the plain way (a compiled script can't import without Node's experimental hook)", () => {
  fs.rmSync(v8dir, { recursive: true, force: true });
  fs.writeFileSync(bundle, `exports.answer = async () => (await import('node:os')).EOL === '\\n' ? 'imported' : 'x';`);
  assert.equal(run(), 'imported');
  assert.equal(fs.existsSync(v8dir), false);
  fs.writeFileSync(bundle, `exports.answer = async () => 'changed, and longer than before';`);
});

it('WHARF_NO_CODE_CACHE=1 is a plain require()', () => {
  fs.rmSync(v8dir, { recursive: true, force: true });
  assert.equal(run({ WHARF_NO_CODE_CACHE: '1' }), 'changed, and longer than before');
  assert.equal(fs.existsSync(v8dir), false);
});
