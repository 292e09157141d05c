// UI scenarios: Wharf as a person sees it in VS Code. Each one is a name and a function over the Workbench helpers;
// test/e2e/ui/run.ts runs them in order in ONE workbench (state carries over: a scenario that needs a clean editor
// opens its file itself) and saves a screenshot on failure.
// Adding one: append { name, run: async ({ wb, page, shot }) => { ... } } below; shot('NN-name') saves
// test-results/ui/NN-name.png. The workspace is a scratch copy of test/fixtures/workspace.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Workbench } from './workbench';

export interface ScenarioContext {
  wb: Workbench;
  page: Page;
  /** Saves test-results/ui/<name>.png. */
  shot(name: string): Promise<void>;
}

export interface Scenario {
  name: string;
  run(ctx: ScenarioContext): Promise<void>;
}

export const scenarios: Scenario[] = [
  {
    name: 'open the problems manifest through Quick Open: problems are underlined',
    async run({ wb, page, shot }) {
      await wb.openFile('web.yaml');
      await page.waitForSelector('.squiggly-error', { timeout: 20_000 });
      await shot('01-manifest');
    },
  },
  {
    name: 'View: Focus Problems lists Wharf findings with rule ids and positions',
    async run({ wb, page, shot }) {
      const text = await wb.problemsText('runs privileged');
      assert.match(text, /Deployment web: container "app" runs privileged/);
      assert.match(text, /no-privileged\n\[Ln 17, Col 25\]/);
      assert.match(text, /^wharf$/m);
      await shot('02-problems');
      await page.keyboard.press('Control+Shift+M');
    },
  },
  {
    name: 'hover explains the rule',
    async run({ wb, page, shot }) {
      const text = await wb.hoverAt(17, 26, 'GuardDuty');
      assert.match(text, /no-privileged/);
      await shot('03-hover');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'quick fix menu offers the fix and suppressions',
    async run({ wb, page, shot }) {
      await wb.focusEditor();
      await wb.goTo(14, 18);
      const text = await wb.quickFixText('Disable');
      assert.match(text, /Set allowPrivilegeEscalation: false/);
      assert.match(text, /Disable no-privilege-escalation for this line/);
      await shot('04-quick-fix');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: '"Wharf: Fix All Safe Problems in File" from the palette',
    async run({ wb, shot }) {
      await wb.focusEditor();
      await wb.runCommand('Wharf: Fix All Safe Problems in File');
      await wb.waitForEditorText('allowPrivilegeEscalation');
      assert.match(await wb.editorText(), /allowPrivilegeEscalation: false/);
      await shot('05-fix-all');
    },
  },
];
