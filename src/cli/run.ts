// One lint run over many files: every file joins one workspace first, so cross-document rules (an HPA and its
// target in another file) see all the paths given, then each file is linted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, parseConfig, resolveConfig, type ConfigInput, type ResolvedConfig } from '../lint/config';
import { lintFile } from '../lint/engine';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules } from '../lint/rules';
import { oversizeSource, parseSource } from '../lint/source';
import type { Finding } from '../lint/types';
import { Workspace } from '../lint/workspace';
import { readStdin, STDIN, UsageError } from './files';

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
}

/** Files over this size are refused with a `file-too-large` finding: ten copies of a large real corpus still fit. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * `texts` supplies contents already read (stdin, or a --fix pass's edits); the rest are read from disk. A file over
 * `maxBytes` is not read at all (its size is checked first) and gets one finding instead of costing the run its
 * memory; its name is absent from the returned texts.
 */
export function lintFiles(files: readonly string[], config: ResolvedConfig, texts: ReadonlyMap<string, string> = new Map(), maxBytes = DEFAULT_MAX_FILE_BYTES): RunResult {
  const ws = new Workspace();
  const read = new Map<string, string>();
  const names: string[] = [];
  for (const f of files) {
    const name = f === STDIN ? STDIN_NAME : f;
    names.push(name);
    const size = texts.has(name) || f === STDIN ? undefined : fileSize(f);
    if (size !== undefined && size > maxBytes) {
      ws.set(oversizeSource(name, size, maxBytes));
      continue;
    }
    const text = texts.get(name) ?? (f === STDIN ? readStdin() : readFile(f));
    // Characters, not bytes: close enough for a limit, and stdin has no size to check before it is read.
    if (text.length > maxBytes) {
      ws.set(oversizeSource(name, Buffer.byteLength(text), maxBytes));
      continue;
    }
    read.set(name, text);
    ws.set(parseSource(name, text));
  }
  const findings: Finding[] = [];
  for (const name of names) findings.push(...lintFile(ws.get(name)!, { config, workspace: ws }));
  return { findings: sortForDisplay(findings), texts: read };
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

/** Paths as the user sees them: relative to the current directory, forward slashes; outside it, absolute. */
export function displayPath(file: string): string {
  if (file === STDIN_NAME) return file;
  const rel = path.relative(process.cwd(), path.resolve(file));
  return (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) ? path.resolve(file) : rel).split(path.sep).join('/');
}
