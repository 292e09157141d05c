// Builds the shipped bundles (production) into a staging copy of the manifest files and packages it with vsce's own
// API: the real VSIX, without touching dist/ (other work in the checkout uses dist/). Shared by the bundle test and
// the activation benchmark.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '../..');

export type ShippedBuilds = (o: { production: boolean }) => esbuild.BuildOptions[];

export async function shippedBuilds(): Promise<ShippedBuilds> {
  return ((await import(pathToFileURL(path.join(root, 'esbuild.mjs')).href)) as { shippedBuilds: ShippedBuilds }).shippedBuilds;
}

export interface Staged {
  dir: string;
  /** Bytes of each dist/*.js built, by file name. */
  bundles: Record<string, number>;
  /** Metafile inputs of each bundle, by file name. */
  inputs: Record<string, string[]>;
}

/** A staging folder with package.json, .vscodeignore, README, snippets, media and a production dist/. */
export async function stage(): Promise<Staged> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-vsix-'));
  for (const f of ['package.json', '.vscodeignore', 'README.md', 'LICENSE', 'snippets', 'media']) {
    if (fs.existsSync(path.join(root, f))) fs.cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  }
  const builds = (await shippedBuilds())({ production: true });
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...b, outdir: path.join(dir, 'dist'), metafile: true, logLevel: 'error' })));
  const bundles: Record<string, number> = {};
  const inputs: Record<string, string[]> = {};
  for (const r of results) {
    for (const [file, o] of Object.entries(r.metafile!.outputs)) {
      bundles[path.basename(file)] = o.bytes;
      inputs[path.basename(file)] = Object.keys(o.inputs);
    }
  }
  return { dir, bundles, inputs };
}

/** vsce's file list and the packaged VSIX's size, as `npm run package` makes it (no dependencies, no license prompt). */
export async function pack(dir: string): Promise<{ files: string[]; bytes: number }> {
  const vsce = (await import('@vscode/vsce')) as typeof import('@vscode/vsce');
  const files = (await vsce.listFiles({ cwd: dir, packageManager: vsce.PackageManager.None })).map((f) => f.replace(/\\/g, '/')).sort();
  const out = path.join(os.tmpdir(), `wharf-${process.pid}-${Date.now()}.vsix`);
  // vsce prints the package's file tree; callers print what matters.
  const log = console.log;
  console.log = () => undefined;
  try {
    await vsce.createVSIX({ cwd: dir, packagePath: out, dependencies: false, skipLicense: true, allowMissingRepository: true });
  } finally {
    console.log = log;
  }
  const bytes = fs.statSync(out).size;
  fs.rmSync(out, { force: true });
  return { files, bytes };
}
