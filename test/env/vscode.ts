// A real VS Code for tests and the demo: code-server (VS Code 1.100's workbench and Node extension host) on
// loopback, driven by Debian's chromium through playwright-core.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { cacheDir, freePort, httpOk, startService, waitUntil, type Service } from './proc';

export const CODE_SERVER = path.join(cacheDir('code-server'), 'node_modules/.bin/code-server');
const CHROMIUM = process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium';

/** Settings that keep the workbench quiet and keyboard input reliable under automation. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'security.workspace.trust.enabled': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.hover.delay': 150,
  'files.autoSave': 'off',
  'chat.disableAIFeatures': true,
};

export interface CodeServer {
  url: string;
  port: number;
  service: Service;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  logDir: string;
  userDataDir: string;
  extensionsDir: string;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  port?: number;
  host?: string;
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server is not installed at ${CODE_SERVER}: run test/env/setup-vscode.sh`);
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
    env: { ...process.env, ...opts.env, XDG_CONFIG_HOME: `${xdg}/config`, XDG_DATA_HOME: `${xdg}/data`, XDG_CACHE_HOME: `${xdg}/cache` },
  });
  const url = `http://${host}:${port}`;
  await waitUntil(service, '/healthz', () => httpOk(`${url}/healthz`), 60_000);
  return { url, port, service, stop: () => service.stop() };
}

export async function installVsix(vsix: string, extensionsDir: string, logDir: string): Promise<void> {
  const s = startService('install-vsix', [CODE_SERVER, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--force'], { logDir, env: { ...process.env } });
  const code = await new Promise<number>((resolve) => s.child.on('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`installing ${vsix} failed (exit ${code}); see ${s.logFile}`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** The remote authority the workbench page embeds: extension paths are vscode-remote URIs under it. */
export async function remoteAuthority(url: string): Promise<string> {
  const html = await (await fetch(url)).text();
  const m = /&quot;remoteAuthority&quot;:&quot;([^&]+)&quot;|"remoteAuthority":"([^"]+)"/.exec(html);
  if (!m) throw new Error('could not find remoteAuthority in the workbench page');
  return m[1] ?? m[2];
}

export function workbenchUrl(base: string, folder: string, payload?: [string, string][]): string {
  const q = new URLSearchParams({ folder });
  if (payload) q.set('payload', JSON.stringify(payload));
  return `${base}/?${q.toString()}`;
}

export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return page;
}
