// The extension tests in a real VS Code: `node esbuild.mjs --tests` first (this script builds nothing), then
// `npx tsx test/e2e/run.ts`. @vscode/test-electron's runTests() starts the editor with the tests. It would download
// VS Code, which can't be downloaded here, so vscodeExecutablePath is test/env/code-launcher: it takes the same flags
// and runs the same tests in code-server's VS Code 1.100. Where VS Code can be downloaded, set WHARF_VSCODE to a
// VS Code executable (or drop vscodeExecutablePath) and runTests works the same.
// Env: WHARF_E2E_GREP=<regexp> runs matching tests only; WHARF_E2E_VERBOSE=1 shows the workbench's own log;
// WHARF_KEEP=1 keeps the scratch folders (logs, profile).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '../..');
  const tests = path.join(root, 'dist/test/e2e/index.js');
  if (!fs.existsSync(tests)) {
    console.error('e2e: dist/test/e2e/index.js is missing: run `node esbuild.mjs --tests` first');
    return 1;
  }
  // The tests edit the workspace (.wharf.yaml, fixes): give them a copy, so the fixtures stay as committed and two
  // runs in one checkout don't see each other's edits.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-e2e-workspace-'));
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  const t0 = Date.now();
  try {
    await runTests({
      vscodeExecutablePath: process.env.WHARF_VSCODE ?? path.join(root, 'test/env/code-launcher'),
      extensionDevelopmentPath: root,
      extensionTestsPath: tests,
      launchArgs: [workspace, '--disable-extensions'],
    });
    return 0;
  } catch (e) {
    // runTests rejects with "Test run failed with code N" (or a spawn error); the tests' own output is above.
    console.error(`e2e: ${(e as Error).message}`);
    return 1;
  } finally {
    console.error(`e2e: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (process.env.WHARF_KEEP !== '1') fs.rmSync(workspace, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
