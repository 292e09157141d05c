// Parses a file into Kubernetes objects with exact source positions. Only documents that carry both
// `apiVersion` and `kind` are objects; everything else (CI workflows, compose files, eksctl configs) is ignored.
import { Document, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, visit, type Node, type YAMLMap } from 'yaml';
import type { ReadDoc, Shape } from './block-yaml';
import { composeRegion, documentRegions, readRegion, type DocumentRegion } from './read-source';
import { lineCounterOf } from './shift-doc';
import type { Location, ObjectRef, Span } from './types';

/** Bounds for hostile input: an alias bomb expands at most this many nodes per document. */
export const MAX_ALIAS_COUNT = 100;

export interface SourceFile {
  path: string;
  text: string;
  lineCounter: LineCounter;
  docs: SourceDoc[];
  objects: KObject[];
  /** Go-template syntax found ({{ }}): a Helm chart template that cannot be parsed as YAML. */
  helm?: Span;
  /** Set when the file was not read because it is over the size limit: its size and the limit, in bytes. */
  tooLarge?: { bytes: number; limit: number };
}

export interface SourceDoc {
  index: number;
  /** The `yaml` document. One the block reader read is composed from its own slice of the text on first use. */
  readonly doc: Document.Parsed;
  span: Span;
  /** A YAML syntax error, or a document that could not be converted to data. */
  error?: { message: string; span: Span };
}

export interface KObject extends ObjectRef {
  file: SourceFile;
  doc: SourceDoc;
  /** The object's own mapping (the document root, or an item of a `kind: List`). */
  node: YAMLMap;
  /** Plain data of the object, for rule logic; positions come from `shape`, else from `node`. */
  value: Record<string, unknown>;
  /** Where the object's keys and values are, when the block reader read its document (locate.ts reads it). */
  shape?: Shape;
  /** Index inside a List's `items`, when the object came from one. */
  listIndex?: number;
  /**
   * A stand-in for an object another worker of a parallel CLI run parsed: `value` is real, `node` an empty map.
   * Cross-document rules read it like any other; ranges in it are found by the worker that has its source.
   */
  remote?: { share: number; id: number };
}

// A Go-template action where YAML structure goes: at the start of a line, or as an unquoted value or list item.
// Valid YAML never has `{{` there (it would be a flow mapping of a flow mapping), so this finds Helm templates
// while leaving alone `${{ }}` in CI workflows and quoted `{{ $labels }}` in Prometheus rules.
const HELM = /(?:^[ \t]*|:[ \t]+|-[ \t]+)(\{\{-?[^\n]*?\}\})/gm;
// A Helm template renders Kubernetes objects: without a top-level apiVersion and kind it is some other templated
// YAML (Ansible, a Jinja config), which is not ours to report on.
const TOP_LEVEL_KIND = /^kind:/m;
const TOP_LEVEL_API_VERSION = /^apiVersion:/m;

/**
 * HELM's matches, found from each `{{` backwards: a Grafana dashboard holds thousands of `{{` on long lines, and
 * the regular expression alone tried a lazy match at every line start and every `: ` of the file.
 */
function* helmCandidates(text: string): Generator<RegExpExecArray> {
  let lastLine = -1;
  for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', at + 2)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (lineStart === lastLine) continue; // the line was matched from its start already
    lastLine = lineStart;
    const lineEnd = text.indexOf('\n', at);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    HELM.lastIndex = 0;
    for (let m = HELM.exec(line); m; m = HELM.exec(line)) {
      m.index += lineStart;
      yield m;
    }
  }
}

/** Ranges of block and quoted scalars: text inside them is data, whatever template syntax it holds. */
function scalarTextRanges(docs: readonly Document.Parsed[]): [number, number][] {
  const out: [number, number][] = [];
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        if (node.type !== Scalar.PLAIN && node.range) out.push([node.range[0], node.range[1]]);
      },
    });
  }
  return out;
}

/**
 * Where Go-template syntax stands in place of YAML structure, or undefined. `{{` inside a block scalar or a quoted
 * string (a Grafana dashboard or an Alertmanager template in a ConfigMap) is data of a rendered manifest.
 */
function helmSpan(text: string, quotedAndBlock: () => [number, number][]): Span | undefined {
  if (!text.includes('{{') || !TOP_LEVEL_KIND.test(text) || !TOP_LEVEL_API_VERSION.test(text)) return undefined;
  let scalars: [number, number][] | undefined;
  for (const m of helmCandidates(text)) {
    const start = m.index + m[0].length - m[1].length;
    scalars ??= quotedAndBlock();
    if (scalars.some(([a, b]) => start >= a && start < b)) continue;
    return { start, end: start + m[1].length };
  }
  return undefined;
}

/** A file left unread because it is over the size limit: no documents, one engine finding. */
export function oversizeSource(path: string, bytes: number, limit: number): SourceFile {
  const file = sourceFileFromDocs(path, '', new LineCounter(), []);
  file.lineCounter.addNewLine(0);
  file.tooLarge = { bytes, limit };
  return file;
}

/** Deeper flow nesting than the parser's stack allows is reported at the line where it passes this. */
export const MAX_FLOW_DEPTH = 1000;

/**
 * Where flow collections (`[`, `{`) nest deeper than `limit`, ignoring quoted strings and comments: the line to
 * report when the parser runs out of stack. Block nesting needs an indentation per level, so it is the flow
 * syntax of hostile input that gets that deep.
 */
export function deepNestingOffset(text: string, limit = MAX_FLOW_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '[' || ch === '{') {
      if (++depth > limit) return i;
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
    else if (ch === '"' || ch === "'") {
      // Skip the quoted scalar: "..." with backslash escapes, '...' with '' as the escaped quote.
      for (i++; i < text.length && text[i] !== ch; i++) if (ch === '"' && text[i] === '\\') i++;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    }
  }
  return undefined;
}

function nestingError(text: string, within: Span): { message: string; span: Span } | undefined {
  const at = deepNestingOffset(text.slice(within.start, within.end));
  if (at === undefined) return undefined;
  const start = within.start + at;
  return { message: `nesting deeper than ${MAX_FLOW_DEPTH} levels starts here; the document is not parsed (flatten the structure)`, span: { start, end: start + 1 } };
}

// A double-quoted scalar of at least 64 KiB with no escape, quote or newline inside, where a scalar may start.
const LONG_DOUBLE_QUOTED = /(^|[:\-,[{][ \t]*|^[ \t]*)"([^"\\'\n]{65536,})"/gm;

/**
 * The `yaml` package decodes a double-quoted scalar one character at a time (a 50 MB one takes seconds and over a
 * gigabyte), but a single-quoted one with a regular expression. Without escapes, quotes or line breaks inside, the
 * two spellings mean the same string and have the same length, so parsing the single-quoted spelling gives the
 * same data at the same offsets. Only what is parsed changes; the file's text stays as written.
 */
export function cheapQuotes(text: string): string {
  if (text.length < 65536 || !hasLineOf(text, 65538)) return text;
  return text.replace(LONG_DOUBLE_QUOTED, (_m, lead: string, body: string) => `${lead}'${body}'`);
}

/** Whether a line is at least `n` characters long: found with indexOf, where the regular expression alone cost 2% of a run on real manifests. */
function hasLineOf(text: string, n: number): boolean {
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    if (nl - start >= n) return true;
    start = nl + 1;
  }
  return text.length - start >= n;
}

export function parseSource(path: string, text: string): SourceFile {
  return readSource(path, text) ?? parseWithYaml(path, text);
}

/** The file parsed by `yaml` alone: the path for what the block reader leaves, and the oracle its tests compare with. */
export function parseWithYaml(path: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(cheapQuotes(text), { lineCounter, prettyErrors: false, uniqueKeys: false });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    // The parser itself gave up (pathological nesting exhausts the stack): one error for the file, no crash.
    const file = sourceFileFromDocs(path, text, lineCounter, []);
    const doc = new Document(null) as unknown as Document.Parsed;
    const error = (e instanceof RangeError ? nestingError(text, { start: 0, end: text.length }) : undefined)
      ?? { message: `cannot parse this file (${(e as Error).message})`, span: { start: 0, end: Math.min(1, text.length) } };
    file.docs.push({ index: 0, doc, span: { start: 0, end: text.length }, error });
    return file;
  }
  return sourceFileFromDocs(path, text, lineCounter, docs);
}

/** How a document becomes plain data; the incremental parser passes one that remembers earlier conversions. */
export type ToJS = (doc: Document.Parsed) => unknown;

const defaultToJS: ToJS = (doc) => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });

/**
 * A SourceFile from documents parsed elsewhere, whose node ranges are already offsets into the whole `text`, and a
 * LineCounter holding every line start of `text`. The editor's incremental parser re-parses only the documents an
 * edit touched and builds the file with this; parseSource builds it the same way, so both give the same file.
 */
export function sourceFileFromDocs(path: string, text: string, lineCounter: LineCounter, docs: readonly Document.Parsed[], toJS: ToJS = defaultToJS): SourceFile {
  const file: SourceFile = { path, text, lineCounter, docs: [], objects: [] };
  // Helm templates aren't YAML until rendered; parse them anyway to count lines, but lint nothing.
  const helm = helmSpan(text, () => scalarTextRanges(docs));
  if (helm) file.helm = helm;
  docs.forEach((doc, index) => {
    const sdoc = yamlDoc(text, doc, index);
    file.docs.push(sdoc);
    if (sdoc.error || file.helm) return;
    collectObjects(file, sdoc, toJS);
  });
  return file;
}

/** A document `yaml` parsed, with its first error if it has one. */
function yamlDoc(text: string, doc: Document.Parsed, index: number): SourceDoc {
  const range = doc.range ?? [0, text.length, text.length];
  const sdoc: SourceDoc = { index, doc, span: { start: range[0], end: range[2] } };
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    sdoc.error = { message: err.message.split('\n')[0], span: { start: err.pos[0], end: Math.max(err.pos[1], err.pos[0] + 1) } };
    // The parser records a stack overflow as this document's error: say what it means, where it happens.
    if (/Maximum call stack size exceeded/.test(err.message)) sdoc.error = nestingError(text, sdoc.span) ?? sdoc.error;
  }
  return sdoc;
}

/** One document of a file, read by the block reader or parsed by `yaml`; every offset is into the whole text. */
export interface ParsedDoc {
  region: DocumentRegion;
  read?: ReadDoc;
  doc?: Document.Parsed;
}

/**
 * Each region of `text` read by the block reader, or by `yaml` where the reader leaves it; undefined when one
 * needs `yaml` on the whole file (it gave up on the slice).
 */
export function parseRegions(text: string, regions: readonly DocumentRegion[]): ParsedDoc[] | undefined {
  const out: ParsedDoc[] = [];
  for (const region of regions) {
    const read = readRegion(text, region);
    if (read) {
      out.push({ region, read });
      continue;
    }
    let doc: Document.Parsed | undefined;
    try {
      doc = composeRegion(text, region, cheapQuotes);
    } catch {
      return undefined; // the parser gave up on this slice (stack): the whole-file path reports it
    }
    if (!doc) return undefined;
    out.push({ region, doc });
  }
  return out;
}

/**
 * The file read by the block reader, document by document, with `yaml` parsing the documents outside its subset;
 * undefined when the file needs `yaml` whole (see documentRegions).
 */
function readSource(path: string, text: string): SourceFile | undefined {
  const regions = documentRegions(text);
  const parsed = regions && parseRegions(text, regions);
  return parsed && sourceFileFromParsed(path, text, lineCounterOf(text), parsed);
}

/** A SourceFile from documents read or parsed elsewhere (parseSource, the editor's incremental parser). */
export function sourceFileFromParsed(path: string, text: string, lineCounter: LineCounter, parsed: readonly ParsedDoc[], toJS: ToJS = defaultToJS): SourceFile {
  const file: SourceFile = { path, text, lineCounter, docs: [], objects: [] };
  parsed.forEach((p, index) => file.docs.push(p.read ? lazyDoc(text, p.region, index) : yamlDoc(text, p.doc!, index)));
  // Template syntax inside quoted and block scalars is data: where those are is read again only when it matters.
  const helm = helmSpan(text, () => parsed.flatMap((p) => (p.read ? quotedAndBlockRanges(text, p.region) : scalarTextRanges([p.doc!]))));
  if (helm) file.helm = helm;
  file.docs.forEach((sdoc, i) => {
    if (sdoc.error || file.helm) return;
    const read = parsed[i].read;
    if (read) collectRead(file, sdoc, read);
    else collectObjects(file, sdoc, toJS);
  });
  return file;
}

function quotedAndBlockRanges(text: string, region: DocumentRegion): [number, number][] {
  const ranges: [number, number][] = [];
  readRegion(text, region, ranges);
  return ranges;
}

/** A document the block reader read: `doc` is composed from its slice when first asked for. */
function lazyDoc(text: string, region: DocumentRegion, index: number): SourceDoc {
  let doc: Document.Parsed | undefined;
  // The editor's parser moves a kept region when text before it changes: this file's text goes with these offsets.
  const r = { ...region };
  return {
    index,
    span: { start: r.start, end: r.end },
    get doc(): Document.Parsed {
      doc ??= composeRegion(text, r, cheapQuotes) ?? (new Document(null) as unknown as Document.Parsed);
      return doc;
    },
  };
}

function collectRead(file: SourceFile, sdoc: SourceDoc, rd: ReadDoc): void {
  const value = rd.value;
  if (!isObjectValue(value)) return;
  if (isListKind(value) && Array.isArray(value.items)) {
    const at = rd.shape?.keys?.indexOf('items') ?? -1;
    const itemsShape = at >= 0 ? rd.shape!.kids[at] : undefined;
    if (!itemsShape || itemsShape.keys) return;
    (value.items as unknown[]).forEach((v, i) => {
      const shape = itemsShape.kids[i];
      if (isObjectValue(v) && shape?.keys) file.objects.push(makeObject(file, sdoc, undefined, v, i, shape));
    });
    return;
  }
  file.objects.push(makeObject(file, sdoc, undefined, value, undefined, rd.shape));
}

function collectObjects(file: SourceFile, sdoc: SourceDoc, toJS: ToJS): void {
  const root = sdoc.doc.contents;
  if (!isMap(root)) return;
  let value: unknown;
  try {
    value = toJS(sdoc.doc);
  } catch (e) {
    const r = root.range ?? [0, 0, 0];
    sdoc.error = { message: (e as Error).message, span: { start: r[0], end: r[0] + 1 } };
    return;
  }
  if (!isObjectValue(value)) return;
  if (isListKind(value) && Array.isArray(value.items)) {
    const items = root.get('items', true);
    if (!isSeq(items)) return;
    items.items.forEach((item, i) => {
      const v = (value.items as unknown[])[i];
      if (isMap(item) && isObjectValue(v)) file.objects.push(makeObject(file, sdoc, item, v, i));
    });
    return;
  }
  file.objects.push(makeObject(file, sdoc, root, value));
}

function isListKind(v: Record<string, unknown>): boolean {
  return typeof v.kind === 'string' && v.kind.endsWith('List') && v.apiVersion === 'v1';
}

function isObjectValue(v: unknown): v is Record<string, unknown> & { apiVersion: string; kind: string } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o.apiVersion === 'string' && typeof o.kind === 'string' && o.apiVersion !== '' && o.kind !== '';
}

/** An object of a document; without `node` (the block reader read it), its node is found on first use. */
function makeObject(file: SourceFile, doc: SourceDoc, node: YAMLMap | undefined, value: Record<string, unknown>, listIndex?: number, shape?: Shape): KObject {
  const meta = (typeof value.metadata === 'object' && value.metadata !== null ? value.metadata : {}) as Record<string, unknown>;
  let own = node;
  const obj: KObject = {
    file,
    doc,
    get node(): YAMLMap {
      own ??= composedNode(doc, listIndex);
      return own;
    },
    value,
    apiVersion: String(value.apiVersion),
    kind: String(value.kind),
    name: typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '',
  };
  if (typeof meta.namespace === 'string') obj.namespace = meta.namespace;
  if (listIndex !== undefined) obj.listIndex = listIndex;
  if (shape) obj.shape = shape;
  return obj;
}

function composedNode(doc: SourceDoc, listIndex: number | undefined): YAMLMap {
  const root = doc.doc.contents;
  const node = isMap(root) && listIndex !== undefined ? root.get('items', true) : root;
  const own = listIndex === undefined ? node : isSeq(node) ? node.items[listIndex] : undefined;
  return (isMap(own) ? own : new Document({}).contents) as YAMLMap;
}

export function toLocation(file: SourceFile, span: Span): Location {
  const s = file.lineCounter.linePos(span.start);
  const e = file.lineCounter.linePos(span.end);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}

export function nodeSpan(node: Node | null | undefined): Span | undefined {
  if (!node || !node.range) return undefined;
  return { start: node.range[0], end: node.range[1] };
}

export { isMap, isScalar, isSeq };
