// Stands in for the VS Code executable that @vscode/test-electron's runTests() would download: it accepts the
// flags runTests passes, runs the tests in code-server's extension host (the same VS Code 1.100 workbench and
// extension API, in Node), streams their output to stdout, and exits with the tests' exit code. Where VS Code can be
// downloaded, runTests needs no launcher.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { runDir, stopAll } from './proc';
import { openWorkbench, remoteAuthority, startCodeServer, type WorkbenchPage } from './vscode';

export interface LaunchArgs {
  folder?: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  /** Flags that code-server has no use for (--disable-extensions, --skip-welcome, --no-sandbox ...). */
  ignored: string[];
}

const VALUE_FLAGS: Record<string, keyof LaunchArgs> = {
  extensionDevelopmentPath: 'extensionDevelopmentPath',
  extensionTestsPath: 'extensionTestsPath',
  'user-data-dir': 'userDataDir',
  'extensions-dir': 'extensionsDir',
};

/** Parses VS Code's CLI flags as runTests passes them (`--flag=value`, or `--flag value` for the ones that take one). */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const out: LaunchArgs = { ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      out.folder ??= argv[i];
      continue;
    }
    const key = VALUE_FLAGS[m[1]];
    if (!key) {
      out.ignored.push(argv[i]);
      continue;
    }
    (out as unknown as Record<string, string | undefined>)[key] = m[2] ?? argv[++i];
  }
  return out;
}

/** Page log lines from the workbench itself, not from the tests: kept out of the test output unless WHARF_E2E_VERBOSE. */
const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|Ignoring fetching additional builtin extensions|\[Service Worker\]|ChatSessionStore:|Creation of workbench contribution)/;

function forward(type: string, args: unknown[] | undefined): void {
  // The workbench calls codeAutomationLog(level, [format, ...args]) for its own log and the extension host's console.
  const line = format(...(Array.isArray(args) ? args : [args]));
  if (process.env.WHARF_E2E_VERBOSE !== '1' && WORKBENCH_NOISE.test(line)) return;
  (type === 'error' ? process.stderr : process.stdout).write(line.endsWith('\n') ? line : `${line}\n`);
}

async function main(): Promise<number> {
  const args = parseLaunchArgs(process.argv.slice(2));
  if (!args.extensionDevelopmentPath || !args.extensionTestsPath) {
    console.error('code-launcher: --extensionDevelopmentPath and --extensionTestsPath are required');
    return 2;
  }
  const t0 = Date.now();
  const scratch = runDir('vscode');
  const folder = path.resolve(args.folder ?? scratch);
  let wb: WorkbenchPage | undefined;
  try {
    // A fresh profile for every run, not runTests' shared .vscode-test/user-data: code-server keeps its IPC socket
    // and session state there, so two runs in one checkout (several people, or CI beside a developer) would collide,
    // and restored editors from the last run would leak into the next.
    const server = await startCodeServer({
      logDir: scratch,
      userDataDir: path.join(scratch, 'user-data'),
      extensionsDir: path.join(scratch, 'extensions'),
    });
    const authority = await remoteAuthority(server.url);
    const remote = (p: string) => `vscode-remote://${authority}${path.resolve(p)}`;
    let finish: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (finish = resolve));
    wb = await openWorkbench(server.workbenchUrl(folder, [
      ['extensionDevelopmentPath', remote(args.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(args.extensionTestsPath)],
    ]), {
      waitForWorkbench: false,
      // Both must exist before the workbench starts: it checks for them once.
      beforeLoad: async (page) => {
        await page.exposeFunction('codeAutomationLog', forward);
        await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
        page.on('crash', () => {
          console.error('code-launcher: the workbench page crashed');
          finish(1);
        });
      },
    });
    console.error(`code-launcher: code-server ready in ${server.readyMs} ms, workbench loading at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const timeoutMs = Number(process.env.WHARF_E2E_TIMEOUT_MS ?? 10 * 60_000);
    const timer = setTimeout(() => {
      console.error(`code-launcher: the tests did not finish within ${timeoutMs / 1000} s; logs: ${scratch} (kept)`);
      process.env.WHARF_KEEP = '1';
      finish(1);
    }, timeoutMs);
    // runTests' process can die without telling us (a CI time limit kills only it): then stop, rather than keep a
    // browser and an editor running until the timeout.
    const parent = process.ppid;
    const orphaned = setInterval(() => {
      if (process.ppid !== parent) {
        console.error('code-launcher: the process that started the tests has gone; stopping');
        finish(1);
      }
    }, 1000);
    const code = await exit;
    clearTimeout(timer);
    clearInterval(orphaned);
    console.error(`code-launcher: tests exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    await wb?.close();
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
