// Feature entries that activation must not parse: each is its own esbuild bundle in dist/ (see esbuild.mjs),
// required on first use. The path is computed so that esbuild leaves the require alone instead of inlining it.
import * as path from 'node:path';

export type EntryName = 'editor' | 'explorer';

const loaded = new Map<EntryName, unknown>();

export function loadEntry<T>(name: EntryName): T {
  let m = loaded.get(name);
  if (!m) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    m = require(path.join(__dirname, `${name}.js`));
    loaded.set(name, m);
  }
  return m as T;
}
