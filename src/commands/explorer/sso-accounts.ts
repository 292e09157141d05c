// "Browse IAM Identity Center Accounts and Roles…": every account and role an sso-session reaches (SSO ListAccounts,
// ListAccountRoles), without a profile for each. The picked account role becomes a scope of the tree
// (`sso:<session>/<account>/<role>` in wharf.profiles, next to the profiles shown now).
import * as vscode from 'vscode';
import type { SsoSessionInfo } from '../../aws/profiles';
import { listSsoAccountRoles, listSsoAccounts, ssoTokenStatus } from '../../aws/sso';
import type { Page } from '../../page';
import { applyScope } from './choose-profile';
import { showFailure } from './errors';
import type { ExplorerHost } from './host';
import { formatProfileEntry } from './profile-entry';
import { resolveSsoSession, signIn } from './sign-in';

/**
 * A quick pick that fills page by page as the server answers (busy until the last page), so a thousand accounts
 * show their first hundred at once. Resolves with the picked item, or undefined when dismissed.
 */
async function pagedPick<T>(title: string, placeholder: string, fetch: (next?: string) => Promise<Page<T>>, toItem: (t: T) => vscode.QuickPickItem): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
  qp.title = title;
  qp.placeholder = placeholder;
  qp.matchOnDescription = true;
  qp.busy = true;
  qp.show();
  let stopped = false;
  let failure: unknown;
  const load = (async () => {
    let next: string | undefined;
    do {
      const page = await fetch(next);
      if (stopped) return;
      qp.items = [...qp.items, ...page.items.map((v) => ({ ...toItem(v), value: v }))];
      next = page.next;
    } while (next);
  })().then(
    () => {
      qp.busy = false;
      if (qp.items.length === 0) qp.placeholder = 'Nothing to choose from: this sign-in reaches none.';
    },
    (e) => {
      failure = e;
      qp.hide();
    },
  );
  const picked = await new Promise<T | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.activeItems[0]?.value));
    qp.onDidHide(() => resolve(undefined));
  });
  stopped = true;
  qp.dispose();
  await load.catch(() => undefined);
  if (failure) throw failure;
  return picked;
}

export async function browseSsoAccounts(host: ExplorerHost, arg?: unknown): Promise<void> {
  let session: SsoSessionInfo | undefined;
  try {
    session = await resolveSsoSession(arg, host, 'Browse IAM Identity Center accounts and roles');
  } catch (e) {
    return showFailure(host, 'Reading the AWS config', e);
  }
  if (!session) return;
  const s = session;
  try {
    if ((await ssoTokenStatus(s)) !== 'valid') {
      const b = await vscode.window.showWarningMessage(`Wharf: you are not signed in to ${s.name} (${s.startUrl}), or the sign-in expired. Sign in to list its accounts.`, 'Sign In');
      if (b !== 'Sign In' || !(await signIn(host, s.name))) return;
    }
    const account = await pagedPick(
      `Wharf: ${s.name}: account`,
      'Loading accounts…',
      (next) => listSsoAccounts(s, next),
      (a) => ({ label: `$(organization) ${a.accountName ?? a.accountId}`, description: a.accountId, detail: a.email }),
    );
    if (!account) return;
    const role = await pagedPick(
      `Wharf: ${s.name}: ${account.accountName ?? account.accountId}: role`,
      'Loading roles…',
      (next) => listSsoAccountRoles(s, account.accountId, next),
      (r) => ({ label: `$(shield) ${r.roleName}` }),
    );
    if (!role) return;
    const entry = formatProfileEntry({ sso: { session: s.name, accountId: account.accountId, roleName: role.roleName } });
    const profiles = host.ctx.config.profiles;
    if (!profiles.includes(entry)) await applyScope(host, { profiles: [...profiles, entry] });
    void vscode.window.showInformationMessage(`Wharf: showing ${role.roleName} in ${account.accountName ?? account.accountId} in the explorer.`);
  } catch (e) {
    await showFailure(host, `Listing the accounts of ${s.name}`, e, { retry: () => browseSsoAccounts(host, s.name) });
  }
}
