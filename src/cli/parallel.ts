// `wharf lint --jobs N`: the run's files (and a large file's documents, in contiguous runs) shared among N worker
// threads. Parsing one share needs nothing from another; cross-document rules do, so:
//   1. each worker parses its share and sends its objects' data (not their syntax trees) here;
//   2. each gets every other worker's objects as stand-ins and lints its share as if it held the whole workspace;
//   3. related locations in another worker's objects are asked of that worker, which has their source.
// The findings, sorted as one run sorts them, are byte for byte those of --jobs 1 (test/unit/cli/parallel.test.ts).
// Since the block reader made parsing cheap, this pays only where the rules' work is large beside the cost of a
// second engine and of handing every object between threads: on 2 cores it is slower (see README, Speed).
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sortFindings } from '../lint/engine';
import type { Finding } from '../lint/types';
import type { FromWorker, SharedObject, ToWorker, Unit, WorkerInput } from './lint-worker';

declare const WHARF_VERSION: string | undefined;

/** Below this much input, starting workers (each loads the engine) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

// A document starts at a `---` line; a line that starts with `---` is a marker wherever it stands (YAML 1.2
// c-forbidden), so the text between two of them is whole documents.
const DOC_START = /^---(?=[ \t\r]|$)/gm;

/** Offsets where `text` may be cut into about `pieces` runs of whole documents (none when it has directives). */
export function cutPoints(text: string, pieces: number): number[] {
  if (pieces < 2 || /^%/m.test(text)) return [];
  const cuts: number[] = [];
  for (let k = 1; k < pieces; k++) {
    DOC_START.lastIndex = Math.max(Math.floor((text.length * k) / pieces), (cuts.at(-1) ?? 0) + 1);
    const m = DOC_START.exec(text);
    if (!m) break;
    cuts.push(m.index);
  }
  return cuts;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Splits large files into pieces and deals every unit to the lightest share that holds no other piece of its file. */
export function shareOut(texts: ReadonlyMap<string, string>, jobs: number): Unit[][] {
  const total = [...texts.values()].reduce((n, t) => n + t.length, 0);
  const units: Unit[] = [];
  for (const [file, text] of texts) {
    const pieces = Math.min(jobs, Math.round(text.length / (total / jobs)));
    let start = 0;
    let line = 0;
    for (const cut of [...cutPoints(text, pieces), text.length]) {
      units.push({ path: file, text: text.slice(start, cut), offset: start, line });
      line += countLines(text, start, cut);
      start = cut;
    }
  }
  const shares = Array.from({ length: jobs }, () => ({ units: [] as Unit[], bytes: 0 }));
  for (const u of [...units].sort((a, b) => b.text.length - a.text.length)) {
    const free = shares.filter((s) => !s.units.some((x) => x.path === u.path));
    const to = (free.length ? free : shares).reduce((a, b) => (b.bytes < a.bytes ? b : a));
    to.units.push(u);
    to.bytes += u.text.length;
  }
  return shares.map((s) => s.units).filter((s) => s.length > 0);
}

/**
 * A worker of the bundle runs the bundle itself (dist/cli-lint.js starts the worker code when loaded in a worker
 * thread). From source (tsx: the tests, `npx tsx src/cli.ts`), tsx's loader does not reach worker threads, so the
 * worker registers tsx's require hook first and then loads main.ts.
 */
function startWorker(input: WorkerInput): Worker {
  if (typeof WHARF_VERSION === 'string') return new Worker(__filename, { workerData: input });
  // Spelled so that esbuild leaves it alone: the bundle never takes this branch.
  const tsx = require.resolve(['tsx', 'cjs'].join('/'));
  const code = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(path.join(__dirname, 'main.ts'))});`;
  return new Worker(code, { eval: true, workerData: input });
}

class WorkerLink {
  private readonly worker: Worker;
  private readonly queue: ((m: FromWorker) => void)[] = [];
  private failure: Error | undefined;

  constructor(input: WorkerInput) {
    this.worker = startWorker(input);
    this.worker.on('message', (m: FromWorker) => this.queue.shift()?.(m));
    this.worker.on('error', (e) => (this.failure = e));
  }

  next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const onError = (e: Error) => reject(e);
      this.worker.once('error', onError);
      this.queue.push((m) => {
        this.worker.off('error', onError);
        if (m.type !== type) reject(new Error(`lint worker sent ${m.type}, expected ${type}`));
        else resolve(m as Extract<FromWorker, { type: T }>);
      });
    });
  }

  send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

export interface ParallelOptions {
  configPath?: string;
  k8sVersion?: string;
  /** SARIF output: fix edits travel back with the findings. */
  fixEdits: boolean;
}

/** Lints `texts` (file name -> contents) in `jobs` workers; findings sorted per file as the engine sorts them. */
export async function lintInWorkers(texts: ReadonlyMap<string, string>, jobs: number, opts: ParallelOptions): Promise<{ findings: Finding[]; objects: number }> {
  const shares = shareOut(texts, jobs);
  const context = [...texts].filter(([f]) => /^kustomization\.ya?ml$/i.test(path.basename(f))).map(([f, text]) => ({ path: f, text }));
  const order = [...texts.keys()];
  const links = shares.map((units, share) => new WorkerLink({ wharfLint: true, share, units, context, order, configPath: opts.configPath, k8sVersion: opts.k8sVersion, fixEdits: opts.fixEdits }));
  try {
    const found = await Promise.all(links.map((l) => l.next('objects')));
    const all = found.flatMap((m, share) => m.objects.map((o: SharedObject) => ({ ...o, share })));
    links.forEach((l, share) => l.send({ type: 'remote', objects: all.filter((o) => o.share !== share) }));
    const results = await Promise.all(links.map((l) => l.next('findings')));
    const findings = results.flatMap((r) => r.findings);
    await resolveRemote(findings, links);
    return { findings: mergeFiles(findings), objects: results.reduce((n, r) => n + r.objects, 0) };
  } finally {
    await Promise.all(links.map((l) => l.close()));
  }
}

/** Fills in related locations that lie in another worker's objects. */
async function resolveRemote(findings: Finding[], links: WorkerLink[]): Promise<void> {
  const asks = links.map(() => [] as { id: number; path: readonly (string | number)[]; fill: (p: Pick<Finding, 'span' | 'location' | 'file'>) => void }[]);
  for (const f of findings) {
    f.related?.forEach((r, i) => {
      if (!r.remote) return;
      const { share, id, path: p } = r.remote;
      asks[share].push({ id, path: p, fill: (where) => (f.related![i] = { ...where, message: r.message }) });
    });
  }
  await Promise.all(
    links.map(async (l, share) => {
      if (asks[share].length === 0) return;
      l.send({ type: 'resolve', requests: asks[share].map(({ id, path: p }) => ({ id, path: p })) });
      const { spans } = await l.next('resolved');
      spans.forEach((s, i) => asks[share][i].fill(s));
    }),
  );
}

/**
 * One file's findings from several workers, as one lint of the whole file gives them: sorted alike, and a file
 * that is a Helm template anywhere is one helm-template finding (the first), as the engine reports it.
 */
function mergeFiles(findings: Finding[]): Finding[] {
  const helm = new Map<string, Finding>();
  for (const f of findings) {
    if (f.ruleId !== 'helm-template') continue;
    const first = helm.get(f.file);
    if (!first || f.span.start < first.span.start) helm.set(f.file, f);
  }
  const kept = helm.size ? findings.filter((f) => !helm.has(f.file) || helm.get(f.file) === f) : findings;
  return sortFindings(kept);
}
