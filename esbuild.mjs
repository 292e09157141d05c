// Builds the extension and the CLI. The extension's activation bundle stays small: heavy clients
// (AWS SDK, Kubernetes client) are separate entry points that the extension loads with require() on first use.
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  {
    ...common,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    define: { WHARF_VERSION: JSON.stringify(pkg.version) },
  },
];

// Extension tests run inside the VS Code extension host: each suite file is bundled on its own so mocha can load it
// (and set its globals) the usual way; vscode and mocha stay external.
if (process.argv.includes('--tests')) {
  const suites = readdirSync('test/e2e/suite').filter((f) => f.endsWith('.test.ts'));
  builds.push({
    ...common,
    sourcemap: true,
    entryPoints: Object.fromEntries([
      ['test/e2e/index', 'test/e2e/index.ts'],
      ...suites.map((f) => [`test/e2e/suite/${f.replace(/\.ts$/, '')}`, `test/e2e/suite/${f}`]),
    ]),
    outdir: 'dist',
    external: ['vscode', 'mocha'],
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
}
