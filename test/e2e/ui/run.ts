// Runs the UI scenarios (scenarios.ts) against the packaged extension: dist/wharf.vsix (`npm run package`) installed
// into a fresh code-server the way a person installs it, so a packaging mistake (.vscodeignore, a missing file)
// fails here. Screenshots go to test-results/ui/. Exit code 1 when any scenario fails.
// Env: WHARF_UI_GREP=<regexp> runs matching scenarios only; WHARF_VSIX=<file> tests another VSIX; WHARF_KEEP=1 keeps
// the scratch folder (code-server's logs); WHARF_UI_OUT=<dir> puts the screenshots elsewhere.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runDir, stopAll } from '../../env/proc';
import { installVsix, openWorkbench, startCodeServer, type WorkbenchPage } from '../../env/vscode';
import { readE2eStack } from '../stack-info';
import { scenarios } from './scenarios';
import { actionsScenarios } from './scenarios-actions';
import { explorerScenarios } from './scenarios-explorer';
import { portForwardScenarios } from './scenarios-portforward';
import { upgradeScenarios } from './scenarios-upgrade';
import { validateScenarios } from './scenarios-validate';
import { scanScenarios } from './scenarios-scan';
import { Workbench } from './workbench';

const root = path.resolve(__dirname, '../../..');
const out = path.resolve(process.env.WHARF_UI_OUT ?? path.join(root, 'test-results/ui'));

async function main(): Promise<number> {
  const vsix = path.resolve(process.env.WHARF_VSIX ?? path.join(root, 'dist/wharf.vsix'));
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  const grep = process.env.WHARF_UI_GREP ? new RegExp(process.env.WHARF_UI_GREP) : undefined;
  const selected = [...scenarios, ...explorerScenarios(), ...portForwardScenarios(), ...validateScenarios(), ...actionsScenarios(), ...upgradeScenarios(), ...scanScenarios()].filter((s) => !grep || grep.test(s.name));
  // Screenshots of an earlier run would pass for this one's.
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const t0 = Date.now();
  const scratch = runDir('ui');
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  const extensionsDir = path.join(scratch, 'extensions');
  let wb: WorkbenchPage | undefined;
  let passed = 0;
  let failed = 0;
  try {
    await installVsix(vsix, extensionsDir, scratch);
    // With the local AWS and clusters (test/e2e/stack.ts), the demo clusters' API servers are reached through endpoint
    // overrides, as in the demo; the profiles come from the stack's AWS config (inherited environment).
    const stack = readE2eStack();
    // The DOM renderer keeps terminal text in the page, where the shell scenarios read it (headless chromium has no GPU).
    const settings = { 'terminal.integrated.gpuAcceleration': 'off', ...(stack ? { 'wharf.eks.endpointOverrides': stack.overrides } : {}) };
    const server = await startCodeServer({ logDir: scratch, userDataDir: path.join(scratch, 'user'), extensionsDir, workspace, settings });
    wb = await openWorkbench(server.workbenchUrl());
    // Playwright's 30 s default makes a failing step slow to report; helpers that wait on the language server pass
    // their own, longer timeouts.
    wb.page.setDefaultTimeout(15_000);
    console.log(`ui: code-server ready in ${server.readyMs} ms; workbench up at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const ctx = { wb: new Workbench(wb.page), page: wb.page, shot: (name: string) => wb!.page.screenshot({ path: path.join(out, `${name}.png`) }).then(() => undefined) };
    for (const [i, s] of selected.entries()) {
      const started = Date.now();
      try {
        await dismissSaveDialog(wb.page);
        await s.run(ctx);
        passed++;
        console.log(`  ✔ ${s.name} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        const shot = `failed-${String(i + 1).padStart(2, '0')}`;
        await ctx.shot(shot).catch(() => undefined);
        // A menu or quick input left open by the failed step would make every later scenario fail too.
        for (let k = 0; k < 2; k++) await wb.page.keyboard.press('Escape').catch(() => undefined);
        console.log(`  ✖ ${s.name}: ${(e as Error).message.slice(0, 800)}\n    screenshot: test-results/ui/${shot}.png`);
      }
    }
  } finally {
    await wb?.close();
    await stopAll();
    if (process.env.WHARF_KEEP === '1') console.log(`ui: kept ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`ui: ${passed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s); screenshots in ${path.relative(process.cwd(), out) || '.'}/`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/**
 * "Close All Editors" in one scenario asks whether to save a file an earlier one changed (the linter's fix-all); the
 * modal would block every later scenario. Nothing a scenario changed needs keeping: don't save.
 */
async function dismissSaveDialog(page: WorkbenchPage['page']): Promise<void> {
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
  if (await dontSave.count()) await dontSave.first().click().catch(() => undefined);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`ui: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
