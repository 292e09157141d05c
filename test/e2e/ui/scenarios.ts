// UI scenarios: Wharf as a person sees it in VS Code, with screenshots under test-results/ui/. Runs the packaged
// VSIX (dist/wharf.vsix) installed into code-server, on a scratch copy of the fixture workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runDir, stopAll } from '../../env/proc';
import { installVsix, launchBrowser, openWorkbench, startCodeServer, workbenchUrl } from '../../env/vscode';
import { Workbench } from './workbench';

const root = path.resolve(__dirname, '../../..');
const out = path.join(root, 'test-results/ui');

async function scenario(name: string, fn: () => Promise<void>, results: string[], onFail: () => Promise<void>): Promise<boolean> {
  const t0 = Date.now();
  try {
    await fn();
    results.push(`  ✔ ${name} (${Date.now() - t0} ms)`);
    return true;
  } catch (e) {
    results.push(`  ✖ ${name}: ${(e as Error).message.slice(0, 600)}`);
    await onFail().catch(() => undefined);
    return false;
  }
}

async function main(): Promise<number> {
  const vsix = path.join(root, 'dist/wharf.vsix');
  if (!fs.existsSync(vsix)) throw new Error('dist/wharf.vsix is missing: run `npm run package` first');
  fs.mkdirSync(out, { recursive: true });
  const scratch = runDir('ui');
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  const extensionsDir = path.join(scratch, 'extensions');
  await installVsix(vsix, extensionsDir, scratch);
  const server = await startCodeServer({ logDir: scratch, userDataDir: path.join(scratch, 'user'), extensionsDir });
  const browser = await launchBrowser();
  const results: string[] = [];
  let passed = 0;
  let failed = 0;
  try {
    const page = await openWorkbench(browser, workbenchUrl(server.url, workspace));
    const wb = new Workbench(page);
    let n = 0;
    const run = async (name: string, fn: () => Promise<void>) => {
      n++;
      const ok = await scenario(name, fn, results, () => wb.screenshot(path.join(out, `failed-${n}.png`)));
      if (ok) passed++;
      else failed++;
    };

    await run('open a manifest: problems are underlined', async () => {
      await wb.openFile('web.yaml');
      await page.waitForSelector('.squiggly-error', { timeout: 20_000 });
      await wb.screenshot(path.join(out, '01-manifest.png'));
    });
    await run('the Problems panel lists Wharf findings with rule ids', async () => {
      const text = await wb.problemsText('runs privileged');
      assert.match(text, /Deployment web: container "app" runs privileged/);
      assert.match(text, /no-privileged\n\[Ln 17, Col 25\]/);
      assert.match(text, /^wharf$/m);
      await wb.screenshot(path.join(out, '02-problems.png'));
      await page.keyboard.press('Control+Shift+M');
    });
    await run('hover explains the rule', async () => {
      await page.click('.editor-instance .view-lines');
      await wb.goTo(17, 26);
      const text = await wb.hoverText('GuardDuty');
      assert.match(text, /no-privileged/);
      assert.match(text, /GuardDuty/);
      await wb.screenshot(path.join(out, '03-hover.png'));
      await page.keyboard.press('Escape');
    });
    await run('quick fix menu offers the fix and suppressions', async () => {
      await wb.goTo(14, 18);
      const text = await wb.quickFixText('Disable');
      assert.match(text, /Set allowPrivilegeEscalation: false/);
      assert.match(text, /Disable no-privilege-escalation for this line/);
      await wb.screenshot(path.join(out, '04-quick-fix.png'));
      await page.keyboard.press('Escape');
    });
    await run('"Wharf: Fix All Safe Problems in File" from the palette', async () => {
      await page.click('.editor-instance .view-lines');
      await wb.runCommand('Wharf: Fix All Safe Problems in File');
      await page.waitForFunction("document.querySelector('.editor-instance .view-lines')?.textContent?.includes('allowPrivilegeEscalation')", undefined, { timeout: 10_000 });
      assert.match(await wb.editorText(), /allowPrivilegeEscalation: false/);
      await wb.screenshot(path.join(out, '05-fix-all.png'));
    });
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    await stopAll();
    if (process.env.WHARF_KEEP !== '1') fs.rmSync(scratch, { recursive: true, force: true });
  }
  console.log(['UI scenarios', ...results].join('\n'));
  console.log(`ui: ${passed} passed, ${failed} failed`);
  console.log(`screenshots: ${path.relative(process.cwd(), out)}/`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`ui: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
