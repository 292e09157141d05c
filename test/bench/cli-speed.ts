// cli-speed: whole-process wall time, CPU time and peak RSS of `wharf lint` (text, JSON and SARIF output; one worker
// and all cores) on each corpus, against a process that only parses the same input with `yaml` (the floor for any
// YAML linter in Node), and against kube-score and Checkov when installed. Every tool runs in one interleaved loop,
// so load from other processes hits each alike; medians. Also prints how many objects each tool actually checked.
// Usage: tsx test/bench/cli-speed.ts --corpus NAME=PATH [--corpus ...] --cli dist/cli.js [--runs 5] [--bin DIR]
//   [--checkov PATH] [--checkov-on real,real-files] [--checkov-timeout 900] [--formats json,text,sarif] [--jobs 1,0]
//   [--profile]
// PATH is a file or a directory (its *.yaml files, passed to every tool as a list). --jobs 0 = all cores; every
// --jobs value runs with the first format, the others with the first --jobs value. A corpus whose name says
// `generated` or `dense` is held to the generated-corpus target, any other to the real-manifest one.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { profileNode } from './profile';

/** The issue's targets: generated corpora at most 1.3x a bare parse, real manifests 1.5x, memory 2x everywhere. */
const TARGETS = { generatedRatio: 1.3, realRatio: 1.5, rssRatio: 2 };
const TIME = '/usr/bin/time';

interface Tool {
  name: string;
  argv: string[];
  /** Why it can't run, printed instead of figures. */
  missing?: string;
  /** Runs only once (Checkov: minutes per run); the median is that one run. */
  once?: boolean;
  timeoutMs?: number;
  /** Objects the tool checked, from one run's output. */
  count?: (stdout: string, stderr: string) => string;
  kind: 'parse' | 'wharf' | 'peer';
  format?: string;
  jobs?: string;
}
interface Sample {
  ms: number;
  /** user + system CPU: steadier than wall time when other work shares the machine. */
  cpuMs?: number;
  rssMb?: number;
  timedOut?: boolean;
}

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', multiple: true },
    cli: { type: 'string', default: 'dist/cli.js' },
    runs: { type: 'string', default: '5' },
    bin: { type: 'string' },
    checkov: { type: 'string' },
    'checkov-on': { type: 'string', default: '' },
    'checkov-timeout': { type: 'string', default: '900' },
    formats: { type: 'string', default: 'json,text,sarif' },
    jobs: { type: 'string', default: '1,0' },
    profile: { type: 'boolean', default: false },
  },
});
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

function inputFiles(p: string): string[] {
  if (!fs.statSync(p).isDirectory()) return [p];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (/\.ya?ml$/.test(e.name)) out.push(f);
    }
  };
  walk(p);
  return out;
}

function run(tool: Tool, preload: string | undefined, capture: boolean): { sample: Sample; stdout: string; stderr: string } {
  let argv = tool.argv;
  if (!hasTime && preload && argv[0] === process.execPath) argv = [argv[0], '--require', preload, ...argv.slice(1)];
  if (hasTime) argv = [TIME, '-v', ...argv];
  const outFile = capture ? path.join(work, 'stdout') : '/dev/null';
  const fd = fs.openSync(outFile, 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', fd, 'pipe'], maxBuffer: 256 << 20, encoding: 'utf8', timeout: tool.timeoutMs, killSignal: 'SIGKILL' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.closeSync(fd);
  if (r.error && !(r.error as NodeJS.ErrnoException).code?.includes('ETIMEDOUT')) throw r.error;
  const timedOut = r.signal === 'SIGKILL' && tool.timeoutMs !== undefined && ms >= tool.timeoutMs;
  const stderr = r.stderr ?? '';
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr) ?? /WHARF_MAXRSS_KB=(\d+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  const cpu = /WHARF_CPU_US=(\d+)/.exec(stderr);
  const cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : cpu ? Number(cpu[1]) / 1000 : undefined;
  // Linters exit 1 when they find problems; only a signal means the run itself failed.
  if (r.signal && !timedOut) throw new Error(`${tool.name} died with ${r.signal}: ${stderr.slice(-500)}`);
  const stdout = capture ? fs.readFileSync(outFile, 'utf8') : '';
  return { sample: { ms, cpuMs, rssMb: m ? Number(m[1]) / 1024 : undefined, timedOut }, stdout, stderr };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Median of one measure, or undefined when a run could not report it. */
const medianOf = (s: Sample[], key: 'ms' | 'cpuMs' | 'rssMb') => (s.length && s.every((x) => x[key] !== undefined) ? median(s.map((x) => x[key]!)) : undefined);

function wharfSupportsJobs(): boolean {
  const r = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  return /--jobs/.test(r.stdout);
}

function toolsFor(corpus: string, files: string[], baseline: string, jobsSupported: boolean): Tool[] {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const tools: Tool[] = [{ name: 'yaml parse only', kind: 'parse', argv: [process.execPath, baseline, ...files], count: (out) => `${out.trim()} documents` }];
  const jobsList = jobsSupported ? [...new Set(values.jobs!.split(',').map((j) => (j === '0' ? String(cores) : j)))] : [undefined];
  for (const format of values.formats!.split(',')) {
    // Every --jobs value for the first format; the other formats with the first value only (output cost is per format).
    for (const jobs of format === values.formats!.split(',')[0] ? jobsList : jobsList.slice(0, 1)) {
      const jobArgs = jobs ? ['--jobs', jobs] : [];
      tools.push({
        name: `wharf --format ${format}${jobs ? ` --jobs ${jobs}` : ''}`,
        kind: 'wharf',
        format,
        jobs,
        argv: [process.execPath, cli, 'lint', ...files, '--format', format, '--max-file-size', '512', '--stats', ...jobArgs],
        count: (_out, err) => /wharf: linted (\d+) objects?/.exec(err)?.[1] ?? '?',
      });
    }
  }
  const ks = values.bin ? path.join(values.bin, 'kube-score') : '';
  tools.push(
    ks && fs.existsSync(ks)
      ? { name: 'kube-score (ci output)', kind: 'peer', argv: [ks, 'score', ...files, '--output-format', 'ci'], count: kubeScoreCount }
      : { name: 'kube-score', kind: 'peer', argv: [], missing: `not installed (${ks ? `no ${ks}` : 'no --bin'}; see test/bench/run.sh)` },
  );
  const ck = values.checkov;
  // Checkov takes minutes on large corpora: only where asked for, once.
  if (ck && values['checkov-on']!.split(',').includes(corpus)) {
    const timeoutMs = Number(values['checkov-timeout']) * 1000;
    tools.push(
      fs.existsSync(ck)
        ? { name: 'Checkov (1 run)', kind: 'peer', once: true, timeoutMs, argv: [ck, '--framework', 'kubernetes', '--skip-download', '--quiet', '--compact', '-o', 'json', ...files.flatMap((f) => ['-f', f])], count: checkovCount }
        : { name: 'Checkov', kind: 'peer', argv: [], missing: `not installed (no ${ck}; see test/bench/setup-checkov.sh)` },
    );
  }
  return tools;
}

/** kube-score's ci output: one line per check per object, `[LEVEL] name/namespace group/version/Kind: ...`. */
function kubeScoreCount(out: string, err: string): string {
  const objects = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /^\[[A-Z]+\] (\S+) (\S+?):?(?: |$)/.exec(line);
    if (m) objects.add(`${m[1]} ${m[2]}`);
  }
  const stop = /failed to parse files[^\n]*/i.exec(err);
  return `${objects.size}${stop ? ` (stopped: ${stop[0].slice(0, 90)})` : ''}`;
}

function checkovCount(out: string): string {
  try {
    const parsed = JSON.parse(out) as unknown;
    const reports = Array.isArray(parsed) ? parsed : [parsed];
    const n = reports.reduce((sum: number, r) => sum + (Number((r as { summary?: { resource_count?: number } }).summary?.resource_count) || 0), 0);
    return String(n);
  } catch {
    return '?';
  }
}

async function main(): Promise<void> {
  const corpora = (values.corpus ?? []).map((c) => {
    const at = c.indexOf('=');
    return at > 0 ? { name: c.slice(0, at), path: path.resolve(c.slice(at + 1)) } : { name: path.basename(c), path: path.resolve(c) };
  });
  if (corpora.length === 0) fail('--corpus NAME=PATH is required (see test/bench/run.sh)');
  for (const c of corpora) if (!fs.existsSync(c.path)) fail(`${c.path}: no such file (generate it with test/bench/run.sh)`);
  if (!fs.existsSync(cli)) fail(`${cli}: not built (node test/bench/build-cli.mjs)`);
  const baseline = await buildBaseline();
  const preload = hasTime ? undefined : rssPreload();
  const jobsSupported = wharfSupportsJobs();
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const uptime = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const out: string[] = [`cli-speed: ${cores} cores; load average at start ${uptime()}; ${runs} runs each, interleaved, after one warm-up run; medians`];

  for (const corpus of corpora) {
    const files = inputFiles(corpus.path);
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    const tools = toolsFor(corpus.name, files, baseline, jobsSupported);
    const runnable = tools.filter((t) => !t.missing);
    const samples = new Map<string, Sample[]>(tools.map((t) => [t.name, []]));
    const counts = new Map<string, string>();
    // Warm-up (page cache, node's compile cache), which also captures each tool's object count.
    for (const t of runnable) {
      const r = run(t, preload, true);
      counts.set(t.name, r.sample.timedOut ? 'timed out' : (t.count?.(r.stdout, r.stderr) ?? '?'));
      if (t.once) samples.get(t.name)!.push(r.sample);
    }
    for (let i = 0; i < runs; i++) for (const t of runnable) if (!t.once) samples.get(t.name)!.push(run(t, preload, false).sample);

    const base = samples.get(tools[0].name)!;
    const baseMs = medianOf(base, 'ms')!;
    const baseCpu = medianOf(base, 'cpuMs');
    const baseRss = medianOf(base, 'rssMb');
    const real = !/generated|dense/.test(corpus.name);
    const limit = real ? TARGETS.realRatio : TARGETS.generatedRatio;
    out.push(
      '',
      `### ${corpus.name}: ${files.length} file${files.length === 1 ? '' : 's'}, ${(bytes / 1e6).toFixed(1)} MB (load ${uptime()})`,
      '',
      '| tool | wall ms | vs parse | CPU ms | vs parse | peak RSS MB | vs parse | objects checked |',
      '|---|---|---|---|---|---|---|---|',
    );
    const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? `${(a / b).toFixed(2)}x` : 'n/a');
    for (const t of tools) {
      if (t.missing) {
        out.push(`| ${t.name} | ${t.missing} | | | | | | |`);
        continue;
      }
      const s = samples.get(t.name)!;
      if (s.some((x) => x.timedOut)) {
        out.push(`| ${t.name} | > ${Number(values['checkov-timeout'])} s (timed out) | | | | | | ${counts.get(t.name)} |`);
        continue;
      }
      const ms = medianOf(s, 'ms')!;
      const cpu = medianOf(s, 'cpuMs');
      const rss = medianOf(s, 'rssMb');
      out.push(`| ${t.name} | ${ms.toFixed(0)} | ${ratio(ms, baseMs)} | ${cpu?.toFixed(0) ?? 'n/a'} | ${ratio(cpu, baseCpu)} | ${rss?.toFixed(0) ?? 'n/a'} | ${ratio(rss, baseRss)} | ${counts.get(t.name)} |`);
    }
    const ks = tools.find((t) => t.name.startsWith('kube-score') && !t.missing);
    const ksMs = ks ? medianOf(samples.get(ks.name)!, 'ms') : undefined;
    for (const t of tools.filter((x) => x.kind === 'wharf')) {
      const s = samples.get(t.name)!;
      const ms = medianOf(s, 'ms')!;
      const rss = medianOf(s, 'rssMb');
      const ok = (b: boolean) => (b ? 'met' : 'MISSED');
      const checks = [`wall <= ${limit}x parse: ${ok(ms / baseMs <= limit)} (${(ms / baseMs).toFixed(2)}x)`];
      if (rss !== undefined && baseRss) checks.push(`RSS <= ${TARGETS.rssRatio}x parse: ${ok(rss / baseRss <= TARGETS.rssRatio)} (${(rss / baseRss).toFixed(2)}x)`);
      if (ksMs !== undefined) checks.push(`faster than kube-score: ${ms < ksMs ? 'yes' : 'no'} (${(ms / ksMs).toFixed(2)}x its wall time)`);
      out.push(`- ${t.name}: ${checks.join('; ')}`);
    }
    if (values.profile && fs.statSync(corpus.path).isFile()) {
      out.push('', `profile of wharf lint --format json --jobs 1 on ${corpus.name} (node --cpu-prof):`, '```', profileNode([cli, 'lint', ...files, '--format', 'json', '--max-file-size', '512', ...(jobsSupported ? ['--jobs', '1'] : [])], 20).trimEnd(), '```');
    }
    process.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  }
  process.stdout.write(`\nload average at end ${uptime()}\n`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e: unknown) => fail((e as Error).stack ?? String(e)));
