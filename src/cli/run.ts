// One lint run over many files: every file joins one workspace first, so cross-document rules (an HPA and its
// target in another file) see all the paths given, then each file is linted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, parseConfig, resolveConfig, type ConfigInput, type ResolvedConfig } from '../lint/config';
import { lintFile } from '../lint/engine';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules } from '../lint/rules';
import { parseSource } from '../lint/source';
import type { Finding } from '../lint/types';
import { Workspace } from '../lint/workspace';
import { readStdin, STDIN, UsageError } from './files';

export const STDIN_NAME = '<stdin>';

export class ConfigError extends Error {
  constructor(readonly problems: Finding[]) {
    super('configuration error');
  }
}

/** Reads --config, else .wharf.yaml in the current directory; config problems stop the run (exit 2). */
export function loadConfig(configPath: string | undefined, k8sVersion: string | undefined): ResolvedConfig {
  const file = configPath ?? (fs.existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  let input: ConfigInput | undefined;
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`${file}: cannot read the configuration file`);
    }
    const parsed = parseConfig(file, text, [...allRules.map((r) => r.meta), ...ENGINE_RULES]);
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new ConfigError(parsed.problems);
    input = parsed.config;
  }
  return resolveConfig(input, k8sVersion ? { kubernetesVersion: k8sVersion } : undefined);
}

export interface RunResult {
  findings: Finding[];
  texts: Map<string, string>;
}

export function lintFiles(files: readonly string[], config: ResolvedConfig, read: (f: string) => string = readFile): RunResult {
  const ws = new Workspace();
  const texts = new Map<string, string>();
  for (const f of files) {
    const name = f === STDIN ? STDIN_NAME : f;
    const text = f === STDIN ? readStdin() : read(f);
    texts.set(name, text);
    ws.set(parseSource(name, text));
  }
  const findings: Finding[] = [];
  for (const name of texts.keys()) findings.push(...lintFile(ws.get(name)!, { config, workspace: ws }));
  return { findings, texts };
}

function readFile(f: string): string {
  try {
    return fs.readFileSync(f, 'utf8');
  } catch (e) {
    throw new UsageError(`${f}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`);
  }
}

/** Paths as the user sees them: relative to the current directory, forward slashes. */
export function displayPath(file: string): string {
  if (file === STDIN_NAME) return file;
  const rel = path.relative(process.cwd(), path.resolve(file));
  return (rel.startsWith('..') ? path.resolve(file) : rel).split(path.sep).join('/');
}
