// Runs `wharf` as CI does: a real process from source (tsx, so no build is needed), real files, exit codes.
// Asynchronous, so a suite's processes can overlap: each one spends most of its life starting up.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JsonFinding } from '../../../src/cli/format-json';

export const root = path.resolve(__dirname, '../../..');
export const fixtures = path.join(root, 'test/fixtures/cli');
const cli = path.join(root, 'src/cli.ts');
export const packageVersion = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
// tsx by absolute path, so the CLI also runs from directories outside the repository.
const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

export interface RunOptions {
  cwd?: string;
  input?: string;
  env?: Record<string, string | undefined>;
}

export function wharf(args: readonly string[], opts: RunOptions = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const child = spawn(process.execPath, ['--import', tsx, cli, ...args], { cwd: opts.cwd ?? fixtures, env });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdin.end(opts.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

export async function json(args: readonly string[], opts?: RunOptions): Promise<Run & { findings: JsonFinding[] }> {
  const r = await wharf([...args, '--format', 'json'], opts);
  let findings: JsonFinding[];
  try {
    findings = JSON.parse(r.out) as JsonFinding[];
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.out.slice(0, 200)}\nstderr: ${r.err}`);
  }
  return { ...r, findings };
}

/** A scratch copy of a fixture directory (or an empty one), for runs that write files. */
export function scratch(fixture?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-cli-'));
  if (fixture) fs.cpSync(path.join(fixtures, fixture), dir, { recursive: true });
  return dir;
}
