// The status-bar item of the explorer: the AWS profile(s) and Region(s) the tree shows. Clicking it opens the profile
// picker (which has a button for the Regions); its tooltip links both pickers. It follows the settings, so a change
// made in settings.json shows at once too.
import * as vscode from 'vscode';
import { statusText } from '../commands/explorer/profile-entry';
import type { Ctx } from '../ctx';

export class ScopeStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private generation = 0;

  /** `shownRegions`: the Regions the tree shows when wharf.regions is empty (each profile's own). */
  constructor(
    private readonly ctx: Ctx,
    private readonly shownRegions?: () => Promise<string[]>,
  ) {
    this.item = vscode.window.createStatusBarItem('wharf.scope', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Wharf: AWS profile and Region';
    this.item.command = 'wharf.aws.chooseProfile';
    this.subscriptions.push(
      this.item,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (ctx.config.affectsExplorerScope(e)) this.update();
      }),
    );
    this.update();
    this.item.show();
  }

  update(): void {
    const gen = ++this.generation;
    const profiles = this.ctx.config.profiles;
    const regions = this.ctx.config.regions;
    this.render(profiles, regions);
    if (regions.length === 0 && this.shownRegions) {
      void this.shownRegions().then(
        (shown) => gen === this.generation && shown.length > 0 && this.render(profiles, [...new Set(shown)]),
        () => undefined,
      );
    }
  }

  private render(profiles: string[], regions: string[]): void {
    const s = statusText(profiles, regions);
    this.item.text = s.text;
    const tip = new vscode.MarkdownString(
      [...s.lines, '', '[$(account) Choose profile](command:wharf.aws.chooseProfile) · [$(globe) Choose Regions](command:wharf.aws.chooseRegions)'].join('\n\n'),
      true,
    );
    tip.isTrusted = { enabledCommands: ['wharf.aws.chooseProfile', 'wharf.aws.chooseRegions'] };
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: `Wharf AWS scope: ${s.text.replace(/^\$\([^)]+\) /, '')}. Click to choose the profile.` };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
