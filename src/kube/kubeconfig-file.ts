// Writes a kubeconfig the careful way, for "Write kubeconfig for this cluster": a timestamped backup of the existing
// file first, then the merged text to a temporary file renamed over it (a crash never leaves half a kubeconfig), mode
// 0600 throughout (it names credentials commands and may hold other tools' secrets). A symlinked kubeconfig is
// written through its link.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { backupPath, mergeKubeconfig, type KubeconfigEntries } from './kubeconfig';

export interface WriteResult {
  /** The file written (the link's target when the path was a symlink). */
  file: string;
  /** The copy of the previous file, when there was one. */
  backup?: string;
  created: boolean;
  replaced: boolean;
  hadComments: boolean;
}

export function writeKubeconfigFile(file: string, entries: KubeconfigEntries, opts: { setCurrentContext: boolean; now?: Date }): WriteResult {
  let target = file;
  let existing: string | undefined;
  try {
    target = fs.realpathSync(file);
    existing = fs.readFileSync(target, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  // Merge before touching anything: a file that isn't a kubeconfig is reported, not replaced.
  const merged = mergeKubeconfig(existing, entries, opts);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  let backup: string | undefined;
  if (existing !== undefined) {
    backup = backupPath(target, opts.now ?? new Date());
    fs.copyFileSync(target, backup, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(backup, 0o600);
  }
  const tmp = `${target}.wharf-tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, merged.text, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  fs.chmodSync(target, 0o600);
  return { file: target, backup, created: existing === undefined, replaced: merged.replaced, hadComments: merged.hadComments };
}

/** The absolute path of an executable on PATH (PATHEXT's extensions on Windows), as kubectl would find it. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
