// Driving the Wharf view like a person: open it, expand rows by their labels, read a row's description and icon,
// pick from quick picks, read the status bar. Selectors are VS Code 1.100's (custom tree views render as
// `.monaco-list-row` with aria-level and aria-expanded; the label is `.label-name`, the description `.label-description`).
import type { Locator, Page } from 'playwright-core';

export class ExplorerTree {
  constructor(readonly page: Page) {}

  /** The side bar's tree rows (only the Wharf view is open there during these scenarios). */
  rows(): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row');
  }

  /** The row at `level` (1 = roots) whose label is exactly `label` (or matches the expression). */
  row(label: string | RegExp, level?: number): Locator {
    const at = level ? `[aria-level="${level}"]` : '';
    const text = typeof label === 'string' ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : label;
    return this.page.locator(`.part.sidebar .monaco-list-row${at}`).filter({ has: this.page.locator('.label-name', { hasText: text }) }).first();
  }

  async open(): Promise<void> {
    // The activity-bar entry: what a person clicks.
    await this.page.locator('.activitybar .action-item a[aria-label^="Wharf"]').first().click();
    await this.page.locator('.part.sidebar .pane-header, .part.sidebar .title', { hasText: /Wharf/i }).first().waitFor({ timeout: 15_000 });
  }

  /** Waits for a row (loading can take a few seconds against the local clusters) and returns it. */
  async waitRow(label: string | RegExp, level?: number, timeout = 30_000): Promise<Locator> {
    const r = this.row(label, level);
    await r.waitFor({ state: 'visible', timeout });
    return r;
  }

  /** Expands the rows along `path` (labels from a root down); already expanded rows stay so. Returns the last row. */
  async expand(path: (string | RegExp)[], firstLevel = 1): Promise<Locator> {
    let row: Locator | undefined;
    for (const [i, label] of path.entries()) {
      // A reload of the tree (after a profile switch, say) can collapse the parent just expanded: expand it again.
      const parent: Locator | undefined = row;
      row = await this.waitRow(label, firstLevel + i, 10_000).catch(async () => {
        if (parent && (await parent.getAttribute('aria-expanded')) === 'false') await parent.click();
        return this.waitRow(label, firstLevel + i, 20_000);
      });
      if ((await row.getAttribute('aria-expanded')) === 'false') {
        await row.click();
        // String predicates run in the page, where this file's types and closures don't exist.
        const name = typeof label === 'string' ? label : '';
        await this.page.waitForFunction(
          `(() => {
            const rows = [...document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="${firstLevel + i}"]')];
            const r = rows.find((x) => x.querySelector('.label-name')?.textContent === ${JSON.stringify(name)});
            return !r || r.getAttribute('aria-expanded') !== 'false';
          })()`,
          undefined,
          { timeout: 10_000 },
        );
      }
    }
    return row!;
  }

  /** Collapses a row if it is expanded (to keep the virtualised list short for the next path). */
  async collapse(label: string, level: number): Promise<void> {
    const r = this.row(label, level);
    if ((await r.count()) && (await r.getAttribute('aria-expanded')) === 'true') await r.click();
  }

  async description(row: Locator): Promise<string> {
    return ((await row.locator('.label-description').first().textContent()) ?? '').trim();
  }

  /** The codicon class of a row's icon ("codicon-error", ...) or the background image of a media icon. */
  async icon(row: Locator): Promise<string> {
    // Runs in the page: only DOM calls, typed structurally (this project's lib has no DOM types).
    type El = { querySelector(s: string): { classList: Iterable<string>; getAttribute(n: string): string | null } | null };
    return row.evaluate((el: El) => {
      const icon = el.querySelector('.custom-view-tree-node-item-icon');
      const cls = [...(icon?.classList ?? [])].find((c) => c.startsWith('codicon-'));
      return cls ?? /url\("?([^")]+)/.exec(icon?.getAttribute('style') ?? '')?.[1]?.replace(/.*path=[^&]*%2Fmedia%2F/, 'media/').replace(/%2F/g, '/').replace(/&.*/, '') ?? '';
    });
  }

  /** Children rows (level + 1) right under a row, by label. */
  async childLabels(parentLevel: number): Promise<string[]> {
    return this.page.locator(`.part.sidebar .monaco-list-row[aria-level="${parentLevel + 1}"] .label-name`).allTextContents();
  }

  /** Right-clicks a row and runs the context-menu entry with that title. */
  async contextMenu(row: Locator, title: string): Promise<void> {
    await row.click({ button: 'right' });
    const item = this.page.locator('.context-view .action-item, .monaco-menu .action-item', { hasText: title }).first();
    await item.waitFor({ timeout: 10_000 });
    // A click that lands while the menu is still laying out can be swallowed and leave the menu open, which then
    // blocks every later click: click again until the menu closes, and fail here (not in the next step) if it will not.
    const menu = this.page.locator('.context-view .monaco-menu');
    for (let attempt = 0; ; attempt++) {
      await item.click();
      try {
        await menu.waitFor({ state: 'detached', timeout: 3_000 });
        return;
      } catch (e) {
        if (attempt === 2) throw new Error(`the context menu stayed open after choosing "${title}"`, { cause: e });
      }
    }
  }

  /** The quick pick's rows once one shows `expect`; then picks the row with that label (typing it to filter). */
  async quickPick(expect: string, pick = expect): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    await widget.locator('.monaco-list-row', { hasText: expect }).first().waitFor({ timeout: 20_000 });
    await this.page.keyboard.type(pick);
    await widget.locator('.monaco-list-row', { hasText: pick }).first().waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
  }

  /** The text of the Markdown preview (a webview: an iframe in an iframe) once it matches `expect`. */
  async previewText(expect: RegExp, timeout = 30_000): Promise<string> {
    const body = this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame').locator('body');
    await body.filter({ hasText: expect }).waitFor({ timeout });
    return body.innerText();
  }

  /** Types a line into the active terminal and waits until its screen shows `expect`. */
  async terminalRun(line: string, expect: RegExp, timeout = 30_000): Promise<string> {
    // Several terminals may exist (an earlier shell's stays open, hidden): only the visible one is typed into and read.
    const rows = this.page.locator('.terminal-wrapper.active .xterm-rows').filter({ visible: true }).last();
    await rows.waitFor({ timeout });
    // The session may still be connecting: the terminal sends what was typed once it is up. Keys go where the focus
    // is, so click the visible screen until its terminal has the focus (xterm marks it `.focus`). The terminal's
    // widget layer lies over the screen and takes the click for it, hence no actionability check.
    const focused = this.page.locator('.terminal-wrapper.active .xterm.focus').filter({ visible: true });
    for (let attempt = 1; ; attempt++) {
      await rows.click({ force: true }).catch(() => undefined);
      try {
        await focused.first().waitFor({ timeout: 3_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw new Error('the terminal did not take the focus', { cause: e });
      }
    }
    // Keys a pty gets before the shell has set it up can be dropped (the shell flushes them, as in any terminal): wait
    // for a prompt at the end of the screen, then type. Without one after a while, type anyway.
    await rows.filter({ hasText: /[$#>] ?\s*$/ }).waitFor({ timeout: 10_000 }).catch(() => undefined);
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
    await rows.filter({ hasText: expect }).waitFor({ timeout });
    return rows.innerText();
  }

  statusItem(): Locator {
    return this.page.locator('.statusbar-item', { hasText: /wharf-|default credentials/ }).first();
  }
}
