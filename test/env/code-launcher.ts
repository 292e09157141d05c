// Stands in for the VS Code executable that @vscode/test-electron's runTests() would download: it accepts the
// flags runTests passes, runs the tests in code-server's extension host (the same VS Code 1.100 workbench and
// extension API), and exits with the tests' exit code. Where VS Code can be downloaded, runTests needs no launcher.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { runDir, stopAll } from './proc';
import { launchBrowser, remoteAuthority, startCodeServer, workbenchUrl } from './vscode';

interface LaunchArgs {
  folder?: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
}

export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const out: LaunchArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      out.folder ??= a;
      continue;
    }
    const key = m[1];
    const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir'].includes(key);
    const value = m[2] ?? (takesValue ? argv[++i] : undefined);
    if (key === 'extensionDevelopmentPath') out.extensionDevelopmentPath = value;
    else if (key === 'extensionTestsPath') out.extensionTestsPath = value;
    else if (key === 'user-data-dir') out.userDataDir = value;
    else if (key === 'extensions-dir') out.extensionsDir = value;
  }
  return out;
}

async function main(): Promise<number> {
  const args = parseLaunchArgs(process.argv.slice(2));
  if (!args.extensionDevelopmentPath || !args.extensionTestsPath) {
    console.error('code-launcher: --extensionDevelopmentPath and --extensionTestsPath are required');
    return 2;
  }
  const scratch = runDir('vscode');
  const folder = path.resolve(args.folder ?? scratch);
  const server = await startCodeServer({
    logDir: scratch,
    userDataDir: args.userDataDir ?? path.join(scratch, 'user-data'),
    extensionsDir: args.extensionsDir ?? path.join(scratch, 'extensions'),
  });
  const browser = await launchBrowser();
  try {
    const authority = await remoteAuthority(server.url);
    const remote = (p: string) => `vscode-remote://${authority}${path.resolve(p)}`;
    const page = await browser.newPage();
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        // The workbench forwards console calls as (format, ...args).
        const line = format(...(args ?? []));
        (type === 'error' ? process.stderr : process.stdout).write(line.endsWith('\n') ? line : `${line}\n`);
      });
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    const timeoutMs = Number(process.env.WHARF_E2E_TIMEOUT_MS ?? 10 * 60_000);
    const timeout = new Promise<number>((resolve) => setTimeout(() => {
      console.error(`code-launcher: the tests did not finish within ${timeoutMs / 1000}s`);
      resolve(1);
    }, timeoutMs).unref());
    await page.goto(workbenchUrl(server.url, folder, [
      ['extensionDevelopmentPath', remote(args.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(args.extensionTestsPath)],
    ]));
    return await Promise.race([exit, timeout]);
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    await stopAll();
    if (process.env.WHARF_KEEP !== '1') fs.rmSync(scratch, { recursive: true, force: true });
  }
}


if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`code-launcher: ${(e as Error).stack ?? e}`);
      process.exit(1);
    },
  );
}
