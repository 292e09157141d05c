// One lint run over many files: every file joins one workspace first, so cross-document rules (an HPA and its
// target in another file) see all the paths given, then each file is linted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, parseConfig, resolveConfig, type ConfigInput, type ResolvedConfig } from '../lint/config';
import { lintFile } from '../lint/engine';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules } from '../lint/rules';
import { oversizeSource, parseSource, type SourceFile } from '../lint/source';
import type { Finding } from '../lint/types';
import { Workspace } from '../lint/workspace';
import { readStdin, STDIN, UsageError } from './files';
import { lintInWorkers, PARALLEL_MIN_BYTES, type ParallelOptions } from './parallel';

export const STDIN_NAME = '<stdin>';

export class ConfigError extends Error {
  constructor(readonly problems: Finding[]) {
    super('configuration error');
  }
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Problems that don't stop the run (a version written as a number): printed, then linting goes on. */
  warnings: Finding[];
}

/**
 * Reads --config, else .wharf.yaml in the current directory: the CLI's workspace root is where it runs, as for
 * ESLint's flat config. Any error-level problem stops the run (exit 2): a typo'd rule id must not pass CI silently.
 */
export function loadConfig(configPath: string | undefined, k8sVersion: string | undefined): LoadedConfig {
  const file = configPath ?? (fs.existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  let input: ConfigInput | undefined;
  let warnings: Finding[] = [];
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`${file}: cannot read the configuration file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const parsed = parseConfig(file, text, [...allRules.map((r) => r.meta), ...ENGINE_RULES]);
    if (parsed.problems.some((p) => p.severity === 'error')) throw new ConfigError(parsed.problems);
    input = parsed.config;
    warnings = parsed.problems;
  }
  return { config: resolveConfig(input, k8sVersion ? { kubernetesVersion: k8sVersion } : undefined), warnings };
}

export interface RunResult {
  findings: Finding[];
  /** Text per file name as linted (`<stdin>` for `-`), for SARIF fixes and --fix. */
  texts: Map<string, string>;
  /** Kubernetes objects read from the files (for --stats). */
  objects: number;
}

/** Files over this size are refused with a `file-too-large` finding: ten copies of a large real corpus still fit. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

interface Inputs {
  names: string[];
  /** Contents of the files read. */
  read: Map<string, string>;
  /** Files left unread for their size, as sources holding just that fact. */
  oversize: SourceFile[];
}

/**
 * `texts` supplies contents already read (stdin, or a --fix pass's edits); the rest are read from disk. A file over
 * `maxBytes` is not read at all (its size is checked first) and gets one finding instead of costing the run its
 * memory; its name is absent from the returned texts.
 */
function readInputs(files: readonly string[], texts: ReadonlyMap<string, string>, maxBytes: number): Inputs {
  const inputs: Inputs = { names: [], read: new Map(), oversize: [] };
  for (const f of files) {
    const name = f === STDIN ? STDIN_NAME : f;
    inputs.names.push(name);
    const size = texts.has(name) || f === STDIN ? undefined : fileSize(f);
    if (size !== undefined && size > maxBytes) {
      inputs.oversize.push(oversizeSource(name, size, maxBytes));
      continue;
    }
    const text = texts.get(name) ?? (f === STDIN ? readStdin() : readFile(f));
    // Characters, not bytes: close enough for a limit, and stdin has no size to check before it is read.
    if (text.length > maxBytes) {
      inputs.oversize.push(oversizeSource(name, Buffer.byteLength(text), maxBytes));
      continue;
    }
    inputs.read.set(name, text);
  }
  return inputs;
}

export function lintFiles(files: readonly string[], config: ResolvedConfig, texts: ReadonlyMap<string, string> = new Map(), maxBytes = DEFAULT_MAX_FILE_BYTES): RunResult {
  const { names, read, oversize } = readInputs(files, texts, maxBytes);
  const ws = new Workspace();
  for (const o of oversize) ws.set(o);
  for (const [name, text] of read) ws.set(parseSource(name, text));
  const findings: Finding[] = [];
  let objects = 0;
  for (const name of names) {
    const file = ws.get(name)!;
    objects += file.objects.length;
    findings.push(...lintFile(file, { config, workspace: ws }));
  }
  return { findings: sortForDisplay(findings), texts: read, objects };
}

export interface ParallelRun extends ParallelOptions {
  config: ResolvedConfig;
  /** Worker threads; 1 lints in this thread. */
  jobs: number;
  /** With the default number of jobs, inputs smaller than PARALLEL_MIN_BYTES are linted in this thread. */
  jobsGiven: boolean;
  maxBytes?: number;
}

/** lintFiles, or the same run shared among worker threads when `jobs` and the input's size make that worth it. */
export function lintFilesJobs(files: readonly string[], run: ParallelRun): RunResult | Promise<RunResult> {
  const maxBytes = run.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const inputs = readInputs(files, new Map(), maxBytes);
  const bytes = [...inputs.read.values()].reduce((n, t) => n + t.length, 0);
  if (run.jobs < 2 || (!run.jobsGiven && bytes < PARALLEL_MIN_BYTES) || inputs.read.size === 0) {
    return lintFiles(files, run.config, inputs.read, maxBytes);
  }
  return lintInWorkers(inputs.read, run.jobs, run).then(({ findings, objects }) => {
    const ws = new Workspace();
    for (const o of inputs.oversize) findings.push(...lintFile(o, { config: run.config, workspace: ws }));
    return { findings: sortForDisplay(findings), texts: inputs.read, objects };
  });
}

function fileSize(f: string): number | undefined {
  try {
    return fs.statSync(f).size;
  } catch {
    return undefined; // readFile reports it
  }
}

/** The engine sorts per file; across files, order by the path the reader sees, so output is the same however paths were given. */
function sortForDisplay(findings: Finding[]): Finding[] {
  const keyed = findings.map((f, i) => ({ f, i, file: displayPath(f.file) }));
  keyed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.i - b.i));
  return keyed.map((k) => k.f);
}

function readFile(f: string): string {
  try {
    return fs.readFileSync(f, 'utf8');
  } catch (e) {
    throw new UsageError(`${f}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

// Every finding of a file shares its path: computing it once per file (not per finding) is what keeps formatting
// 50,000 findings cheap. Keyed by the directory it was computed from, so a chdir (tests) starts afresh.
let displayCache = { cwd: '', paths: new Map<string, string>() };

/** Paths as the user sees them: relative to the current directory, forward slashes; outside it, absolute. */
export function displayPath(file: string): string {
  if (file === STDIN_NAME) return file;
  const cwd = process.cwd();
  if (displayCache.cwd !== cwd) displayCache = { cwd, paths: new Map() };
  let shown = displayCache.paths.get(file);
  if (shown === undefined) displayCache.paths.set(file, (shown = computeDisplayPath(file)));
  return shown;
}

function computeDisplayPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) ? path.resolve(file) : rel).split(path.sep).join('/');
}
