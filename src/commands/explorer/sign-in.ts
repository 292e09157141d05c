// "Sign In to IAM Identity Center…": the device-authorization flow of aws/sso.ts, run in-process (no `aws` CLI). The
// person sees the user code, the verification page opens in their browser, a progress notification waits with Cancel,
// and the tree refreshes once the token is cached (where the AWS CLI caches it).
import * as vscode from 'vscode';
import { listProfiles, type SsoSessionInfo } from '../../aws/profiles';
import { ssoSignIn } from '../../aws/sso';
import { showFailure } from './errors';
import type { ExplorerHost } from './host';
import { parseProfileEntry } from './profile-entry';
import { targetOf } from './targets';

/** The sso-session a command argument points at: a session name, or a tree element of an SSO profile or account role. */
export async function resolveSsoSession(arg: unknown, host: ExplorerHost, purpose: string): Promise<SsoSessionInfo | undefined> {
  const { profiles, ssoSessions } = await listProfiles();
  if (ssoSessions.length === 0) {
    const pick = await vscode.window.showWarningMessage(
      'Wharf: no sso-session in the AWS config, so there is nothing to sign in to. Add one with `aws configure sso` (or an [sso-session] section in ~/.aws/config), then try again.',
      'Open AWS Config Docs',
    );
    if (pick) void vscode.env.openExternal(vscode.Uri.parse('https://docs.aws.amazon.com/cli/latest/userguide/sso-configure-profile-token.html'));
    return undefined;
  }
  // An error node (or an AwsError) of SSO credentials names its sso-session.
  const fromError = (arg as { ssoSession?: string; error?: { ssoSession?: string } } | undefined)?.error?.ssoSession ?? (arg as { ssoSession?: string } | undefined)?.ssoSession;
  let name: string | undefined = typeof arg === 'string' ? arg : fromError;
  const t = targetOf(arg);
  if (!name && t && (t.type === 'profile' || 'region' in t)) {
    const scope = t as { profile?: string; sso?: { session: string } };
    name = scope.sso?.session ?? profiles.find((p) => p.name === scope.profile)?.ssoSession;
  }
  if (!name) {
    // The profiles shown now, if one of them is an SSO profile, say which session is meant.
    const shown = host.ctx.config.profiles.map(parseProfileEntry);
    const sessions = new Set(shown.map((s) => s.sso?.session ?? profiles.find((p) => p.name === s.profile)?.ssoSession).filter((s): s is string => !!s));
    if (sessions.size === 1) name = [...sessions][0];
  }
  if (!name && ssoSessions.length === 1) name = ssoSessions[0].name;
  if (!name) {
    const picked = await vscode.window.showQuickPick(
      ssoSessions.map((s) => ({ label: s.name, description: `${s.startUrl} (${s.region})`, s })),
      { title: `Wharf: ${purpose}`, placeHolder: 'Which IAM Identity Center sso-session?' },
    );
    return picked?.s;
  }
  const session = ssoSessions.find((s) => s.name === name);
  if (!session) void vscode.window.showErrorMessage(`Wharf: the AWS config has no [sso-session ${name}]. Check the profile's sso_session setting.`);
  return session;
}

export async function signIn(host: ExplorerHost, arg?: unknown): Promise<boolean> {
  let session: SsoSessionInfo | undefined;
  try {
    session = await resolveSsoSession(arg, host, 'Sign in to IAM Identity Center');
  } catch (e) {
    await showFailure(host, 'Reading the AWS config', e);
    return false;
  }
  if (!session) return false;
  const s = session;
  try {
    const { expiresAt } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Signing in to IAM Identity Center (${s.name})`, cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        progress.report({ message: 'registering with IAM Identity Center…' });
        return ssoSignIn({
          session: s,
          signal: ac.signal,
          openUrl: async (url, userCode) => {
            progress.report({ message: `confirm the code ${userCode} in your browser, then allow access. Waiting…` });
            host.ctx.output.info(`Sign-in to ${s.startUrl}: code ${userCode}, page ${url}`);
            // Not awaited: the notification stays up while the person confirms; the buttons help if the browser didn't open.
            void vscode.window
              .showInformationMessage(`Wharf: confirm the code ${userCode} on the IAM Identity Center page that opened in your browser.`, 'Copy Code', 'Open Page Again')
              .then((b) => {
                if (b === 'Copy Code') void vscode.env.clipboard.writeText(userCode);
                if (b === 'Open Page Again') void vscode.env.openExternal(vscode.Uri.parse(url));
              });
            await vscode.env.openExternal(vscode.Uri.parse(url));
          },
        });
      },
    );
    host.ctx.output.info(`Signed in to ${s.name}; the token is valid until ${expiresAt}`);
    host.resetConnections();
    host.refresh();
    void vscode.window.showInformationMessage(`Wharf: signed in to ${s.name} (until ${new Date(expiresAt).toLocaleString()}).`);
    return true;
  } catch (e) {
    await showFailure(host, `Signing in to ${s.name}`, e, { retry: () => signIn(host, s.name) });
    return false;
  }
}
