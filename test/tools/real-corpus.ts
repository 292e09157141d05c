// Assembles the benchmark's corpus of real public manifests from module zips the Go module proxy serves: ingress
// controller deploy files and examples, the Prometheus operator's CRDs and examples, cert-manager's CRDs, Karpenter's
// CRDs and examples, Istio's samples (Grafana dashboards in ConfigMaps) and CRDs. Third-party files are never
// committed: the modules land in ${WHARF_CACHE:-~/.cache/wharf}/gomod and the corpus in .../bench/real/.
// Writes real/files/<module>/<path> (the files, for runs over many files), real/real.yaml (them concatenated, for
// runs over one large file), real/real-x<N>.yaml (N copies), real/real-kube-score.yaml (without the files that make
// kube-score give up the whole run, so it has something to check) and real/SOURCES.txt (module versions, counts).
// Usage: npx tsx test/tools/real-corpus.ts [--copies 3]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

interface Source {
  module: string;
  /** A version this machine's Go (1.26.8, GOTOOLCHAIN=local) accepts: newer Karpenter modules ask for a newer Go. */
  version: string;
  /** Directories inside the module whose YAML is taken. */
  dirs: string[];
  /** Paths (relative to the module) left out: a second copy of the same CRDs with longer descriptions. */
  skip?: RegExp;
}

// The proxy here serves only some versions: tags such as ingress-nginx's controller-v1.x or Istio's 1.x are refused
// (403), so those two are the pseudo-versions `@latest` resolves to.
export const SOURCES: Source[] = [
  { module: 'k8s.io/ingress-nginx', version: 'v0.0.0-20240708192948-52c50467d67d', dirs: ['deploy', 'docs/examples'] },
  { module: 'github.com/prometheus-operator/prometheus-operator', version: 'v0.85.0', dirs: ['example'], skip: /^example\/prometheus-operator-crd-full\// },
  { module: 'github.com/cert-manager/cert-manager', version: 'v1.21.2', dirs: ['deploy/crds', 'deploy/manifests'] },
  { module: 'sigs.k8s.io/karpenter', version: 'v1.14.0', dirs: ['pkg/apis/crds'] },
  { module: 'github.com/aws/karpenter-provider-aws', version: 'v1.14.1', dirs: ['pkg/apis/crds', 'examples'] },
  { module: 'istio.io/istio', version: 'v0.0.0-20260827124520-eed52ebb66ad', dirs: ['samples', 'manifests/charts/base/files'] },
];

/** Files kube-score cannot decode (an env `value: true`); with one in its input it checks nothing at all. */
const KUBE_SCORE_UNDECODABLE = ['docs/examples/auth/oauth-external-auth/vouch-proxy.yaml'];

// Chart templates and other Go-templated YAML are not manifests until rendered; a file needs a top-level apiVersion
// and kind to be one.
const TEMPLATED = /(?:^[ \t]*|:[ \t]+|-[ \t]+)\{\{/m;
const IS_MANIFEST = (text: string) => /^apiVersion:/m.test(text) && /^kind:/m.test(text);

export function cacheDir(): string {
  return process.env.WHARF_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'wharf');
}

/** `go mod download` into the cache's own module cache; returns the module's extracted directory. */
function download(src: Source, modcache: string): string {
  const env = { ...process.env, GOMODCACHE: modcache, GOFLAGS: '-modcacherw', GOTOOLCHAIN: 'local', GO111MODULE: 'on' };
  let out: string;
  try {
    out = execFileSync('go', ['mod', 'download', '-json', `${src.module}@${src.version}`], { env, encoding: 'utf8', cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`go mod download ${src.module}@${src.version} failed: ${(err.stdout || err.stderr || err.message).trim()}`);
  }
  const info = JSON.parse(out) as { Dir?: string; Error?: string };
  if (!info.Dir || info.Error) throw new Error(`${src.module}@${src.version}: ${info.Error ?? 'no directory'}`);
  return info.Dir;
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'templates' && !e.name.startsWith('.')) out.push(...yamlFiles(p));
    } else if (/\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

function main(): void {
  const { values } = parseArgs({ options: { copies: { type: 'string', default: '3' } } });
  const copies = Math.max(1, Number(values.copies));
  const cache = cacheDir();
  const modcache = path.join(cache, 'gomod');
  const outDir = path.join(cache, 'bench', 'real');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'files'), { recursive: true });
  const parts: string[] = [];
  const decodable: string[] = [];
  const sources: string[] = [];
  for (const src of SOURCES) {
    const dir = download(src, modcache);
    let n = 0;
    let bytes = 0;
    for (const sub of src.dirs) {
      for (const file of yamlFiles(path.join(dir, sub))) {
        const rel = path.relative(dir, file);
        if (src.skip?.test(rel)) continue;
        const text = fs.readFileSync(file, 'utf8');
        if (!IS_MANIFEST(text) || TEMPLATED.test(text)) continue;
        const dest = path.join(outDir, 'files', src.module.replace(/\//g, '_'), rel);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, text);
        // Each file starts a document of its own, whatever its first and last lines are.
        const part = `---\n# ${src.module}/${rel}\n${text.replace(/\n?(\.\.\.\s*)?$/, '\n')}`;
        parts.push(part);
        if (!KUBE_SCORE_UNDECODABLE.includes(rel)) decodable.push(part);
        n++;
        bytes += text.length;
      }
    }
    sources.push(`${src.module}@${src.version}: ${n} files, ${(bytes / 1e6).toFixed(2)} MB (${src.dirs.join(', ')})`);
  }
  const once = parts.join('');
  fs.writeFileSync(path.join(outDir, 'real.yaml'), once);
  fs.writeFileSync(path.join(outDir, `real-x${copies}.yaml`), once.repeat(copies));
  fs.writeFileSync(path.join(outDir, 'real-kube-score.yaml'), decodable.join(''));
  const summary = `${parts.length} files, ${(once.length / 1e6).toFixed(1)} MB; ${copies} copies ${((once.length * copies) / 1e6).toFixed(1)} MB\n${sources.join('\n')}\n`;
  fs.writeFileSync(path.join(outDir, 'SOURCES.txt'), summary);
  process.stdout.write(`${outDir}: ${summary}`);
}

if (require.main === module) main();
