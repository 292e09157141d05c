// A real VS Code for tests and the demo: code-server (VS Code 1.100's workbench and Node extension host) on
// loopback, driven by Debian's chromium through playwright-core. test/env/setup-vscode.sh installs both.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { cacheDir, freePort, httpOk, startService, waitUntil, type Service } from './proc';

export const CODE_SERVER = path.join(cacheDir('code-server'), 'node_modules/.bin/code-server');
// Debian's chromium: playwright's own browser builds are downloads from outside the registries.
const CHROMIUM = process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  // /dev/shm is small in containers; chromium then crashes tabs under load.
  '--disable-dev-shm-usage',
];

/** Settings that keep the workbench quiet and keyboard input reliable under automation. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  // Editors and walkthroughs that open on their own steal focus from what a test types.
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  // Suggest widgets pop up over what a test types and swallow Enter.
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.hover.delay': 150,
  'files.autoSave': 'off',
  'chat.disableAIFeatures': true,
};

export interface CodeServer {
  /** The server's base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  /** Milliseconds from spawn to /healthz answering. */
  readyMs: number;
  service: Service;
  /** The workbench URL for `folder` (default: the workspace it was started with), with an optional payload. */
  workbenchUrl(folder?: string, payload?: [string, string][]): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  logDir: string;
  userDataDir: string;
  extensionsDir: string;
  /** The folder workbenchUrl() opens by default. */
  workspace?: string;
  /** User settings, on top of QUIET_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Extra environment: the extension host inherits code-server's environment. */
  env?: Record<string, string>;
  port?: number;
  host?: string;
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server is not installed at ${CODE_SERVER}: run test/env/setup-vscode.sh`);
  const t0 = Date.now();
  const port = opts.port ?? (await freePort());
  const host = opts.host ?? '127.0.0.1';
  const userSettings = path.join(opts.userDataDir, 'User');
  fs.mkdirSync(userSettings, { recursive: true });
  fs.mkdirSync(opts.extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userSettings, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2));
  const xdg = path.join(opts.userDataDir, 'xdg');
  const service = startService('code-server', [
    CODE_SERVER, '--auth', 'none', '--bind-addr', `${host}:${port}`,
    '--user-data-dir', opts.userDataDir, '--extensions-dir', opts.extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
  ], {
    logDir: opts.logDir,
    env: {
      ...process.env,
      // An empty gallery: otherwise the workbench queries open-vsx.org, which is unreachable here and noise anyway.
      EXTENSIONS_GALLERY: '{}',
      ...opts.env,
      // Without these, code-server writes its config and caches to $HOME.
      XDG_CONFIG_HOME: `${xdg}/config`, XDG_DATA_HOME: `${xdg}/data`, XDG_CACHE_HOME: `${xdg}/cache`,
    },
  });
  const url = `http://${host}:${port}`;
  await waitUntil(service, '/healthz', () => httpOk(`${url}/healthz`), 60_000);
  return {
    url,
    port,
    readyMs: Date.now() - t0,
    service,
    workbenchUrl: (folder = opts.workspace, payload) => workbenchUrl(url, folder, payload),
    stop: () => service.stop(),
  };
}

/** Installs a VSIX the way a person would (~0.6 s). */
export async function installVsix(vsix: string, extensionsDir: string, logDir: string): Promise<void> {
  const s = startService('install-vsix', [CODE_SERVER, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--force'], { logDir, env: { ...process.env } });
  const code = await new Promise<number>((resolve) => {
    if (s.child.exitCode !== null) resolve(s.child.exitCode);
    else s.child.on('exit', (c) => resolve(c ?? 1));
  });
  await s.stop();
  if (code !== 0) throw new Error(`installing ${vsix} failed (exit ${code}); see ${s.logFile}`);
}

/**
 * Headless chromium. Playwright launches it in its own process group and kills that group when this process exits
 * or gets SIGINT/SIGTERM/SIGHUP, so a crashed test run leaves no browser behind.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** The remote authority the workbench page embeds: extension paths are vscode-remote URIs under it. */
export async function remoteAuthority(url: string): Promise<string> {
  const html = await (await fetch(url)).text();
  const m = /&quot;remoteAuthority&quot;:&quot;([^&]+)&quot;|"remoteAuthority":"([^"]+)"/.exec(html);
  if (!m) throw new Error('could not find remoteAuthority in the workbench page');
  return m[1] ?? m[2];
}

/** `payload` is how the web workbench takes what the desktop CLI takes as flags (extensionDevelopmentPath ...). */
export function workbenchUrl(base: string, folder?: string, payload?: [string, string][]): string {
  const q = new URLSearchParams();
  if (folder) q.set('folder', folder);
  if (payload) q.set('payload', JSON.stringify(payload));
  return `${base}/?${q.toString()}`;
}

export interface WorkbenchPage {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export interface OpenWorkbenchOptions {
  /** A browser to open the page in; by default one is launched and closed with the page. */
  browser?: Browser;
  viewport?: { width: number; height: number };
  /** Runs before navigation: the place for page.exposeFunction, which the workbench looks for as it starts. */
  beforeLoad?: (page: Page) => Promise<void>;
  /** Wait for the workbench to render (false: return once the navigation has committed). */
  waitForWorkbench?: boolean;
}

export async function openWorkbench(url: string, opts: OpenWorkbenchOptions = {}): Promise<WorkbenchPage> {
  const owned = !opts.browser;
  const browser = opts.browser ?? (await launchBrowser());
  const close = async () => {
    if (owned) await browser.close().catch(() => undefined);
  };
  try {
    const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
    await opts.beforeLoad?.(page);
    await page.goto(url, { waitUntil: 'commit' });
    if (opts.waitForWorkbench !== false) await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    return { browser, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}
