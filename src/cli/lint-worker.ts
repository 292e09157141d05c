// One worker thread of a parallel `wharf lint` run (see parallel.ts for the protocol): parses its share of the
// input, tells the run what objects it found, lints its share against a workspace holding every other worker's
// objects as stand-ins, then answers where ranges in its own source are for other workers' related locations.
import { parentPort, workerData } from 'node:worker_threads';
import { LineCounter, YAMLMap } from 'yaml';
import { lintFile } from '../lint/engine';
import { spanOf } from '../lint/locate';
import { parseSource, toLocation, type KObject, type SourceFile } from '../lint/source';
import type { Finding, Fix } from '../lint/types';
import { Workspace } from '../lint/workspace';
import { loadConfig } from './run';

/** A file, or a run of whole documents of one, starting at `offset` (line `line`, 0-based) of the file. */
export interface Unit {
  path: string;
  text: string;
  offset: number;
  line: number;
}

export interface WorkerInput {
  wharfLint: true;
  share: number;
  units: Unit[];
  /** Kustomizations every worker parses whole: what they list as patches, or pin, concerns every share. */
  context: { path: string; text: string }[];
  configPath?: string;
  k8sVersion?: string;
  /** SARIF carries fix edits; the other formats only whether a fix exists. */
  fixEdits: boolean;
  /** Every file of the run in the order given: the workspace holds them in this order, as one thread's does. */
  order: string[];
}

/** What crosses threads of an object: its data and identity, not its syntax tree. */
export interface SharedObject {
  id: number;
  path: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  listIndex?: number;
  value: Record<string, unknown>;
  /** Where the unit it came from starts in its file: orders the stand-ins of a file cut into pieces. */
  offset: number;
}

export type ToWorker =
  | { type: 'remote'; objects: (SharedObject & { share: number })[] }
  | { type: 'resolve'; requests: { id: number; path: readonly (string | number)[] }[] };

export type FromWorker =
  | { type: 'objects'; objects: SharedObject[] }
  | { type: 'findings'; findings: Finding[]; objects: number }
  | { type: 'resolved'; spans: Pick<Finding, 'span' | 'location' | 'file'>[] };

export function runLintWorker(): void {
  const input = workerData as WorkerInput;
  const port = parentPort!;
  const { config } = loadConfig(input.configPath, input.k8sVersion);
  const own: SourceFile[] = [];
  const shift = new Map<string, Unit>();
  const entries: Entry[] = [];
  for (const u of input.units) {
    const file = parseSource(u.path, u.text);
    own.push(file);
    shift.set(u.path, u);
    entries.push({ key: u.path, file, offset: u.offset });
  }
  const ownPaths = new Set(own.map((f) => f.path));
  for (const c of input.context) if (!ownPaths.has(c.path)) entries.push({ key: c.path, file: parseSource(c.path, c.text), offset: 0 });
  const contextPaths = new Set(input.context.map((c) => c.path));

  const objects: KObject[] = [];
  const shared: SharedObject[] = [];
  for (const f of own) {
    for (const o of f.objects) {
      const id = objects.push(o) - 1;
      // Every worker parses the kustomizations itself: no stand-ins for their objects.
      if (contextPaths.has(f.path)) continue;
      shared.push({ id, path: f.path, apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.namespace, listIndex: o.listIndex, value: o.value, offset: shift.get(f.path)!.offset });
    }
  }
  port.postMessage({ type: 'objects', objects: shared } satisfies FromWorker);

  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'remote') {
      const ws = workspaceOf([...entries, ...standIns(msg.objects)], input.order);
      const findings: Finding[] = [];
      for (const f of own) for (const finding of lintFile(f, { config, workspace: ws })) findings.push(portable(finding, shift, input.fixEdits));
      port.postMessage({ type: 'findings', findings, objects: objects.length } satisfies FromWorker);
    } else {
      const spans = msg.requests.map((r) => {
        const o = objects[r.id];
        const span = spanOf(o, r.path);
        return shifted({ file: o.file.path, span, location: toLocation(o.file, span) }, shift.get(o.file.path));
      });
      port.postMessage({ type: 'resolved', spans } satisfies FromWorker);
    }
  });
}

interface Entry {
  key: string;
  file: SourceFile;
  offset: number;
}

/**
 * The workspace in the run's file order (a cut file's pieces in text order), so lookups that take the first of
 * several matches (two ServiceAccounts of one name in different files) find the one a single thread finds.
 */
function workspaceOf(entries: Entry[], order: readonly string[]): Workspace {
  const rank = new Map(order.map((f, i) => [f, i]));
  const ws = new Workspace();
  entries.sort((a, b) => (rank.get(a.file.path) ?? -1) - (rank.get(b.file.path) ?? -1) || a.offset - b.offset);
  for (const e of entries) ws.set(e.file, e.key);
  return ws;
}

/** Other workers' objects, one stand-in file per worker and path, keyed apart from this worker's own files. */
function standIns(remote: (SharedObject & { share: number })[]): Entry[] {
  const files = new Map<string, Entry>();
  for (const r of remote) {
    const key = `${r.path}\u0000${r.share}`;
    let entry = files.get(key);
    if (!entry) {
      entry = { key, file: { path: r.path, text: '', lineCounter: new LineCounter(), docs: [], objects: [] }, offset: r.offset };
      files.set(key, entry);
    }
    const file = entry.file;
    const doc = { index: 0, doc: undefined as never, span: { start: 0, end: 0 } };
    const o: KObject = { file, doc, node: new YAMLMap(), value: r.value, apiVersion: r.apiVersion, kind: r.kind, name: r.name, remote: { share: r.share, id: r.id } };
    if (r.namespace !== undefined) o.namespace = r.namespace;
    if (r.listIndex !== undefined) o.listIndex = r.listIndex;
    file.objects.push(o);
  }
  return [...files.values()];
}

type Placed = Pick<Finding, 'span' | 'location'>;

/** Moves a range found in a unit to where it is in the whole file. */
function shifted<T extends Placed>(p: T, unit: Unit | undefined): T {
  if (!unit || (unit.offset === 0 && unit.line === 0)) return p;
  const { span, location: l } = p;
  return { ...p, span: { start: span.start + unit.offset, end: span.end + unit.offset }, location: { ...l, line: l.line + unit.line, endLine: l.endLine + unit.line } };
}

/** A finding as plain data: fix edits made now only when the output carries them, every range in whole-file terms. */
function portable(f: Finding, shift: Map<string, Unit>, fixEdits: boolean): Finding {
  const unit = shift.get(f.file);
  const out: Finding = shifted({ ruleId: f.ruleId, severity: f.severity, message: f.message, file: f.file, span: f.span, location: f.location }, unit);
  if (f.object) out.object = f.object;
  if (f.fix) out.fix = portableFix(f.fix, fixEdits, unit);
  if (f.related) out.related = f.related.map((r) => (r.remote ? r : shifted(r, shift.get(r.file))));
  return out;
}

function portableFix(fix: Fix, withEdits: boolean, unit: Unit | undefined): Fix {
  const offset = unit?.offset ?? 0;
  return { title: fix.title, edits: withEdits ? fix.edits.map((e) => ({ ...e, start: e.start + offset, end: e.end + offset })) : [] };
}
