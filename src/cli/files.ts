// Which files `wharf lint` reads: the paths given, with directories walked for YAML.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const STDIN = '-';

export class UsageError extends Error {}

export interface Collected {
  /** Sorted, de-duplicated; `-` stays as stdin. */
  files: string[];
  /** Directories given that hold no YAML: worth a note, since a typo'd directory would otherwise pass silently. */
  empty: string[];
}

/**
 * Expands paths into YAML files. Walking skips node_modules and every dot-entry (.git, .github, .terraform, the
 * .wharf.yaml config itself): they hold other tools' YAML, not manifests. A path named explicitly is always read,
 * dotted or not, whatever its extension.
 */
export function collectFiles(paths: readonly string[]): Collected {
  const out = new Map<string, string>();
  const empty: string[] = [];
  for (const p of paths) {
    if (p === STDIN) {
      out.set(STDIN, STDIN);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      const before = out.size;
      walk(p, out);
      if (out.size === before) empty.push(p);
    } else add(out, p);
  }
  // Code-unit order, not locale order: the same on every machine and in every CI.
  const files = [...out.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { files, empty };
}

/** `a.yaml`, `./a.yaml` and `/abs/a.yaml` are one file: keyed by absolute path, kept as the user spelled it. */
function add(out: Map<string, string>, p: string): void {
  const abs = path.resolve(p);
  if (!out.has(abs)) out.set(abs, path.normalize(p));
}

const key = (p: string) => p.split(path.sep).join('/');

function walk(dir: string, out: Map<string, string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new UsageError(`${dir}: cannot read the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.ya?ml$/i.test(e.name) && (e.isFile() || (e.isSymbolicLink() && isFile(p)))) add(out, p);
  }
}

/** Symlinked files are followed; symlinked directories are not, so a link cycle can't loop the walk. */
function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export function readStdin(): string {
  try {
    return fs.readFileSync(0, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read standard input (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
