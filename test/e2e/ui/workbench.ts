// Driving the VS Code workbench like a person: Quick Open, the command palette, the keyboard. Keyboard over mouse:
// positions in pixels shift with fonts and layout, keys don't. Selectors are VS Code 1.100's.
import type { Page } from 'playwright-core';

export class Workbench {
  constructor(readonly page: Page) {}

  /** Opens a workspace file by name through Quick Open (Ctrl+P) and focuses its editor. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    await this.page.waitForSelector('.quick-input-widget input');
    await this.page.keyboard.type(name);
    // Quick Open searches files with ripgrep: wait for the result before Enter, or Enter picks nothing.
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
    await this.page.locator('.editor-instance .view-lines').first().waitFor();
    await this.focusEditor();
  }

  async focusEditor(): Promise<void> {
    await this.page.click('.editor-instance .view-lines');
  }

  /** Runs a command from the palette (F1) by its full title, e.g. "View: Focus Problems (Errors, Warnings, Infos)". */
  async runCommand(title: string): Promise<void> {
    // Wait for this command's row, not just any: Enter before the list has filtered runs whatever is first. Match
    // without the category, which the row may render apart from the title. The palette can lose focus as it opens
    // (a preview or a terminal taking it): then it closes, and is opened again.
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title.replace(/^[^:]*: /, '') }).first();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      await this.page.locator('.quick-input-widget input').first().waitFor({ state: 'visible', timeout: 10_000 });
      await this.page.keyboard.type(title);
      try {
        await row.waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (e) {
        if (attempt === 2) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
    await this.page.keyboard.press('Enter');
  }

  /** Closes every editor without saving: a file an earlier scenario changed would otherwise ask, in a modal. */
  async closeAllEditors(): Promise<void> {
    await this.runCommand('View: Close All Editors');
    const dontSave = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" }).first();
    await dontSave.waitFor({ timeout: 1_500 }).then(() => dontSave.click(), () => undefined);
  }

  /** Moves the cursor with Go to Line (Ctrl+G); line and column are 1-based, as the status bar shows them. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    await this.page.waitForSelector('.quick-input-widget input');
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
  }

  /** Shows the hover at a position (Ctrl+K Ctrl+I) and returns its text once it mentions `expect`. */
  async hoverAt(line: number, column: number, expect: string): Promise<string> {
    await this.focusEditor();
    await this.goTo(line, column);
    return this.hoverText(expect);
  }

  /** Shows the hover at the cursor and returns its text once it mentions `expect`. */
  async hoverText(expect: string): Promise<string> {
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const hover = this.page.locator('.monaco-hover', { hasText: expect }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    return hover.innerText();
  }

  /** Focuses the Problems panel and returns its text once it mentions `expect` (diagnostics arrive asynchronously). */
  async problemsText(expect: string): Promise<string> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = this.page.locator('.markers-panel', { hasText: expect }).first();
    await panel.waitFor({ state: 'visible', timeout: 20_000 });
    return panel.innerText();
  }

  /** Opens the quick fix menu at the cursor (Ctrl+.) and returns its text once it mentions `expect`. */
  async quickFixText(expect: string): Promise<string> {
    await this.page.keyboard.press('Control+.');
    const menu = this.page.locator('.action-widget', { hasText: expect }).first();
    await menu.waitFor({ state: 'visible', timeout: 10_000 });
    return menu.innerText();
  }

  /** The visible editor text; monaco renders spaces as no-break spaces. */
  async editorText(): Promise<string> {
    return (await this.page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
  }

  /** Waits until the visible editor text contains `text`. */
  async waitForEditorText(text: string, timeout = 10_000): Promise<void> {
    // A string predicate: it runs in the page, where this file's types and closures don't exist.
    await this.page.waitForFunction(
      `document.querySelector('.editor-instance .view-lines')?.textContent?.replace(/\\u00a0/g, ' ').includes(${JSON.stringify(text)})`,
      undefined,
      { timeout },
    );
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }
}
