// Driving the VS Code workbench like a person: Quick Open, the command palette, the keyboard. Selectors are VS Code
// 1.100's.
import type { Page } from 'playwright-core';

export class Workbench {
  constructor(readonly page: Page) {}

  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    await this.page.waitForSelector('.quick-input-widget input');
    await this.page.keyboard.type(name);
    await this.page.waitForSelector(`.quick-input-list .monaco-list-row >> text=${name}`);
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector(`.tab.active >> text=${name}`);
    await this.page.click('.editor-instance .view-lines');
  }

  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.page.waitForSelector('.quick-input-widget input');
    await this.page.keyboard.type(title);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^.*?: /, '') }).first().waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
  }

  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    await this.page.waitForSelector('.quick-input-widget input');
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text once it mentions `expect`. */
  async hoverText(expect: string): Promise<string> {
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const hover = this.page.locator('.monaco-hover', { hasText: expect }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    return hover.innerText();
  }

  /** Opens the Problems panel and returns its text once it mentions `expect`. */
  async problemsText(expect: string): Promise<string> {
    await this.page.keyboard.press('Control+Shift+M');
    const panel = this.page.locator('.markers-panel', { hasText: expect }).first();
    await panel.waitFor({ state: 'visible', timeout: 20_000 });
    return panel.innerText();
  }

  /** Opens the quick fix menu at the cursor and returns its text once it mentions `expect`. */
  async quickFixText(expect: string): Promise<string> {
    await this.page.keyboard.press('Control+.');
    const menu = this.page.locator('.action-widget', { hasText: expect }).first();
    await menu.waitFor({ state: 'visible', timeout: 10_000 });
    return menu.innerText();
  }

  /** The visible editor text; monaco renders spaces as no-break spaces. */
  async editorText(): Promise<string> {
    return (await this.page.locator('.editor-instance .view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }
}
