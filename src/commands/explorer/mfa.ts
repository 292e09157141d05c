// MFA codes for assume-role profiles with mfa_serial. The explorer's connections pass promptMfaCode to AwsSession as
// its mfaCodeProvider; several nodes asking at once share one input box per device.
import * as vscode from 'vscode';
import type { ExplorerHost } from './host';

const pending = new Map<string, Promise<string>>();

export function promptMfaCode(mfaSerial: string): Promise<string> {
  let p = pending.get(mfaSerial);
  if (!p) {
    p = Promise.resolve(
      vscode.window.showInputBox({
        title: 'Wharf: MFA code',
        prompt: `The code your MFA device ${mfaSerial} shows now (for the AWS profile's assume-role).`,
        placeHolder: '123456',
        ignoreFocusOut: true,
        password: false,
        validateInput: (v) => (/^\d{6}$/.test(v.trim()) ? undefined : 'Six digits, as the device shows them.'),
      }),
    ).then((code) => {
      if (!code) throw Object.assign(new Error(`No MFA code was entered for ${mfaSerial}; run "Wharf: Enter MFA Code…" to try again.`), { name: 'MfaCancelled' });
      return code.trim();
    });
    pending.set(mfaSerial, p);
    void p.finally(() => pending.delete(mfaSerial)).catch(() => undefined);
  }
  return p;
}

/**
 * "Enter MFA Code…": the input box appears when credentials are next resolved, so this drops the cached sessions
 * and reloads the view (every row of those credentials failed the same way).
 */
export function enterMfa(host: ExplorerHost): void {
  host.resetConnections();
  host.refresh();
}
