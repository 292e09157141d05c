// What ships, checked on the real build: esbuild.mjs's own options, built in memory (and into a scratch folder for the
// VSIX), so a stray import that drags the lint engine, `yaml`, the AWS SDK or the Kubernetes client into activation
// fails here rather than as a slow start in someone's editor. The VSIX is made by vsce itself from a copy of the
// manifest files, so .vscodeignore is tested by the packager that reads it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { pack, shippedBuilds as loadBuilds, stage, type ShippedBuilds, type Staged } from '../bench/vsix';

const KB = 1024;
const ACTIVATION_MAX = 150 * KB;
const VSIX_MAX = 5 * KB * KB;
/** What activation may bundle (the contract in esbuild.mjs): the rest loads on first use. */
const ACTIVATION_SOURCES = /^src\/(extension|ctx|config|lazy|commands\/index|views\/shim[\w-]*|views\/command-ids)\.ts$/;
const HEAVY: [string, RegExp][] = [
  ['the lint engine', /^src\/lint\//],
  ['yaml', /node_modules\/yaml\//],
  ['the AWS SDK', /node_modules\/@(aws-sdk|smithy)\//],
  ['the Kubernetes client', /node_modules\/@kubernetes\//],
];

let shippedBuilds: ShippedBuilds;
const outputs = new Map<string, { bytes: number; inputs: string[] }>();

async function build(production: boolean, outdir: string, write = false): Promise<void> {
  const results = await Promise.all(shippedBuilds({ production }).map((b) => esbuild.build({ ...b, outdir, write, metafile: true, logLevel: 'error' })));
  for (const r of results) {
    for (const [file, o] of Object.entries(r.metafile!.outputs)) {
      if (file.endsWith('.map')) continue;
      outputs.set(`${production ? 'production' : 'development'}:${path.basename(file, '.js')}`, { bytes: o.bytes, inputs: Object.keys(o.inputs) });
    }
  }
}

before(async () => {
  shippedBuilds = await loadBuilds();
  await Promise.all([build(false, path.join(os.tmpdir(), 'wharf-bundle-unused')), build(true, path.join(os.tmpdir(), 'wharf-bundle-unused'))]);
});

describe('bundles', () => {
  for (const mode of ['development', 'production']) {
    it(`${mode}: the activation bundle is at most 150 KB and holds no heavy module`, () => {
      const ext = outputs.get(`${mode}:extension`);
      assert.ok(ext, 'dist/extension.js is built');
      assert.ok(ext.bytes <= ACTIVATION_MAX, `dist/extension.js is ${(ext.bytes / KB).toFixed(1)} KB`);
      for (const [what, re] of HEAVY) assert.deepEqual(ext.inputs.filter((f) => re.test(f)), [], `${what} is in the activation bundle`);
      assert.deepEqual(ext.inputs.filter((f) => !ACTIVATION_SOURCES.test(f)), [], 'activation bundles only extension, ctx, config, lazy, the command table and the explorer shim');
    });
  }

  it('the editor entry has the lint engine; the explorer entry is separate', () => {
    assert.ok(outputs.get('production:editor')?.inputs.some((f) => f.startsWith('src/lint/')));
    assert.ok(outputs.get('production:explorer'), 'dist/explorer.js is built');
  });

  it('the CLI dispatcher is tiny, and `wharf token` never loads the lint engine or `yaml`', () => {
    const cli = outputs.get('production:cli')!;
    assert.deepEqual(cli.inputs, ['src/cli.ts']);
    const token = outputs.get('production:cli-token')!;
    for (const [what, re] of HEAVY.filter(([w]) => w !== 'the AWS SDK')) assert.deepEqual(token.inputs.filter((f) => re.test(f)), [], `${what} is in cli-token.js`);
    assert.ok(token.bytes <= 40 * KB, `cli-token.js is ${(token.bytes / KB).toFixed(1)} KB: the SDK's credential chain belongs in cli-token-sdk.js`);
    const sdk = outputs.get('production:cli-token-sdk')!;
    for (const [what, re] of HEAVY.filter(([w]) => w !== 'the AWS SDK')) assert.deepEqual(sdk.inputs.filter((f) => re.test(f)), [], `${what} is in cli-token-sdk.js`);
    assert.ok(!outputs.get('production:cli-lint')!.inputs.some((f) => /node_modules\/@(aws-sdk|smithy)\//.test(f)), 'wharf lint loads no AWS SDK');
  });
});

describe('the VSIX (vsce, from a copy of the manifest files and a production build)', () => {
  let staged: Staged;
  let files: string[] = [];
  let vsixBytes = 0;
  after(() => staged && fs.rmSync(staged.dir, { recursive: true, force: true }));

  before(async () => {
    staged = await stage();
    // What a development tree also has in dist/: none of it may ship.
    fs.writeFileSync(path.join(staged.dir, 'dist/extension.js.map'), '{}');
    fs.mkdirSync(path.join(staged.dir, 'dist/test/e2e'), { recursive: true });
    fs.writeFileSync(path.join(staged.dir, 'dist/test/e2e/index.js'), '');
    fs.writeFileSync(path.join(staged.dir, 'dist/wharf.vsix'), '');
    ({ files, bytes: vsixBytes } = await pack(staged.dir));
  });

  it('ships every entry the extension and the kubeconfig exec entry load, and no maps, tests or old packages', () => {
    const dist = files.filter((f) => f.startsWith('dist/'));
    assert.deepEqual(dist, ['dist/cli-lint.js', 'dist/cli-scan.js', 'dist/cli-token-sdk.js', 'dist/cli-token.js', 'dist/cli.js', 'dist/editor.js', 'dist/explorer.js', 'dist/extension.js']);
    assert.ok(files.includes('package.json'));
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('node_modules/')), files.join(', '));
  });

  it('is at most 5 MB', () => {
    assert.ok(vsixBytes > 0 && vsixBytes <= VSIX_MAX, `the VSIX is ${(vsixBytes / KB / KB).toFixed(2)} MB`);
  });
});
