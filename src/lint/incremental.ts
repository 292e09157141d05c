// Re-linting after a keystroke without redoing the whole file. The editor calls this on every (debounced) edit; a
// full parse + lint of a 5,000-line manifest takes ~100 ms, which is too long for the extension host.
//
// Parsing: the text is split into segments at `---` lines. A segment whose text is unchanged keeps its parsed
// documents (their node ranges are shifted to where the segment now starts); only changed segments are re-parsed.
// The SourceFile built from them is the one parseSource would build (sourceFileFromDocs is shared by both).
//
// Linting: each rule's findings are kept per segment, with what the rule read from the workspace while producing
// them (which kinds, or "everything"). After an edit a rule runs again only on re-parsed segments, on the segment
// after them (a `# wharf-disable` comment may end one), and on segments whose findings depended on a kind of
// object whose content changed. Everything else is reused with shifted offsets.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { ResolvedConfig } from './config';
import { lintFile, sortFindings } from './engine';
import type { Rule } from './rule';
import { allRules } from './rules';
import { MAX_ALIAS_COUNT, parseSource, sourceFileFromDocs, toLocation, type KObject, type SourceFile, type ToJS } from './source';
import { IGNORE_ANNOTATION } from './suppress';
import type { Finding, Related, Span, TextEdit } from './types';
import { Workspace } from './workspace';

/** Kinds a rule consulted through the workspace, or 'all' when it looked at everything. */
type Deps = Set<string> | 'all';

interface SameFileRelated {
  seg: Segment;
  span: Span;
  message: string;
}

interface CachedFinding {
  /** Offsets relative to the segment's start; `location` is recomputed on use. */
  finding: Finding;
  related: (Related | SameFileRelated)[];
  /** The finding as last handed out, valid while its segment starts at the same offset and line. */
  out?: { finding: Finding; start: number; line: number };
}

interface RuleResult {
  deps: Deps;
  findings: CachedFinding[];
  /** Segments of this file its findings point into (related information): the result holds while they do. */
  relatedSegs: Segment[];
}

export interface Segment {
  text: string;
  /** Offset of the segment in the current text; its documents' ranges are relative to the whole text. */
  start: number;
  docs: Document.Parsed[];
  /** The plain data of its objects, to tell an edit that changes meaning from one in a comment or spacing. */
  signature: string;
  kinds: Set<string>;
  results: Map<string, RuleResult>;
}

export interface IncrementalParse {
  file: SourceFile;
  /** Undefined when the text had to be parsed whole (directives, lone CRs, a parser crash): nothing to reuse. */
  segments?: Segment[];
  /** Segments parsed for this text, plus the one after them: what a rule must look at again. */
  touched: Set<Segment>;
  /** Kinds of objects whose content changed (in the fresh segments, or in the segments they replaced). */
  changedKinds: Set<string>;
}

// A document start marker: `---` at the start of a line, followed by a space, a line break or the end.
const DOC_START = /^---(?=[ \t\r\n]|$)/gm;
// Directives apply across the next `---`, and a lone CR is a line break to some YAML readers but not to our line
// counter: both are rare enough to simply parse whole.
const PARSE_WHOLE = /^%|\r(?!\n)/m;

export class IncrementalParser {
  private segments: Segment[] = [];
  private readonly values = new WeakMap<Document.Parsed, { value?: unknown; error?: unknown }>();

  /** Remembers each document's plain data, so unchanged documents are not converted again. */
  private readonly toJS: ToJS = (doc) => {
    let v = this.values.get(doc);
    if (!v) {
      try {
        v = { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
      } catch (error) {
        v = { error };
      }
      this.values.set(doc, v);
    }
    if ('error' in v) throw v.error;
    return v.value;
  };

  parse(path: string, text: string): IncrementalParse {
    // The segments of the last text that parsed cleanly are kept: the next clean text is compared with them.
    const whole = (): IncrementalParse => ({ file: parseSource(path, text), touched: new Set(), changedKinds: new Set() });
    if (PARSE_WHOLE.test(text)) return whole();

    const pieces = split(text);
    const old = this.segments;
    let p = 0;
    while (p < old.length && p < pieces.length && old[p].text === pieces[p].text) p++;
    let q = 0;
    while (q < old.length - p && q < pieces.length - p && old[old.length - 1 - q].text === pieces[pieces.length - 1 - q].text) q++;

    const segments: Segment[] = [];
    const fresh: Segment[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const reused = i < p ? old[i] : i >= pieces.length - q ? old[old.length - (pieces.length - i)] : undefined;
      if (reused) {
        if (reused.start !== pieces[i].start) {
          for (const d of reused.docs) shiftDoc(d, pieces[i].start - reused.start);
          reused.start = pieces[i].start;
        }
        segments.push(reused);
        continue;
      }
      let docs: Document.Parsed[];
      try {
        const parsed = parseAllDocuments(pieces[i].text, { prettyErrors: false, uniqueKeys: false });
        docs = Array.isArray(parsed) ? parsed : [];
      } catch {
        return whole();
      }
      // Error recovery may read past a `---` (an unclosed quote), so a document with errors parses differently on
      // its own than in the whole text: such a text is parsed whole until it is valid again.
      if (docs.some((d) => d.errors.length > 0)) return whole();
      for (const d of docs) shiftDoc(d, pieces[i].start);
      const seg: Segment = { text: pieces[i].text, start: pieces[i].start, docs, signature: '', kinds: new Set(), results: new Map() };
      segments.push(seg);
      fresh.push(seg);
    }
    const removed = old.slice(p, old.length - q);
    this.segments = segments;

    const file = sourceFileFromDocs(path, text, lineCounterOf(text), segments.flatMap((s) => s.docs), this.toJS);
    const objectsBySeg = objectsOf(file, segments);
    for (const s of fresh) {
      const objects = objectsBySeg.get(s) ?? [];
      s.signature = JSON.stringify(objects.map((o) => o.value));
      s.kinds = new Set(objects.map((o) => o.kind));
    }
    const changedKinds = new Set<string>();
    // An edit inside a comment or in spacing changes no object: the other segments' findings still hold.
    if (removed.map((s) => s.signature).join('\n') !== fresh.map((s) => s.signature).join('\n')) {
      for (const s of [...removed, ...fresh]) for (const k of s.kinds) changedKinds.add(k);
    }
    const touched = new Set(fresh);
    if (fresh.length || removed.length) {
      const after = segments[p + fresh.length];
      if (after) touched.add(after);
    }
    return { file, segments, touched, changedKinds };
  }
}

export interface IncrementalLintOptions {
  workspace: Workspace;
  config: ResolvedConfig;
  rules?: readonly Rule[];
}

/**
 * Lints one file again and again as it is edited, with the same findings lintFile would give. One instance per
 * file; the workspace and config are passed on every call (a config of another identity drops what was kept).
 */
export class IncrementalLinter {
  private readonly parser = new IncrementalParser();
  private key: { config: ResolvedConfig; rules: readonly Rule[] } | undefined;
  private readonly others = new Map<string, SourceFile>();
  private readonly memoDeps = new Map<string, Deps>();
  private pendingKinds = new Set<string>();
  /** Rules that reported outside the segments they ran on: their findings can't be kept per segment. */
  private readonly volatile = new Set<string>();

  lint(path: string, text: string, opts: IncrementalLintOptions): { file: SourceFile; findings: Finding[] } {
    const rules = opts.rules ?? allRules;
    const { workspace: ws, config } = opts;
    const parsed = this.parser.parse(path, text);
    const file = parsed.file;
    ws.set(file);
    const changedKinds = new Set([...this.pendingKinds, ...parsed.changedKinds, ...this.otherFilesChanged(ws, path)]);
    const full = () => {
      // What changed meanwhile still counts against the kept results when the next text is linted incrementally.
      this.pendingKinds = changedKinds;
      return { file, findings: lintFile(file, { workspace: ws, config, rules }) };
    };
    const segments = parsed.segments;
    if (!segments || file.helm || ws.isPatchFile(path) || uncoveredWorkspaceMethods().length) return full();
    const sameKey = this.key?.config === config && this.key.rules === rules;
    this.key = { config, rules };
    this.pendingKinds = new Set();
    const live = new Set(segments);
    const segAt = segmentLocator(segments);
    const objectsBySeg = objectsOf(file, segments);

    const valid = (r: RuleResult | undefined): boolean => {
      if (!r) return false;
      if (changedKinds.size > 0) {
        if (r.deps === 'all') return false;
        for (const k of r.deps) if (changedKinds.has(k)) return false;
      }
      for (const s of r.relatedSegs) if (!live.has(s)) return false;
      return true;
    };

    // Which segments each rule must look at again; rules with the same segments run together in one engine call.
    const groups = new Map<string, { segs: Segment[]; rules: Rule[] }>();
    for (const rule of rules) {
      const id = rule.meta.id;
      const everything = !sameKey || this.volatile.has(id);
      const todo: Segment[] = [];
      let key = '';
      for (let i = 0; i < segments.length; i++) {
        const s = segments[i];
        if (!everything && !parsed.touched.has(s) && valid(s.results.get(id))) continue;
        todo.push(s);
        key += `${i},`;
      }
      if (todo.length === 0) continue;
      if (todo.length === segments.length) key = '*';
      const group = groups.get(key) ?? { segs: todo, rules: [] };
      group.rules.push(rule);
      groups.set(key, group);
    }

    const recorder = new RecordingWorkspace(ws, this.memoDeps);
    // Syntax errors and unknown suppression ids come from the whole-file pass below; the partial runs see documents
    // without errors so that they don't report them again.
    const docs = file.docs.map((d) => (d.error ? { ...d, error: undefined } : d));
    const volatileFindings: Finding[] = [];
    for (const { segs, rules: group } of groups.values()) {
      const deps = new Map<string, Deps>();
      const recorded = group.map((rule): Rule => ({
        meta: rule.meta,
        check: (ctx) => {
          recorder.deps = new Set();
          try {
            rule.check(ctx);
          } finally {
            deps.set(rule.meta.id, recorder.deps);
            recorder.deps = undefined;
          }
        },
      }));
      for (const s of segs) for (const r of group) s.results.set(r.meta.id, { deps: new Set(), findings: [], relatedSegs: [] });
      const objects = segs.flatMap((s) => objectsBySeg.get(s) ?? []);
      if (objects.length === 0) continue;
      const run = (objs: KObject[], rs: Rule[]) => lintFile({ ...file, docs, objects: objs }, { workspace: recorder, config, rules: rs });
      const out = run(objects, recorded);
      if (out.some((f) => f.ruleId === 'internal-error')) {
        // A rule failed: the full lint reports it the way the CLI would. What was kept is now half-updated.
        this.key = undefined;
        return full();
      }
      const ran = new Set(segs);
      for (const [i, rule] of group.entries()) {
        const id = rule.meta.id;
        const mine = out.filter((f) => f.ruleId === id);
        if (this.volatile.has(id) || mine.some((f) => !inside(f, segAt(f.span.start), ran))) {
          // It reported on an object it was not run on (or edits outside it): from now on it runs on the whole file.
          const first = !this.volatile.has(id) && segs.length < segments.length;
          this.volatile.add(id);
          volatileFindings.push(...(first ? run(file.objects, [recorded[i]]).filter((f) => f.ruleId === id) : mine));
          continue;
        }
        const d = deps.get(id) ?? new Set<string>();
        for (const s of segs) s.results.get(id)!.deps = d;
        for (const f of mine) {
          const s = segAt(f.span.start)!;
          const cached = toCached(f, s, path, segAt);
          const result = s.results.get(id)!;
          result.findings.push(cached);
          for (const rel of cached.related) if ('seg' in rel) result.relatedSegs.push(rel.seg);
        }
      }
    }

    const findings: Finding[] = [];
    // The engine's own findings (syntax errors, unknown ids in suppressions) from one pass over the whole file,
    // every rule known and none run; skipped when the file has neither errors nor suppressions.
    if (file.docs.some((d) => d.error) || text.includes('wharf-disable') || text.includes(IGNORE_ANNOTATION)) {
      findings.push(...lintFile(file, { workspace: ws, config, rules: rules.map(silent) }));
    }
    for (const rule of rules) {
      if (this.volatile.has(rule.meta.id)) continue;
      for (const s of segments) for (const c of s.results.get(rule.meta.id)?.findings ?? []) findings.push(fromCached(c, s, file));
    }
    findings.push(...volatileFindings);
    return { file, findings: sortFindings(findings) };
  }

  /** Kinds of objects in other files of the workspace that were added, replaced or removed since the last call. */
  private otherFilesChanged(ws: Workspace, path: string): Set<string> {
    const kinds = new Set<string>();
    const add = (f: SourceFile | undefined) => f?.objects.forEach((o) => kinds.add(o.kind));
    const seen = new Set<string>();
    for (const f of ws.allFiles()) {
      if (f.path === path) continue;
      seen.add(f.path);
      const prev = this.others.get(f.path);
      if (prev === f) continue;
      add(prev);
      add(f);
      this.others.set(f.path, f);
    }
    for (const [p, f] of this.others) {
      if (seen.has(p)) continue;
      add(f);
      this.others.delete(p);
    }
    return kinds;
  }
}

const silent = (r: Rule): Rule => ({ meta: r.meta, check: () => undefined });

function split(text: string): { start: number; text: string }[] {
  const starts = [0];
  for (const m of text.matchAll(DOC_START)) if (m.index! > 0) starts.push(m.index!);
  return starts.map((start, i) => ({ start, text: text.slice(start, starts[i + 1] ?? text.length) }));
}

/** Line starts as the parser records them (it reports one after every line feed). */
function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

function shiftDoc(doc: Document.Parsed, delta: number): void {
  if (delta === 0) return;
  shiftRange(doc.range, delta);
  for (const e of doc.errors) shiftRange(e.pos, delta);
  for (const w of doc.warnings) shiftRange(w.pos, delta);
  shiftNode(doc.contents as unknown as TreeNode, delta);
}

/** What shiftNode needs of yaml's nodes and pairs; plain property checks keep this hot loop monomorphic and fast. */
interface TreeNode {
  range?: number[] | null;
  items?: TreeNode[];
  key?: TreeNode | null;
  value?: TreeNode | null;
}

// In place: every yaml node owns its range array (the unit test checks that none is shared, so none moves twice).
function shiftRange(r: number[] | null | undefined, delta: number): void {
  if (!r) return;
  for (let i = 0; i < r.length; i++) r[i] += delta;
}

function shiftNode(node: TreeNode | null | undefined, delta: number): void {
  if (!node || typeof node !== 'object') return;
  shiftRange(node.range, delta);
  const items = node.items;
  if (items) for (let i = 0; i < items.length; i++) shiftNode(items[i], delta);
  // A pair has no range of its own, only its key and value.
  if (node.key !== undefined) shiftNode(node.key, delta);
  if (node.value !== undefined && typeof node.value === 'object') shiftNode(node.value, delta);
}

function objectsOf(file: SourceFile, segments: readonly Segment[]): Map<Segment, KObject[]> {
  const segOfDoc = new Map<Document.Parsed, Segment>();
  for (const s of segments) for (const d of s.docs) segOfDoc.set(d, s);
  const out = new Map<Segment, KObject[]>();
  for (const o of file.objects) {
    const s = segOfDoc.get(o.doc.doc)!;
    const list = out.get(s);
    if (list) list.push(o);
    else out.set(s, [o]);
  }
  return out;
}

function segmentLocator(segments: readonly Segment[]): (offset: number) => Segment | undefined {
  return (offset) => {
    let lo = 0;
    let hi = segments.length - 1;
    if (hi < 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return segments[lo];
  };
}

/** A finding can be kept with its segment when it and its edits lie in one of the segments the rule ran on. */
function inside(f: Finding, s: Segment | undefined, ran: Set<Segment>): boolean {
  if (!s || !ran.has(s)) return false;
  const end = s.start + s.text.length;
  const within = (x: Span) => x.start >= s.start && x.end <= end;
  return within(f.span) && (f.fix?.edits ?? []).every(within) && (f.suggestions ?? []).every((x) => x.edits.every(within));
}

function shiftEdits(edits: readonly TextEdit[], delta: number): TextEdit[] {
  return edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta }));
}

function shifted<T extends { edits: TextEdit[] }>(fix: T, delta: number): T {
  return { ...fix, edits: shiftEdits(fix.edits, delta) };
}

function toCached(f: Finding, s: Segment, path: string, segAt: (offset: number) => Segment | undefined): CachedFinding {
  const d = -s.start;
  const finding: Finding = { ...f, span: { start: f.span.start + d, end: f.span.end + d } };
  if (f.fix) finding.fix = shifted(f.fix, d);
  if (f.suggestions) finding.suggestions = f.suggestions.map((x) => shifted(x, d));
  delete finding.related;
  const related = (f.related ?? []).map((r): Related | SameFileRelated => {
    const rs = r.file === path ? segAt(r.span.start) : undefined;
    return rs ? { seg: rs, span: { start: r.span.start - rs.start, end: r.span.end - rs.start }, message: r.message } : r;
  });
  return { finding, related };
}

function fromCached(c: CachedFinding, s: Segment, file: SourceFile): Finding {
  // Edits after a segment leave its findings as they were: hand out the same objects (less work, less garbage).
  const line = file.lineCounter.linePos(s.start).line;
  if (c.out && c.out.start === s.start && c.out.line === line && c.related.length === 0) return c.out.finding;
  const f = c.finding;
  const span = { start: f.span.start + s.start, end: f.span.end + s.start };
  const out: Finding = { ...f, span, location: toLocation(file, span) };
  if (f.fix) out.fix = shifted(f.fix, s.start);
  if (f.suggestions) out.suggestions = f.suggestions.map((x) => shifted(x, s.start));
  if (c.related.length) {
    out.related = c.related.map((r) => {
      if (!('seg' in r)) return r;
      const rspan = { start: r.span.start + r.seg.start, end: r.span.end + r.seg.start };
      return { file: file.path, span: rspan, location: toLocation(file, rspan), message: r.message };
    });
  }
  c.out = { finding: out, start: s.start, line };
  return out;
}

/** The workspace as a rule sees it, noting what the rule asks for. */
export class RecordingWorkspace extends Workspace {
  deps: Deps | undefined;
  /** Every method of Workspace this class answers for; a method added there must be added here too. */
  static readonly covered = ['set', 'delete', 'get', 'allFiles', 'memo', 'ofKind', 'find', 'selecting', 'podsSelectedBy', 'isPatchFile', 'invalidate'];

  /**
   * @param memoDeps what each memo's computation read, kept across runs: a memo computed earlier in this
   *   generation of the workspace is then charged to the rule that uses it, not forgotten.
   */
  constructor(
    private readonly inner: Workspace,
    private readonly memoDeps: Map<string, Deps>,
  ) {
    super();
  }

  private kind(k: string): void {
    if (this.deps && this.deps !== 'all') this.deps.add(k);
  }

  private any(): void {
    if (this.deps) this.deps = 'all';
  }

  private merge(d: Deps): void {
    if (d === 'all') this.any();
    else for (const k of d) this.kind(k);
  }

  override set(file: SourceFile): void {
    this.inner.set(file);
  }
  override delete(filePath: string): void {
    this.inner.delete(filePath);
  }
  override get(filePath: string): SourceFile | undefined {
    this.any();
    return this.inner.get(filePath);
  }
  override allFiles(): IterableIterator<SourceFile> {
    this.any();
    return this.inner.allFiles();
  }
  override memo<T>(key: string, compute: () => T): T {
    const value = this.inner.memo(key, () => {
      const outer = this.deps;
      this.deps = new Set();
      try {
        return compute();
      } finally {
        this.memoDeps.set(key, this.deps);
        this.deps = outer;
      }
    });
    this.merge(this.memoDeps.get(key) ?? 'all');
    return value;
  }
  override ofKind(kind: string): readonly KObject[] {
    this.kind(kind);
    return this.inner.ofKind(kind);
  }
  override find(kind: string, namespace: string, name: string): KObject | undefined {
    this.kind(kind);
    return this.inner.find(kind, namespace, name);
  }
  override selecting(...args: Parameters<Workspace['selecting']>): ReturnType<Workspace['selecting']> {
    this.kind(args[0]);
    return this.inner.selecting(...args);
  }
  override podsSelectedBy(...args: Parameters<Workspace['podsSelectedBy']>): ReturnType<Workspace['podsSelectedBy']> {
    this.any();
    return this.inner.podsSelectedBy(...args);
  }
  override isPatchFile(filePath: string): boolean {
    this.any();
    return this.inner.isPatchFile(filePath);
  }
}

/** Methods of Workspace that RecordingWorkspace does not answer for (a unit test keeps this empty). */
export function uncoveredWorkspaceMethods(): string[] {
  return Object.getOwnPropertyNames(Workspace.prototype).filter((n) => n !== 'constructor' && !RecordingWorkspace.covered.includes(n));
}
