// Wharf activates lazily: on the first YAML document, not at startup, and then its commands exist.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'wharf-dev.wharf';

async function until(ok: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

suite('Activation', () => {
  test('opening a YAML file of the workspace activates Wharf and registers wharf.lint.fixAll', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded as the extension under development`);
    // Only meaningful while nothing has opened YAML yet (suites run in file-name order, so this one runs first):
    // activating at startup would cost every VS Code window that never opens a manifest.
    if (!vscode.workspace.textDocuments.some((d) => d.languageId === 'yaml')) {
      assert.equal(ext.isActive, false, 'Wharf activated before any YAML was opened');
    }
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the fixture workspace is open');
    const doc = await vscode.workspace.openTextDocument(path.join(folder.uri.fsPath, 'web.yaml'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'yaml');
    await until(() => ext.isActive, `${EXTENSION_ID} to activate`);
    // activate() times itself (src/extension.ts) and returns the figure: the feature bundles load after it returns.
    const { activationMs } = ext.exports as { activationMs: number };
    console.log(`[activation] activate() took ${activationMs.toFixed(1)} ms in the extension host`);
    assert.ok(activationMs <= 30, `activate() took ${activationMs.toFixed(1)} ms (budget 30 ms)`);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('wharf.lint.fixAll'), 'wharf.lint.fixAll is registered');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
