// `wharf` command line: `wharf lint` and `wharf rules`. Returns the exit code; src/cli.ts sets it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from '../lint/config';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules, docsUrl } from '../lint/rules';
import type { Finding } from '../lint/types';
import { parseVersion } from '../lint/version';
import { collectFiles, STDIN, UsageError } from './files';
import { fixAll } from './fix';
import { writeJson } from './format-json';
import { writeSarif } from './format-sarif';
import { formatText } from './format-text';
import { runLintWorker, type WorkerInput } from './lint-worker';
import { ConfigError, DEFAULT_MAX_FILE_BYTES, displayPath, lintFilesJobs, loadConfig, type RunResult } from './run';

declare const WHARF_VERSION: string | undefined;

export const USAGE = `Usage:
  wharf lint [paths | dirs | -] [options]   check Kubernetes YAML against EKS best practices
  wharf rules [--format text|json]          list the rules
  wharf token --cluster-name NAME ...       print an EKS token for kubectl (see wharf token --help)
  wharf scan --cluster-name NAME ...        lint a live EKS cluster's objects (see wharf scan --help)

Options for lint:
  --format text|json|sarif   output format (default: text)
  --config FILE              configuration file (default: .wharf.yaml in the current directory)
  --k8s-version X.Y          target Kubernetes version (overrides the configuration)
  --max-warnings N           exit 1 when there are more than N warnings (default: no limit)
  --fix                      apply safe fixes in place, then report what remains (not with -)
  --max-file-size MB         refuse files larger than this, with a file-too-large error (default: 64)
  --jobs N                   share the run among N worker threads (default: 1)
  --stats                    print how many files and objects were linted, and how long it took, to stderr
  -h, --help                 show this help
  -v, --version              print the version

Directories are walked for *.yaml and *.yml, skipping node_modules and dot-directories; "-" reads stdin.
Paths in the output are relative to the current directory, which is also where .wharf.yaml is looked for.
Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage, configuration or I/O error.
`;

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** Colour the text output. */
  color: boolean;
}

/** Colour only for a person: stdout is a terminal and NO_COLOR (no-color.org) is unset; FORCE_COLOR forces it. */
export function wantsColor(isTty: boolean, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return isTty;
}

const defaultIo = (): Io => ({
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  color: wantsColor(Boolean(process.stdout.isTTY), process.env),
});

export function version(): string {
  if (typeof WHARF_VERSION === 'string') return WHARF_VERSION; // the bundle: set by esbuild.mjs
  try {
    // Run from source (tsx): the repository's package.json, two levels up from src/cli/.
    return (JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0-dev';
  }
}

/** The exit code; a Promise of it when the run uses worker threads (src/cli.ts waits for either). */
export function main(argv: readonly string[], io: Io = defaultIo()): number | Promise<number> {
  try {
    const code = run(argv, io);
    return typeof code === 'number' ? code : code.catch((e: unknown) => failed(e, io));
  } catch (e) {
    return failed(e, io);
  }
}

function failed(e: unknown, io: Io): number {
  if (e instanceof UsageError) {
    io.err(`wharf: ${e.message}\n`);
    return 2;
  }
  if (e instanceof ConfigError) {
    for (const p of e.problems) io.err(problemLine(p));
    return 2;
  }
  throw e;
}

const problemLine = (p: Finding) => `${displayPath(p.file)}:${p.location.line}:${p.location.column}: ${p.severity}: ${p.message}\n`;

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        config: { type: 'string' },
        'k8s-version': { type: 'string' },
        'max-warnings': { type: 'string' },
        fix: { type: 'boolean', default: false },
        'max-file-size': { type: 'string' },
        jobs: { type: 'string' },
        stats: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${USAGE}`);
  }
}

function run(argv: readonly string[], io: Io): number | Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.version) {
    io.out(`${version()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (!command) throw new UsageError(`a command is required\n\n${USAGE}`);
  if (command === 'rules') return listRules(values.format ?? 'text', rest, io);
  if (command !== 'lint') throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);

  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const k8s = values['k8s-version'];
  if (k8s !== undefined && !parseVersion(k8s)) throw new UsageError(`--k8s-version must look like 1.31, not "${k8s}"`);
  const mw = values['max-warnings'];
  if (mw !== undefined && !/^\d+$/.test(mw)) throw new UsageError(`--max-warnings takes a whole number >= 0, not "${mw}"`);
  const maxWarnings = mw === undefined ? Infinity : Number(mw);
  const mfs = values['max-file-size'];
  if (mfs !== undefined && !(/^\d+(\.\d+)?$/.test(mfs) && Number(mfs) > 0)) throw new UsageError(`--max-file-size takes a size in MB greater than 0, not "${mfs}"`);
  const maxBytes = mfs === undefined ? DEFAULT_MAX_FILE_BYTES : Math.floor(Number(mfs) * 1024 * 1024);
  const jobsArg = values.jobs;
  if (jobsArg !== undefined && !(/^\d+$/.test(jobsArg) && Number(jobsArg) > 0)) throw new UsageError(`--jobs takes a whole number greater than 0, not "${jobsArg}"`);
  if (rest.length === 0) throw new UsageError(`no paths given (use "." for the current directory, "-" for stdin)\n\n${USAGE}`);
  // Decision: --fix with stdin is a usage error rather than printing the fixed text, so stdout always holds
  // findings in the chosen format and a pipeline can't mistake one for the other.
  if (values.fix && rest.includes(STDIN)) throw new UsageError('--fix rewrites files in place and cannot be used with stdin (-)');

  const { config, warnings } = loadConfig(values.config, k8s);
  for (const w of warnings) io.err(problemLine(w));
  const { files, empty } = collectFiles(rest);
  for (const dir of empty) io.err(`wharf: ${dir}: no *.yaml or *.yml files found\n`);
  const started = process.hrtime.bigint();
  // --fix lints again after each pass, in this thread: fixes are rare and their edits live in this thread's parse.
  // Decision: one thread unless asked. Measured on a shared 2-core machine, two workers cost 40% more CPU and up to
  // 2.3x a bare parse's memory without finishing sooner; the figures and the case for more cores are in the README.
  const result = lintFilesJobs(files, {
    config,
    configPath: values.config,
    k8sVersion: k8s,
    jobs: values.fix || jobsArg === undefined ? 1 : Number(jobsArg),
    jobsGiven: jobsArg !== undefined,
    maxBytes,
    fixEdits: format === 'sarif',
  });
  const finish = (r: RunResult): number => {
    if (values.stats) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      io.err(`wharf: linted ${r.objects} object${r.objects === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}, ${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}, ${ms.toFixed(0)} ms\n`);
    }
    return report(r, files, config, maxBytes, format, maxWarnings, values.fix, io);
  };
  return result instanceof Promise ? result.then(finish) : finish(result);
}

function report(result: RunResult, files: string[], config: ResolvedConfig, maxBytes: number, format: string, maxWarnings: number, fix: boolean, io: Io): number {
  let { findings, texts } = result;
  if (fix) {
    const outcome = fixAll(files, texts, config, findings, maxBytes);
    for (const [file, text] of outcome.changed) {
      try {
        fs.writeFileSync(file, text);
      } catch (e) {
        throw new UsageError(`${file}: cannot write the fixed file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      const counts = [...(outcome.applied.get(file) ?? new Map<string, number>())];
      const total = counts.reduce((n, [, k]) => n + k, 0);
      const ids = counts.map(([id, n]) => (n > 1 ? `${id} x${n}` : id)).join(', ');
      io.err(`fixed ${total} problem${total === 1 ? '' : 's'} in ${displayPath(file)}: ${ids}\n`);
    }
    for (const file of outcome.rejected) io.err(`wharf: ${displayPath(file)}: fixes left unapplied, the result would not parse (please report this)\n`);
    ({ findings, texts } = outcome);
  }

  render(format, findings, texts, io);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warningCount = findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (warningCount > maxWarnings) {
    io.err(`wharf: ${warningCount} warnings exceed --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function render(format: string, findings: Finding[], texts: Map<string, string>, io: Io): void {
  if (format === 'json') writeJson(findings, io.out);
  else if (format === 'sarif') writeSarif(findings, version(), texts, io.out);
  else io.out(formatText(findings, io.color));
}

function listRules(format: string, rest: readonly string[], io: Io): number {
  if (rest.length) throw new UsageError(`"wharf rules" takes no paths\n\n${USAGE}`);
  if (format !== 'text' && format !== 'json') throw new UsageError(`wharf rules --format must be text or json, not "${format}"`);
  const metas = [...allRules.map((r) => r.meta), ...ENGINE_RULES];
  if (format === 'json') {
    io.out(JSON.stringify(metas.map((m) => ({ ...m, docs: docsUrl(m.id) })), null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...metas.map((m) => m.id.length));
  for (const m of metas) io.out(`${m.id.padEnd(w)}  ${m.category.padEnd(11)}  ${m.defaultSeverity.padEnd(7)}  ${m.description}\n`);
  return 0;
}

// This module is also the code of `--jobs` worker threads (parallel.ts starts this bundle, or this file from source).
if (!isMainThread && (workerData as Partial<WorkerInput> | undefined)?.wharfLint) runLintWorker();
