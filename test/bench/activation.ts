// activation: what activating Wharf costs, on the shipped (production) bundles built into a staging folder:
//   - require() of dist/extension.js and its activate(), each in a fresh Node process, with a minimal `vscode` stub (a
//     Proxy that answers every API call with a disposable; the explorer shim's createTreeView included). This is Node,
//     not VS Code's extension host: it measures Wharf's own code (parse, compile, run), which is what a bundle decides;
//     the host adds its own fixed overhead. The e2e suite reads the same activate() figure from inside code-server
//     (the extension's exports: `activationMs`).
//   - the lazily loaded entries' require() time (editor.js when YAML needs linting, explorer.js on first tree use);
//   - bundle sizes and the VSIX size (vsce, as `npm run package` makes it).
// Usage: tsx test/bench/activation.ts [--runs 21]
// Targets (issue 6): activate() <= 30 ms, activation bundle <= 150 KB, VSIX <= 5 MB.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { pack, stage } from './vsix';

const TARGET_ACTIVATE_MS = 30;
const TARGET_BUNDLE_KB = 150;
const TARGET_VSIX_MB = 5;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' } } });
const runs = Number(values.runs);

// Runs in the child: install the stub as `vscode`, then time require + activate (or require of an entry).
const CHILD = String.raw`
const Module = require('module');
const handler = {
  get(t, p) {
    if (p === 'then' || p === Symbol.iterator) return undefined;
    if (p === Symbol.toPrimitive) return () => '';
    if (p === 'dispose') return () => undefined;
    return make();
  },
  apply() { return make(); },
  construct() { return make(); },
};
function make() { return new Proxy(function () {}, handler); }
// Own properties, since a bundle copies the module's own keys (esbuild's import * as); every other member is a Proxy.
const vscode = {};
for (const k of ['window', 'commands', 'languages', 'env', 'extensions', 'Uri', 'EventEmitter', 'Disposable', 'TreeItem', 'ThemeIcon', 'ThemeColor',
  'MarkdownString', 'Range', 'Position', 'Selection', 'StatusBarAlignment', 'TreeItemCollapsibleState', 'CodeActionKind', 'CodeAction',
  'Diagnostic', 'DiagnosticSeverity', 'DiagnosticTag', 'WorkspaceEdit', 'Hover', 'ProgressLocation', 'ViewColumn', 'RelativePattern', 'l10n']) vscode[k] = make();
vscode.workspace = new Proxy({ textDocuments: [], workspaceFolders: [], getConfiguration: () => ({ get: (_k, d) => d, has: () => false }) }, { get: (t, p) => (p in t ? t[p] : make()) });
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const [file, mode] = process.argv.slice(1);
const t0 = performance.now();
const m = require(file);
const t1 = performance.now();
let activateMs = 0;
if (mode === 'activate') {
  const context = { subscriptions: [], extensionPath: '/x', extensionUri: make(), globalState: make(), workspaceState: make(), secrets: make(), globalStorageUri: make(), logUri: make() };
  const api = m.activate(context);
  activateMs = performance.now() - t1;
  if (typeof api?.activationMs !== 'number') throw new Error('activate() returned no activationMs');
}
process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs }));
`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function sample(file: string, mode: 'activate' | 'require'): { requireMs: number; activateMs: number } {
  const r = spawnSync(process.execPath, ['-e', CHILD, file, mode], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(file)}: ${r.stderr.slice(0, 600)}`);
  return JSON.parse(r.stdout) as { requireMs: number; activateMs: number };
}

async function main(): Promise<void> {
  const staged = await stage();
  const dist = path.join(staged.dir, 'dist');
  // An empty module: the cost of require() itself in a fresh process, which every extension pays.
  fs.writeFileSync(path.join(dist, 'empty.js'), '');
  const targets: [string, 'activate' | 'require'][] = [['empty.js', 'require'], ['extension.js', 'activate'], ['editor.js', 'require'], ['explorer.js', 'require']];
  for (const [f, mode] of targets) sample(path.join(dist, f), mode); // warm the page cache
  const got = new Map<string, { requireMs: number; activateMs: number }[]>(targets.map(([f]) => [f, []]));
  for (let i = 0; i < runs; i++) for (const [f, mode] of targets) got.get(f)!.push(sample(path.join(dist, f), mode));
  const { files, bytes } = await pack(staged.dir);
  fs.rmSync(staged.dir, { recursive: true, force: true });

  const ext = got.get('extension.js')!;
  const req = median(ext.map((s) => s.requireMs));
  const act = median(ext.map((s) => s.activateMs));
  console.log(`\n[activation] Node ${process.version} with a vscode stub, ${runs} fresh processes, medians (${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)})`);
  console.log(`  dist/extension.js: require ${req.toFixed(1)} ms + activate() ${act.toFixed(1)} ms = ${(req + act).toFixed(1)} ms (target <= ${TARGET_ACTIVATE_MS} ms: ${req + act <= TARGET_ACTIVATE_MS ? 'met' : 'NOT met'})`);
  console.log(`  (require of an empty module: ${median(got.get('empty.js')!.map((s) => s.requireMs)).toFixed(1)} ms, the fixed cost in that figure)`);
  for (const f of ['editor.js', 'explorer.js']) console.log(`  dist/${f}: require ${median(got.get(f)!.map((s) => s.requireMs)).toFixed(1)} ms (loaded on first use, not at activation)`);
  console.log('\n[activation] bundles (production, minified):');
  for (const [f, b] of Object.entries(staged.bundles).filter(([f]) => f.endsWith('.js')).sort()) console.log(`  ${f.padEnd(20)} ${(b / 1024).toFixed(1).padStart(8)} KB`);
  const extKb = staged.bundles['extension.js'] / 1024;
  console.log(`  activation bundle ${extKb.toFixed(1)} KB (target <= ${TARGET_BUNDLE_KB} KB: ${extKb <= TARGET_BUNDLE_KB ? 'met' : 'NOT met'})`);
  const mb = bytes / 1024 / 1024;
  console.log(`  VSIX ${mb.toFixed(2)} MB, ${files.length} files (target <= ${TARGET_VSIX_MB} MB: ${mb <= TARGET_VSIX_MB ? 'met' : 'NOT met'})`);
  process.exitCode = req + act <= TARGET_ACTIVATE_MS && extKb <= TARGET_BUNDLE_KB && mb <= TARGET_VSIX_MB ? 0 : 1;
}

void main();
