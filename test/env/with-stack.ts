// Runs a command with the local services it needs started first and stopped after, on every exit path:
//   tsx test/env/with-stack.ts aws,kube -- node --test ...
// Each service module exports `start(logDir)` returning the environment variables that tell tests where it is.
// A service that cannot start fails the run with its log; nothing is skipped silently.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { runDir, stopAll } from './proc';

export interface Started {
  /** Variables for the command: endpoints, credential files, CA files. Never secrets of a real account. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const services: Record<string, () => Promise<{ start(logDir: string): Promise<Started> }>> = {
  aws: () => import('./aws'),
  kube: () => import('./kube'),
};

async function main(): Promise<number> {
  const sep = process.argv.indexOf('--');
  const names = (process.argv[2] ?? '').split(',').filter(Boolean);
  const command = sep >= 0 ? process.argv.slice(sep + 1) : [];
  if (sep < 0 || command.length === 0) {
    console.error('usage: with-stack.ts <aws,kube> -- <command...>');
    return 2;
  }
  const logDir = runDir('stack');
  const started: Started[] = [];
  const env: Record<string, string> = { WHARF_TEST_LOG_DIR: logDir };
  try {
    for (const name of names) {
      const load = services[name];
      if (!load) throw new Error(`unknown service ${name}; known: ${Object.keys(services).join(', ')}`);
      const t0 = Date.now();
      const s = await (await load()).start(logDir);
      started.push(s);
      Object.assign(env, s.env);
      console.error(`[stack] ${name} up in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    }
    const code = await new Promise<number>((resolve) => {
      const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, ...env } });
      child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
      child.on('error', (e) => {
        console.error(`[stack] cannot run ${command[0]}: ${e.message}`);
        resolve(2);
      });
    });
    return code;
  } catch (e) {
    console.error(`[stack] ${(e as Error).message}\n[stack] logs: ${logDir}`);
    return 1;
  } finally {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    await stopAll();
    if (process.env.WHARF_KEEP !== '1') fs.rmSync(logDir, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
