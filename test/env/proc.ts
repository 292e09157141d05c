// Child processes for the local test services: each one runs in its own process group so that stopping it
// stops everything it started, and every service started here is stopped on every exit path of the parent.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as os from 'node:os';

export interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  /** Where the service's stdout and stderr go (read it when a start fails). */
  readonly logFile: string;
  stop(): Promise<void>;
}

const running = new Set<Service>();
let hooked = false;

/** Root of everything the harness caches between runs (builds, virtualenvs, installs). */
export function cacheDir(...parts: string[]): string {
  const root = process.env.WHARF_CACHE ?? path.join(os.homedir(), '.cache', 'wharf');
  const dir = path.join(root, ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A scratch folder for one run, removed by the caller (or left for a post-mortem when WHARF_KEEP=1). */
export function runDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `wharf-${prefix}-`));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  const killAll = () => {
    for (const s of running) killGroup(s.child, 'SIGKILL');
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      void stopAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Starts `argv` in a new process group, logging to a file in `logDir`. */
export function startService(name: string, argv: string[], opts: SpawnOptions & { logDir: string }): Service {
  hookExit();
  const logFile = path.join(opts.logDir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const { logDir: _logDir, ...spawnOpts } = opts;
  const child = spawn(argv[0], argv.slice(1), { ...spawnOpts, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  child.on('error', () => undefined);
  const service: Service = {
    name,
    child,
    logFile,
    async stop() {
      running.delete(service);
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      // The leader has gone; make sure nothing it left in its group survives.
      killGroup(child, 'SIGKILL');
    },
  };
  running.add(service);
  return service;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/** Tail of a service's log, for error messages. */
export function logTail(service: Service, lines = 30): string {
  try {
    return fs.readFileSync(service.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Polls `probe` until it resolves true, failing with the service's log if the process exits or the deadline passes.
 */
export async function waitUntil(service: Service, what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      throw new Error(`${service.name} exited before ${what} (code ${service.child.exitCode ?? service.child.signalCode}).\n${logTail(service)}`);
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(`${service.name}: ${what} not reached within ${timeoutMs / 1000}s.\n${logTail(service)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function httpOk(url: string, init?: RequestInit): Promise<boolean> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
  return res.status < 500;
}
