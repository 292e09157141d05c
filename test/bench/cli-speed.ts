// cli-speed: whole-process wall time and peak RSS of `wharf lint` on a large corpus, against a process that only
// parses the same file with `yaml` (the floor for any YAML linter in Node), and against kube-score and kube-linter
// when they are installed. Runs are interleaved so load from other processes hits every tool alike; medians.
// Usage: tsx test/bench/cli-speed.ts --corpus FILE --cli dist/cli.js [--runs 5] [--bin DIR] [--profile]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { profileNode } from './profile';

const TARGET_RATIO = 1.5;
const TARGET_RSS_MB = 300;
const TIME = '/usr/bin/time';

interface Tool {
  name: string;
  argv: string[];
  /** Why it can't run, printed instead of figures. */
  missing?: string;
}
interface Sample {
  ms: number;
  /** user + system CPU: steadier than wall time when other work shares the machine. */
  cpuMs?: number;
  rssMb?: number;
}

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    cli: { type: 'string', default: 'dist/cli.js' },
    runs: { type: 'string', default: '5' },
    bin: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const corpus = path.resolve(values.corpus ?? fail('--corpus FILE is required'));
const cli = path.resolve(values.cli!);
const runs = Math.max(1, Number(values.runs));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-bench-'));
const hasTime = fs.existsSync(TIME) && spawnSync(TIME, ['-v', 'true']).status === 0;

function fail(msg: string): never {
  process.stderr.write(`cli-speed: ${msg}\n`);
  process.exit(2);
}

/** The baseline is bundled like dist/cli.js so both processes start the same way: node running one file. */
async function buildBaseline(): Promise<string> {
  const out = path.join(work, 'parse-only.js');
  await esbuild.build({ entryPoints: [path.join(__dirname, 'parse-only.ts')], bundle: true, platform: 'node', target: 'node20', outfile: out, logLevel: 'warning' });
  return out;
}

/** Without GNU time, a preloaded hook makes node children print their own peak RSS to stderr. */
function rssPreload(): string {
  const file = path.join(work, 'rss.cjs');
  fs.writeFileSync(file, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\nWHARF_MAXRSS_KB=${u.maxRSS} WHARF_CPU_US=${u.userCPUTime + u.systemCPUTime}\\n`); });\n");
  return file;
}

function goTool(bin: string | undefined, name: string, args: string[]): Tool {
  const exe = bin ? path.join(bin, name) : '';
  if (!bin || !fs.existsSync(exe)) return { name: `${name}`, argv: [], missing: `not installed (${bin ? `no ${exe}` : 'no --bin'}; see test/bench/run.sh)` };
  return { name, argv: [exe, ...args] };
}

function runOnce(tool: Tool, preload: string | undefined): Sample {
  let argv = tool.argv;
  if (!hasTime && preload && argv[0] === process.execPath) argv = [argv[0], '--require', preload, ...argv.slice(1)];
  if (hasTime) argv = [TIME, '-v', ...argv];
  const devNull = fs.openSync('/dev/null', 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', devNull, 'pipe'], maxBuffer: 64 << 20, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.closeSync(devNull);
  if (r.error) throw r.error;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr) ?? /WHARF_MAXRSS_KB=(\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const cpu = /WHARF_CPU_US=(\d+)/.exec(r.stderr);
  const cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : cpu ? Number(cpu[1]) / 1000 : undefined;
  // Linters exit 1 when they find problems; only a signal means the run itself failed.
  if (r.signal) throw new Error(`${tool.name} died with ${r.signal}`);
  return { ms, cpuMs, rssMb: m ? Number(m[1]) / 1024 : undefined };
}

/** Median of one measure, or undefined when a run could not report it. */
const medianOf = (s: Sample[], key: 'cpuMs' | 'rssMb') => (s.every((x) => x[key] !== undefined) ? median(s.map((x) => x[key]!)) : undefined);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  if (!fs.existsSync(corpus)) fail(`${corpus}: no such file (generate it with test/bench/corpus.ts)`);
  if (!fs.existsSync(cli)) fail(`${cli}: not built (npm run build)`);
  const baseline = await buildBaseline();
  const preload = hasTime ? undefined : rssPreload();
  const tools: Tool[] = [
    { name: 'yaml parse only', argv: [process.execPath, baseline, corpus] },
    { name: 'wharf lint --format json', argv: [process.execPath, cli, 'lint', corpus, '--format', 'json'] },
    goTool(values.bin, 'kube-score', ['score', corpus, '--output-format', 'ci']),
    goTool(values.bin, 'kube-linter', ['lint', corpus, '--format', 'json']),
  ];
  const samples = new Map<string, Sample[]>(tools.map((t) => [t.name, []]));
  const runnable = tools.filter((t) => !t.missing);
  for (const t of runnable) runOnce(t, preload); // warm the page cache and node's compile cache
  for (let i = 0; i < runs; i++) for (const t of runnable) samples.get(t.name)!.push(runOnce(t, preload));

  const size = fs.statSync(corpus).size;
  const objects = (fs.readFileSync(corpus, 'utf8').match(/^kind: /gm) ?? []).length;
  const base = median(samples.get(tools[0].name)!.map((s) => s.ms));
  const baseCpu = medianOf(samples.get(tools[0].name)!, 'cpuMs');
  const lines = [
    `corpus ${path.basename(corpus)}: ${objects} objects, ${(size / 1e6).toFixed(1)} MB; ${runs} runs each (interleaved, after a warm-up), medians; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`,
    `${'tool'.padEnd(26)} ${'wall ms'.padStart(8)} ${'vs parse'.padStart(9)} ${'cpu ms'.padStart(8)} ${'vs parse'.padStart(9)} ${'peak RSS MB'.padStart(12)}`,
  ];
  for (const t of tools) {
    if (t.missing) {
      lines.push(`${t.name.padEnd(26)} ${t.missing}`);
      continue;
    }
    const s = samples.get(t.name)!;
    const ms = median(s.map((x) => x.ms));
    const cpu = medianOf(s, 'cpuMs');
    const rss = medianOf(s, 'rssMb');
    const cols = [ms.toFixed(0).padStart(8), `${(ms / base).toFixed(2)}x`.padStart(9), (cpu?.toFixed(0) ?? 'n/a').padStart(8), (cpu && baseCpu ? `${(cpu / baseCpu).toFixed(2)}x` : 'n/a').padStart(9), (rss?.toFixed(0) ?? 'n/a').padStart(12)];
    lines.push(`${t.name.padEnd(26)} ${cols.join(' ')}`);
  }
  const wharf = samples.get(tools[1].name)!;
  const ratio = median(wharf.map((x) => x.ms)) / base;
  const cpuRatio = baseCpu ? medianOf(wharf, 'cpuMs')! / baseCpu : undefined;
  const rss = medianOf(wharf, 'rssMb');
  const ok = (b: boolean) => (b ? 'met' : 'MISSED');
  lines.push(
    `targets: wall <= ${TARGET_RATIO}x parse: ${ok(ratio <= TARGET_RATIO)} (${ratio.toFixed(2)}x${cpuRatio ? `; cpu ${cpuRatio.toFixed(2)}x` : ''}); ` +
      `peak RSS <= ${TARGET_RSS_MB} MB: ${rss === undefined ? 'not measured' : `${ok(rss <= TARGET_RSS_MB)} (${rss.toFixed(0)} MB)`}`,
  );
  process.stdout.write(lines.join('\n') + '\n');

  if (values.profile || ratio > TARGET_RATIO) {
    process.stdout.write(`\nprofile of wharf lint (node --cpu-prof):\n${profileNode([cli, 'lint', corpus, '--format', 'json'], 15)}`);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e: unknown) => fail((e as Error).stack ?? String(e)));
