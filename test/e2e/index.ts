// Runs inside VS Code's extension host (runTests' extensionTestsPath): mocha over the suite files next to this one.
//
// Adding a suite: create test/e2e/suite/<name>.test.ts (mocha tdd: suite/test/setup/teardown, `import * as vscode`).
// esbuild.mjs --tests bundles every suite/*.test.ts into dist/test/e2e/suite/*.test.js with vscode and mocha external,
// and this runner loads whatever it finds there, in name order: nothing to register. Loading them as separate files
// (not imports of this bundle) lets mocha set its globals before each suite file runs, as it would unbundled.
// The workspace is a scratch copy of test/fixtures/workspace; console output reaches the terminal through the
// launcher. WHARF_E2E_GREP=<regexp> (set where runTests runs) selects tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const grep = process.env.WHARF_E2E_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec', ...(grep ? { grep: new RegExp(grep) } : {}) });
  const dir = path.join(__dirname, 'suite');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) return Promise.reject(new Error(`no suites in ${dir}: run node esbuild.mjs --tests`));
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        const skipped = runner.stats?.pending ?? 0;
        // A plain closing line that CI logs can be read by.
        console.log(`e2e: ${passed} passed, ${failures} failed${skipped ? `, ${skipped} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} e2e tests failed`));
        else if (passed === 0) reject(new Error('no e2e test ran (check WHARF_E2E_GREP)'));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
