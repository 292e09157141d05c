// "Choose AWS Profile…": a quick pick with filter over every profile of the AWS config. It opens at once and lists
// the profiles when listProfiles() answers (busy meanwhile), so a config of thousands of profiles never blocks the
// window. Picking one shows that profile; the "Select several" button switches to picking several at once.
import * as vscode from 'vscode';
import { listProfiles } from '../../aws/profiles';
import { showFailure } from './errors';
import type { ExplorerHost } from './host';
import { profileRows, type ProfileRow } from './profile-items';

type Item = vscode.QuickPickItem & { row?: ProfileRow };

const SEVERAL: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('checklist'), tooltip: 'Select several profiles' };
const REGIONS: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('globe'), tooltip: 'Choose AWS Regions…' };

function toItem(row: ProfileRow): Item {
  if (row.kind === 'separator') return { label: row.label, kind: vscode.QuickPickItemKind.Separator };
  const icon = row.kind === 'ssoSession' ? '$(organization) ' : row.kind === 'default' ? '$(key) ' : '$(account) ';
  return { label: `${icon}${row.label}`, description: row.description, row, picked: 'picked' in row ? row.picked : false };
}

export async function chooseProfile(host: ExplorerHost): Promise<void> {
  const current = host.ctx.config.profiles;
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = 'Wharf: AWS profile';
  qp.placeholder = 'Loading profiles…';
  qp.matchOnDescription = true;
  qp.busy = true;
  qp.buttons = [SEVERAL, REGIONS];
  qp.show();
  let closed = false;
  const rows = listProfiles().then(
    ({ profiles, ssoSessions }) => profileRows(profiles, ssoSessions, current),
    (e) => {
      qp.hide();
      void showFailure(host, 'Reading the AWS profiles (~/.aws/config)', e);
      return undefined;
    },
  );
  const chosen = await new Promise<{ entries?: (string | undefined)[]; browse?: string; regions?: boolean }>((resolve) => {
    void rows.then((r) => {
      // Dismissed before the files were read: nothing to fill.
      if (!r || closed) return;
      const items = r.map(toItem);
      qp.items = items;
      // Keep the current profile under the cursor, so Enter on opening changes nothing.
      const active = items.find((i) => i.row && 'picked' in i.row && i.row.picked);
      if (active && !qp.canSelectMany) qp.activeItems = [active];
      qp.busy = false;
      qp.placeholder = `${r.filter((x) => x.kind === 'profile').length} profiles: type to filter`;
    });
    qp.onDidTriggerButton((b) => {
      if (b === REGIONS) return resolve({ regions: true });
      qp.canSelectMany = !qp.canSelectMany;
      qp.title = qp.canSelectMany ? 'Wharf: AWS profiles (select several, then press Enter)' : 'Wharf: AWS profile';
      const items = [...qp.items];
      qp.items = items;
      if (qp.canSelectMany) qp.selectedItems = items.filter((i) => i.picked);
    });
    qp.onDidAccept(() => {
      const sel = qp.canSelectMany ? qp.selectedItems : qp.activeItems.slice(0, 1);
      const browse = sel.find((i) => i.row?.kind === 'ssoSession');
      if (browse?.row?.kind === 'ssoSession') return resolve({ browse: browse.row.session });
      const entries = sel.filter((i) => i.row && (i.row.kind === 'profile' || i.row.kind === 'default')).map((i) => (i.row as { entry?: string }).entry);
      resolve(entries.length ? { entries } : {});
    });
    qp.onDidHide(() => resolve({}));
  });
  closed = true;
  qp.dispose();
  if (chosen.regions) return void vscode.commands.executeCommand('wharf.aws.chooseRegions');
  if (chosen.browse) return void vscode.commands.executeCommand('wharf.aws.browseSsoAccounts', chosen.browse);
  if (!chosen.entries) return;
  // The default chain is "no profiles": it can't be combined with named ones.
  const profiles = chosen.entries.includes(undefined) && chosen.entries.length === 1 ? [] : chosen.entries.filter((e): e is string => !!e);
  await applyScope(host, { profiles });
}

/**
 * Writes the settings. The explorer refreshes the tree and drops the old profiles' connections on the configuration
 * change (src/views/index.ts), so the tree follows at once; nothing to do here when nothing changed.
 */
export async function applyScope(host: ExplorerHost, change: { profiles?: string[]; regions?: string[] }): Promise<void> {
  await host.ctx.config.setScope(change);
}
