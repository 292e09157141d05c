// Which files `wharf lint` reads: the paths given, with directories walked for YAML.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git']);
export const STDIN = '-';

export class UsageError extends Error {}

/** Expands paths into a sorted, de-duplicated list of YAML files; `-` stays as stdin. */
export function collectFiles(paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    if (p === STDIN) {
      out.add(STDIN);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(p, out);
    else out.add(path.normalize(p));
  }
  return [...out].sort();
}

function walk(dir: string, out: Set<string>): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out);
    } else if (e.isFile() && /\.ya?ml$/i.test(e.name)) {
      out.add(path.normalize(p));
    }
  }
}

export function readStdin(): string {
  return fs.readFileSync(0, 'utf8');
}
