// require() with V8's code cache, for the bundles a short-lived CLI process loads every time (kubectl runs `wharf token`
// whenever its token expires). Node 20 has no module compile cache (22's module.enableCompileCache), so this keeps
// V8's cached data per bundle in a private folder, ~/.cache/wharf/v8 (XDG_CACHE_HOME honoured), mode 0700: V8 checks
// the data against the source, but only its owner may write it. The first run compiles as usual and writes the cache
// when the process exits; later runs skip most parsing and compiling. Any problem falls back to a plain require().
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

export function requireWithCodeCache(file: string, version: string, env: NodeJS.ProcessEnv = process.env): unknown {
  const plain = () => Module.createRequire(file)(file);
  if (env.WHARF_NO_CODE_CACHE) return plain();
  let dir: string;
  let cacheFile: string;
  let source: string;
  let cachedData: Buffer | undefined;
  try {
    const stat = fs.statSync(file);
    dir = path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'wharf', 'v8');
    // The key changes with the bundle, Wharf's version and Node's (V8 rejects data from another V8 anyway).
    cacheFile = path.join(dir, `${path.basename(file, '.js')}-${version}-${process.version}-${stat.size}-${Math.trunc(stat.mtimeMs)}.bin`);
    source = fs.readFileSync(file, 'utf8');
    // A script compiled here can't run import() without Node's experimental loader hook (and its warning on stderr);
    // esbuild.mjs turns the CLI's import() into require(), and anything else is loaded the plain way.
    if (/\bimport\(/.test(source)) return plain();
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  } catch {
    return plain();
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = { exports: {} as unknown, filename: file, loaded: false };
  const fn = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  if (!cachedData || script.cachedDataRejected) {
    // At exit, so the data holds the functions this run compiled lazily too (the credential chain, the signer).
    process.once('exit', () => writeCache(dir, cacheFile, script));
  }
  return mod.exports;
}

function writeCache(dir: string, cacheFile: string, script: vm.Script): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(tmp, cacheFile);
    // Data for earlier versions of this bundle is never read again.
    const prefix = `${path.basename(cacheFile).split('-').slice(0, -4).join('-')}-`;
    for (const f of fs.readdirSync(dir)) if (f.startsWith(prefix) && f.endsWith('.bin') && path.join(dir, f) !== cacheFile) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    // A cache is an optimisation: a read-only home or a full disk only makes the next run compile again.
  }
}
