// The incremental linter's parser (see incremental.ts): the text is split into segments at `---` lines; a segment
// whose text is unchanged keeps its parsed documents, their offsets shifted to where the segment now starts, and
// only changed segments are parsed again, by the block reader as parseSource does (and `yaml` where it leaves a
// document). The SourceFile built from them is the one parseSource would build (sourceFileFromParsed is shared by
// both); the unit test checks that over random edits.
import { parseAllDocuments, type Document } from 'yaml';
import { documentRegions } from './read-source';
import { lineCounterOf, shiftDoc, shiftShape } from './shift-doc';
import { MAX_ALIAS_COUNT, parseRegions, parseSource, sourceFileFromParsed, type KObject, type ParsedDoc, type SourceFile, type ToJS } from './source';

export interface Segment {
  text: string;
  /** Offset of the segment in the current text; its documents' offsets are relative to the whole text. */
  start: number;
  docs: ParsedDoc[];
  /** The plain data of its objects, to tell an edit that changes meaning from one in a comment or spacing. */
  signature: string;
  kinds: Set<string>;
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
          for (const d of reused.docs) shiftParsed(d, pieces[i].start - reused.start);
          reused.start = pieces[i].start;
        }
        segments.push(reused);
        continue;
      }
      const docs = parseSegment(pieces[i].text);
      // Error recovery may read past a `---` (an unclosed quote), so a document with errors parses differently on
      // its own than in the whole text: such a text is parsed whole until it is valid again. A text of one segment
      // was just parsed whole.
      if (!docs) return whole();
      if (docs.some((d) => d.doc && d.doc.errors.length > 0)) {
        if (pieces.length > 1) return whole();
        return { file: sourceFileFromParsed(path, text, lineCounterOf(text), docs, this.toJS), touched: new Set(), changedKinds: new Set() };
      }
      for (const d of docs) shiftParsed(d, pieces[i].start);
      const seg: Segment = { text: pieces[i].text, start: pieces[i].start, docs, signature: '', kinds: new Set() };
      segments.push(seg);
      fresh.push(seg);
    }
    const removed = old.slice(p, old.length - q);
    this.segments = segments;

    const file = sourceFileFromParsed(path, text, lineCounterOf(text), segments.flatMap((s) => s.docs), this.toJS);
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

function split(text: string): { start: number; text: string }[] {
  const starts = [0];
  for (const m of text.matchAll(DOC_START)) if (m.index! > 0) starts.push(m.index!);
  return starts.map((start, i) => ({ start, text: text.slice(start, starts[i + 1] ?? text.length) }));
}

export function objectsOf(file: SourceFile, segments: readonly Segment[]): Map<Segment, KObject[]> {
  // The file's documents are the segments' documents, in order.
  const segOfDoc: Segment[] = [];
  for (const s of segments) for (let i = 0; i < s.docs.length; i++) segOfDoc.push(s);
  const out = new Map<Segment, KObject[]>();
  for (const o of file.objects) {
    const s = segOfDoc[o.doc.index];
    const list = out.get(s);
    if (list) list.push(o);
    else out.set(s, [o]);
  }
  return out;
}

/**
 * A segment's documents, as parseSource reads them: by the block reader, or, for text it leaves to `yaml` whole
 * (CRLF line ends, a byte-order mark), by `yaml` segment by segment. Undefined when the parser gave up.
 */
function parseSegment(text: string): ParsedDoc[] | undefined {
  const regions = documentRegions(text);
  if (regions) return parseRegions(text, regions);
  let parsed: Document.Parsed[];
  try {
    const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
    parsed = Array.isArray(docs) ? docs : [];
  } catch {
    return undefined;
  }
  // A region matters only for what the block reader read; these documents carry their own ranges.
  return parsed.map((doc) => ({ doc, region: { start: 0, sliceStart: 0, contentStart: 0, end: 0, inline: false } }));
}

/** Moves a kept document to where its segment now starts. */
function shiftParsed(d: ParsedDoc, delta: number): void {
  const r = d.region;
  r.start += delta;
  r.sliceStart += delta;
  r.contentStart += delta;
  r.end += delta;
  if (d.read?.shape) shiftShape(d.read.shape, delta);
  if (d.doc) shiftDoc(d.doc, delta);
}
