// Where the time goes: runs a command under `node --cpu-prof` and prints self time by function and by module,
// so a slow benchmark comes with the functions to look at. Usage: tsx test/bench/profile.ts -- node dist/cli.js lint X
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in ms per function and per source module; `url` is mapped through nothing, so bundles show as one. */
export function summarize(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFn = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : '(native)';
    const key = `${f.functionName || '(anonymous)'}  ${where}`;
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
    const mod = f.url ? shortUrl(f.url) : f.functionName || '(native)';
    byModule.set(mod, (byModule.get(mod) ?? 0) + ms);
    total += ms;
  }
  const inclusive = inclusiveTimes(profile, self, (id) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'}  ${f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : '(native)'}`;
  });
  const rows = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`);
  return [`total sampled: ${total.toFixed(0)} ms`, '', 'self time by function:', ...rows(byFn, top), '', 'self time by module:', ...rows(byModule, 12), '', 'total time (self + callees) by function:', ...rows(inclusive, top)].join('\n') + '\n';
}

/** Time in each function and everything it called, counted once per call stack however deep the recursion. */
function inclusiveTimes(profile: CpuProfile, self: Map<number, number>, keyOf: (id: number) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id)!;
    let total = self.get(id) ?? 0;
    const key = keyOf(id);
    const fresh = !onStack.has(key);
    if (fresh) onStack.add(key);
    for (const c of node.children ?? []) total += walk(c, onStack);
    if (fresh) {
      onStack.delete(key);
      out.set(key, (out.get(key) ?? 0) + total);
    }
    return total;
  };
  walk(profile.nodes[0].id, new Set());
  return out;
}

function shortUrl(url: string): string {
  const p = url.replace(/^file:\/\//, '');
  const nm = p.lastIndexOf('node_modules/');
  return nm >= 0 ? p.slice(nm + 'node_modules/'.length) : path.relative(process.cwd(), p) || p;
}

/** Runs `node ARGS` with --cpu-prof and returns the summary (the command's exit code doesn't matter). */
export function profileNode(args: readonly string[], top?: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-prof-'));
  const devNull = fs.openSync('/dev/null', 'w');
  spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...args], { stdio: ['ignore', devNull, 'inherit'] });
  fs.closeSync(devNull);
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written to ${dir}`);
  const summary = summarize(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile, top);
  fs.rmSync(dir, { recursive: true, force: true });
  return summary;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--');
  const cmd = at >= 0 ? args.slice(at + 1) : args;
  if (cmd[0] === 'node') cmd.shift();
  if (cmd.length === 0) {
    process.stderr.write('usage: tsx test/bench/profile.ts -- node SCRIPT [ARGS]\n');
    process.exit(2);
  }
  process.stdout.write(profileNode(cmd));
}
