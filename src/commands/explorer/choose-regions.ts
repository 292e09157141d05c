// "Choose AWS Regions…": a multi-select quick pick of the Regions; the chosen ones are shown, in the order picked.
// Accepting with none selected goes back to each profile's own Region.
import * as vscode from 'vscode';
import { applyScope } from './choose-profile';
import type { ExplorerHost } from './host';
import { REGION_PATTERN, regionChoices } from './region-list';

type Item = vscode.QuickPickItem & { code: string };

export async function chooseRegions(host: ExplorerHost): Promise<void> {
  const current = host.ctx.config.regions;
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = 'Wharf: AWS Regions (select one or more, then press Enter)';
  qp.placeholder = current.length ? `Shown now: ${current.join(', ')}` : "None selected: each profile's own Region";
  qp.canSelectMany = true;
  qp.matchOnDescription = true;
  const build = (typed: string) => {
    const selected = new Set(qp.selectedItems.map((i) => i.code));
    const base = qp.items.length ? [...selected] : current;
    const items = regionChoices(base, typed).map((r): Item => ({ label: r.code, description: r.name ?? 'typed', code: r.code, picked: r.picked }));
    qp.items = items;
    qp.selectedItems = items.filter((i) => i.picked);
  };
  build('');
  qp.onDidChangeValue((v) => {
    // Only rebuild to offer a typed Region the list lacks; otherwise the filter does the work.
    if (REGION_PATTERN.test(v.trim()) && !qp.items.some((i) => i.code === v.trim())) build(v);
  });
  qp.show();
  const picked = await new Promise<string[] | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems.map((i) => i.code)));
    qp.onDidHide(() => resolve(undefined));
  });
  qp.dispose();
  if (picked) await applyScope(host, { regions: picked });
}
