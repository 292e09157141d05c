// The extension tests in a real VS Code. @vscode/test-electron's runTests() starts the editor with the tests; VS Code
// can't be downloaded here, so vscodeExecutablePath is test/env/code-launcher, which runs the same tests in
// code-server's VS Code 1.100. Elsewhere, drop vscodeExecutablePath and runTests downloads VS Code itself.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '../..');
  try {
    await runTests({
      vscodeExecutablePath: process.env.WHARF_VSCODE ?? path.join(root, 'test/env/code-launcher'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'dist/test/e2e/index.js'),
      launchArgs: [path.join(root, 'test/fixtures/workspace'), '--disable-extensions'],
    });
    return 0;
  } catch (e) {
    console.error(`e2e: ${(e as Error).message}`);
    return 1;
  }
}

void main().then((code) => process.exit(code));
