// Builds the extension and the CLI. The extension's activation bundle stays small: each feature (the linter in the
// editor, the explorer with the AWS SDK and the Kubernetes client) is an entry of its own that the extension loads with
// require() on first use (src/lazy.ts). The CLI is a tiny dispatcher plus one bundle per subcommand.
// `node esbuild.mjs [--production] [--watch] [--tests]`; test/unit/bundle.test.ts imports shippedBuilds() to build
// the same bundles in memory and check what activation contains.
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** dist/<name>.js the extension loads. Activation may bundle only src/extension.ts, ctx.ts, config.ts, lazy.ts, the
 *  command table and the explorer's shim; `editor` and `explorer` are required by Ctx on first use. */
export const EXTENSION_ENTRIES = {
  extension: 'src/extension.ts',
  editor: 'src/editor/index.ts',
  explorer: 'src/views/index.ts',
};
/** dist/cli.js (the `bin`) requires dist/cli-lint.js or dist/cli-token.js: `wharf token` never parses the lint engine. */
export const CLI_ENTRIES = {
  cli: 'src/cli.ts',
  'cli-lint': 'src/cli/main.ts',
  'cli-token': 'src/cli/token.ts',
  // The SDK's credential chain, required by cli-token unless static keys in the environment are all it needs.
  'cli-token-sdk': 'src/cli/token-credentials.ts',
  // `wharf scan`: the live best-practice scan (AWS SDK, Kubernetes client and lint engine together).
  'cli-scan': 'src/cli/scan.ts',
};

/** The esbuild options of every shipped bundle. */
export function shippedBuilds({ production = false } = {}) {
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    legalComments: 'none',
    outdir: 'dist',
    // ESM builds first, so esbuild drops what an entry doesn't use of the AWS SDK (its packages declare no side effects).
    mainFields: ['module', 'main'],
  };
  // import() becomes require() in the CLI: src/cli/compile-cache.ts runs the bundles through V8's code cache, where
  // import() would need Node's experimental loader hook.
  const cli = { ...common, define: { WHARF_VERSION: JSON.stringify(pkg.version) }, supported: { 'dynamic-import': false } };
  return [
    { ...common, entryPoints: EXTENSION_ENTRIES, external: ['vscode'] },
    { ...cli, entryPoints: { cli: CLI_ENTRIES.cli }, banner: { js: '#!/usr/bin/env node' } },
    { ...cli, entryPoints: Object.fromEntries(Object.entries(CLI_ENTRIES).filter(([name]) => name !== 'cli')) },
  ];
}

async function main() {
  const production = process.argv.includes('--production');
  const builds = shippedBuilds({ production });
  // Extension tests run inside the VS Code extension host: each suite file is bundled on its own so mocha can load it
  // (and set its globals) the usual way; vscode and mocha stay external.
  if (process.argv.includes('--tests')) {
    const suites = readdirSync(path.join(root, 'test/e2e/suite')).filter((f) => f.endsWith('.test.ts'));
    builds.push({
      ...builds[0],
      sourcemap: true,
      minify: false,
      entryPoints: Object.fromEntries([
        ['test/e2e/index', 'test/e2e/index.ts'],
        ...suites.map((f) => [`test/e2e/suite/${f.replace(/\.ts$/, '')}`, `test/e2e/suite/${f}`]),
      ]),
      external: ['vscode', 'mocha'],
    });
  }
  if (process.argv.includes('--watch')) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
  } else {
    await Promise.all(builds.map((b) => esbuild.build(b)));
    chmodSync(path.join(root, 'dist/cli.js'), 0o755);
  }
}

// Run as a script (not imported by a test for its options).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
