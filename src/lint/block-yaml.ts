// A one-pass reader for the block-style YAML that Kubernetes manifests are written in: block mappings and
// sequences, plain and one-line quoted scalars, literal and folded block scalars, one-line flow collections and
// comments. It builds the plain data `yaml`'s `toJS()` would give, and where each key and value is (a Shape per
// collection), at a fraction of `yaml`'s cost: no token objects, no nodes, no second pass.
//
// Anything outside that subset (anchors, aliases, tags, multi-line plain or quoted scalars, multi-line flow,
// complex keys, directives, tabs as indentation, syntax errors) throws Unsupported and the document is parsed by
// `yaml` as before, so the result is the same either way; test/unit/lint/block-yaml.test.ts compares the two on
// every corpus the tests have.
import { blockValue, doubleQuoted, plainKey, quotedValue, resolvePlain, singleQuoted, UNSUPPORTED, type BlockHeader } from './yaml-scalar';

/** Where the entries of one collection are, for locating findings without a `yaml` document. */
export interface Shape {
  /**
   * A mapping's keys in source order (a repeated key appears twice; a null key, which no path names, is null);
   * undefined for a sequence.
   */
  keys?: (string | null)[];
  /**
   * Offsets per entry. A mapping: key start, key end, value start, value end. A sequence: value start, value end.
   * A value's end is -1 when it is a block collection (its range as `yaml` gives it is left to `yaml`).
   */
  at: number[];
  /** The shape of each entry's value when that value is a collection. */
  kids: (Shape | undefined)[];
  /** A flow collection's own range ([ to ] inclusive). */
  flow?: [number, number];
}

export interface ReadDoc {
  value: unknown;
  shape: Shape | undefined;
}

const SP = 32;
const TAB = 9;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const MAX_DEPTH = 200;

function isBlank(c: number): boolean {
  return c === SP || c === TAB;
}

/** Reads one document's content, `text` from `start` (after any `---` line) to `end`. */
export function readBlockDocument(text: string, start: number, end: number, scalarRanges?: [number, number][]): ReadDoc {
  return new Reader(text, end, scalarRanges).document(start);
}

class Reader {
  /** Indentation and content offset of the line found by nextContent. */
  private ind = 0;
  private cp = 0;
  /** Collections open around the one being read: deep nesting is left to yaml (and its nesting error). */
  private depth = 0;

  constructor(
    private readonly t: string,
    private readonly end: number,
    private readonly scalarRanges: [number, number][] | undefined,
  ) {}

  document(start: number): ReadDoc {
    const ls = this.nextContent(start);
    if (ls < 0) throw UNSUPPORTED; // an empty document: yaml gives it its null
    const shape: Shape = { at: [], kids: [] };
    let value: unknown;
    let next: number;
    if (this.isSeqEntry(this.cp)) {
      value = [];
      next = this.seq(this.ind, this.cp, value as unknown[], shape);
    } else {
      value = {};
      shape.keys = [];
      next = this.map(this.ind, this.cp, value as Record<string, unknown>, shape);
    }
    if (this.nextContent(next) >= 0) throw UNSUPPORTED; // content after the root: an error yaml reports
    return { value, shape };
  }

  /**
   * From a line start, skips blank and comment-only lines. Returns the start of the next content line (setting ind
   * and cp) or -1 at the end of the document.
   */
  private nextContent(pos: number): number {
    const t = this.t;
    const end = this.end;
    while (pos < end) {
      let p = pos;
      while (p < end && t.charCodeAt(p) === SP) p++;
      const c = p < end ? t.charCodeAt(p) : NL;
      if (c === NL) {
        pos = p + 1;
        continue;
      }
      if (c === HASH || c === TAB) {
        // A comment line, or a tab where indentation goes (fine on a blank line, an error before content).
        let q = p;
        while (q < end && isBlank(t.charCodeAt(q))) q++;
        if (q < end && t.charCodeAt(q) !== NL && t.charCodeAt(q) !== HASH) throw UNSUPPORTED;
        pos = this.lineEnd(q);
        continue;
      }
      this.ind = p - pos;
      this.cp = p;
      return pos;
    }
    return -1;
  }

  /** The offset after the end of the line holding `p` (after its newline). */
  private lineEnd(p: number): number {
    const nl = this.t.indexOf('\n', p);
    return nl < 0 || nl >= this.end ? this.end : nl + 1;
  }

  /** After a value on a line: only blanks and a comment may follow. Returns the next line's start. */
  private finishLine(p: number): number {
    const t = this.t;
    const end = this.end;
    const from = p;
    while (p < end && isBlank(t.charCodeAt(p))) p++;
    if (p >= end) return end;
    const c = t.charCodeAt(p);
    if (c === NL) return p + 1;
    if (c === HASH && p > from) return this.lineEnd(p);
    throw UNSUPPORTED;
  }

  private isSeqEntry(p: number): boolean {
    if (this.t.charCodeAt(p) !== DASH) return false;
    const c = p + 1 < this.end ? this.t.charCodeAt(p + 1) : NL;
    return c === SP || c === NL || c === TAB;
  }

  /** A block mapping whose keys stand at column `col`; the first key is at `p`. Returns the next line's start. */
  private map(col: number, p: number, out: Record<string, unknown>, shape: Shape): number {
    if (++this.depth > MAX_DEPTH) throw UNSUPPORTED;
    const next = this.mapEntries(col, p, out, shape);
    this.depth--;
    return next;
  }

  private mapEntries(col: number, p: number, out: Record<string, unknown>, shape: Shape): number {
    for (;;) {
      const next = this.entry(col, p, out, shape);
      const ls = this.nextContent(next);
      if (ls < 0) return next;
      if (this.ind < col) return ls;
      if (this.ind > col || this.isSeqEntry(this.cp)) throw UNSUPPORTED;
      p = this.cp;
    }
  }

  /** One `key: value` of a block mapping at column `col`. */
  private entry(col: number, p: number, out: Record<string, unknown>, shape: Shape): number {
    const t = this.t;
    let key: string;
    let kEnd: number;
    let q: number;
    let named = true;
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      kEnd = this.quotedEnd(p);
      key = c === 34 ? doubleQuoted(t.slice(p + 1, kEnd - 1)) : singleQuoted(t.slice(p + 1, kEnd - 1));
      q = kEnd;
      if (t.charCodeAt(q) !== COLON) throw UNSUPPORTED;
    } else {
      if (!plainStart(t, p, this.end)) throw UNSUPPORTED;
      q = this.keyColon(p);
      if (q < 0) throw UNSUPPORTED; // no key on this line: a scalar where a mapping goes
      kEnd = q;
      while (isBlank(t.charCodeAt(kEnd - 1))) kEnd--;
      key = plainKey(t.slice(p, kEnd));
      if (key === '<<') throw UNSUPPORTED;
      if (key === '' && kEnd > p) named = false;
    }
    q++; // past the colon
    const vStart = this.skipBlanks(q);
    const v = this.value(col, vStart, q, true);
    setKey(out, key);
    out[key] = v.value;
    shape.keys!.push(named ? key : null);
    shape.at.push(p, kEnd, v.start, v.end);
    shape.kids.push(v.shape);
    return v.next;
  }

  /** The colon ending a plain key that starts at `p` (the first `:` followed by a blank or the line's end), or -1. */
  private keyColon(p: number): number {
    const t = this.t;
    const end = this.end;
    for (let i = p; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === COLON) {
        const d = i + 1 < end ? t.charCodeAt(i + 1) : NL;
        if (d === SP || d === NL || d === TAB) return i;
      } else if (c === NL || (c === HASH && isBlank(t.charCodeAt(i - 1)))) {
        break;
      }
    }
    return -1;
  }

  private skipBlanks(p: number): number {
    while (p < this.end && isBlank(this.t.charCodeAt(p))) p++;
    return p;
  }

  /**
   * The value that starts at `p` on the line of its key or dash (`after` is just past the `:` or `-`), in a
   * collection at column `col`. `seqAtSameColumn`: a mapping's value may be a sequence at the key's own column.
   */
  private value(col: number, p: number, after: number, seqAtSameColumn: boolean): { value: unknown; start: number; end: number; next: number; shape?: Shape } {
    const t = this.t;
    const c = p < this.end ? t.charCodeAt(p) : NL;
    if (c === NL || c === HASH) {
      const next = this.finishLine(after);
      const ls = this.nextContent(next);
      if (ls >= 0 && (this.ind > col || (seqAtSameColumn && this.ind === col && this.isSeqEntry(this.cp)))) {
        const start = this.cp;
        const shape: Shape = { at: [], kids: [] };
        if (this.isSeqEntry(start)) {
          const arr: unknown[] = [];
          return { value: arr, start, end: -1, next: this.seq(this.ind, start, arr, shape), shape };
        }
        const obj: Record<string, unknown> = {};
        shape.keys = [];
        return { value: obj, start, end: -1, next: this.map(this.ind, start, obj, shape), shape };
      }
      // Nothing more indented follows: an empty value, null, where yaml puts it (after the blanks).
      return { value: null, start: p, end: p, next };
    }
    if (c === 34 || c === 39) {
      const e = this.quotedEnd(p, col);
      const body = t.slice(p + 1, e - 1);
      this.scalarRanges?.push([p, e]);
      return { value: quotedValue(c === 34, body), start: p, end: e, next: this.finishLine(e) };
    }
    if (c === 124 || c === 62) return this.blockScalar(col, p);
    if (c === 91 || c === 123) {
      const shape: Shape = { at: [], kids: [] };
      const r = this.flow(p, shape);
      return { value: r.value, start: p, end: r.end, next: this.finishLine(r.end), shape };
    }
    if (c === DASH && this.isSeqEntry(p)) {
      // `- - x`: a sequence in a sequence, compact. (After a key, `key: - x` is an error yaml reports.)
      if (seqAtSameColumn) throw UNSUPPORTED;
      const shape: Shape = { at: [], kids: [] };
      const arr: unknown[] = [];
      return { value: arr, start: p, end: -1, next: this.seq(p - this.lineStart(p), p, arr, shape), shape };
    }
    if (!plainStart(t, p, this.end)) throw UNSUPPORTED;
    if (!seqAtSameColumn) {
      // A sequence item: `- key: value` starts a mapping at the item's column.
      if (this.keyColon(p) >= 0) {
        const shape: Shape = { at: [], kids: [], keys: [] };
        const obj: Record<string, unknown> = {};
        return { value: obj, start: p, end: -1, next: this.map(p - this.lineStart(p), p, obj, shape), shape };
      }
    }
    return this.plain(col, p);
  }

  private lineStart(p: number): number {
    return this.t.lastIndexOf('\n', p - 1) + 1;
  }

  /**
   * A plain scalar in block context: its first line, and the lines after it indented more than `col`, folded
   * (a line break is a space, each empty line a newline). A comment ends it.
   */
  private plain(col: number, p: number): { value: unknown; start: number; end: number; next: number } {
    const t = this.t;
    const end = this.end;
    let r = this.plainLine(p);
    let text = t.slice(p, r.last);
    let last = r.last;
    let next = r.next;
    let empties = 0;
    for (let ls = next; !r.comment && ls < end; ) {
      let q = ls;
      while (q < end && t.charCodeAt(q) === SP) q++;
      const spaces = q - ls;
      while (q < end && isBlank(t.charCodeAt(q))) q++;
      const c = q < end ? t.charCodeAt(q) : NL;
      if (c === NL) {
        empties++;
        ls = q < end ? q + 1 : end;
        continue;
      }
      if (spaces <= col || c === HASH) break;
      // Any character may go on a plain scalar, but `- `, `? ` and `: ` look like structure: yaml's to judge.
      if (q > ls + spaces || ((c === DASH || c === 63 || c === COLON) && !plainStart(t, q, end))) throw UNSUPPORTED;
      r = this.plainLine(q);
      text += (empties > 0 ? '\n'.repeat(empties) : ' ') + t.slice(q, r.last);
      empties = 0;
      last = r.last;
      next = r.next;
      ls = next;
    }
    // After a comment, a more indented line is an error yaml reports.
    const ls = this.nextContent(next);
    if (ls >= 0 && this.ind > col) throw UNSUPPORTED;
    return { value: resolvePlain(text), start: p, end: last, next };
  }

  /** One line of a plain scalar from `p`: where its text ends (trailing blanks cut), the next line, and whether a comment ended it. */
  private plainLine(p: number): { last: number; next: number; comment: boolean } {
    const t = this.t;
    const end = this.end;
    let i = p;
    let last = p;
    let comment = false;
    for (; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === NL) break;
      if (c === HASH && isBlank(t.charCodeAt(i - 1))) {
        comment = true;
        break;
      }
      if (c === COLON) {
        const d = i + 1 < end ? t.charCodeAt(i + 1) : NL;
        if (d === SP || d === NL || d === TAB) throw UNSUPPORTED; // `a: b: c`, an error yaml reports
      }
      if (!isBlank(c)) last = i + 1;
    }
    return { last, next: i < end ? this.lineEnd(i) : end, comment };
  }

  /**
   * The offset after the closing quote of a quoted scalar that starts at `p`. With `col`, it may go on over lines
   * indented more than `col` (a key, and a scalar in a flow collection, stay on one line).
   */
  private quotedEnd(p: number, col = -1): number {
    const t = this.t;
    const q = t.charCodeAt(p);
    for (let i = p + 1; i < this.end; i++) {
      const c = t.charCodeAt(i);
      if (c === NL) {
        if (col < 0) break;
        let j = i + 1;
        while (j < this.end && t.charCodeAt(j) === SP) j++;
        const d = j < this.end ? t.charCodeAt(j) : NL;
        if (d !== NL && (j - i - 1 <= col || d === TAB)) break;
        continue;
      }
      if (q === 34 && c === 92) {
        i++;
        continue;
      }
      if (c === q) {
        if (q === 39 && t.charCodeAt(i + 1) === 39) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    throw UNSUPPORTED; // unterminated, or continued where yaml must judge the indentation
  }

  /** A sequence whose dashes stand at column `col`, the first at `p`. */
  private seq(col: number, p: number, out: unknown[], shape: Shape): number {
    if (++this.depth > MAX_DEPTH) throw UNSUPPORTED;
    const next = this.seqItems(col, p, out, shape);
    this.depth--;
    return next;
  }

  private seqItems(col: number, p: number, out: unknown[], shape: Shape): number {
    for (;;) {
      const after = p + 1;
      const start = this.skipBlanks(after);
      // A tab between the dash and the item is indentation of what follows, which YAML forbids: yaml reports it.
      for (let i = after; i < start; i++) if (this.t.charCodeAt(i) === TAB) throw UNSUPPORTED;
      const v = this.value(col, start, after, false);
      out.push(v.value);
      shape.at.push(v.start, v.end);
      shape.kids.push(v.shape);
      const ls = this.nextContent(v.next);
      if (ls < 0) return v.next;
      if (this.ind < col || (this.ind === col && !this.isSeqEntry(this.cp))) return ls;
      if (this.ind > col) throw UNSUPPORTED;
      p = this.cp;
    }
  }

  /** A literal (`|`) or folded (`>`) block scalar whose indicator is at `p`, in a collection at column `col`. */
  private blockScalar(col: number, p: number): { value: unknown; start: number; end: number; next: number } {
    const t = this.t;
    const end = this.end;
    const h: BlockHeader = { folded: t.charCodeAt(p) === 62, chomp: '' };
    let i = p + 1;
    let explicit = 0; // an indentation indicator: the content's indentation relative to the collection's column
    for (; i < end; i++) {
      const c = t.charCodeAt(i);
      if ((c === DASH || c === 43) && h.chomp === '') h.chomp = c === DASH ? '-' : '+';
      else if (c >= 49 && c <= 57 && explicit === 0) explicit = c - 48;
      else break;
    }
    const c = i < end ? t.charCodeAt(i) : NL;
    if (c !== NL && !isBlank(c)) throw UNSUPPORTED; // junk after the header
    let ls = this.finishLine(i);
    const lines: string[] = [];
    let indent = explicit > 0 ? col + explicit : -1;
    let trailingEmpty = 0;
    let contentEnd = ls;
    while (ls < end) {
      let q = ls;
      while (q < end && t.charCodeAt(q) === SP) q++;
      const spaces = q - ls;
      const ch = q < end ? t.charCodeAt(q) : NL;
      if (ch === NL) {
        if (indent >= 0 && spaces > indent) {
          // Spaces beyond the indentation are content.
          lines.push(t.slice(ls + indent, q));
          trailingEmpty = 0;
          contentEnd = q < end ? q + 1 : end;
        } else {
          if (indent < 0 && spaces > 0) throw UNSUPPORTED; // leading blank lines with spaces: yaml decides
          lines.push('');
          trailingEmpty++;
        }
        ls = q < end ? q + 1 : end;
        continue;
      }
      if (ch === TAB && (indent < 0 || spaces < indent)) throw UNSUPPORTED;
      if (indent < 0) {
        if (spaces <= col) break;
        indent = spaces;
      } else if (spaces < indent) {
        break;
      }
      const nl = t.indexOf('\n', q);
      const eol = nl < 0 || nl >= end ? end : nl;
      lines.push(t.slice(ls + indent, eol));
      trailingEmpty = 0;
      contentEnd = eol < end ? eol + 1 : end;
      ls = contentEnd;
    }
    if (indent < 0) throw UNSUPPORTED;
    lines.length -= trailingEmpty;
    if (h.folded && lines[0].length === 0) throw UNSUPPORTED;
    if (h.chomp === '+') throw UNSUPPORTED; // keep: where trailing lines end is yaml's call
    this.scalarRanges?.push([p, contentEnd]);
    return { value: blockValue(h, lines, trailingEmpty), start: p, end: contentEnd, next: contentEnd };
  }

  /** A flow collection on one line, from `[` or `{` at `p`. Returns its value and the offset after its closer. */
  private flow(p: number, shape: Shape): { value: unknown; end: number } {
    if (++this.depth > MAX_DEPTH) throw UNSUPPORTED;
    const r = this.flowEntries(p, shape);
    this.depth--;
    return r;
  }

  private flowEntries(p: number, shape: Shape): { value: unknown; end: number } {
    const t = this.t;
    const open = t.charCodeAt(p);
    const close = open === 91 ? 93 : 125;
    const isMap = open === 123;
    const value: unknown = isMap ? {} : [];
    if (isMap) shape.keys = [];
    let i = this.skipBlanks(p + 1);
    if (t.charCodeAt(i) === close) {
      shape.flow = [p, i + 1];
      return { value, end: i + 1 };
    }
    for (;;) {
      let key: string | undefined;
      let ks = 0;
      let ke = 0;
      if (isMap) {
        const k = this.flowScalar(i, true);
        if (typeof k.value === 'object' && k.value !== null) throw UNSUPPORTED;
        key = k.quoted ? (k.value as string) : plainKey(t.slice(i, k.end));
        if (key === '<<' || (key === '' && !k.quoted)) throw UNSUPPORTED;
        ks = i;
        ke = k.end;
        i = this.skipBlanks(k.end);
        if (t.charCodeAt(i) !== COLON) throw UNSUPPORTED;
        i = this.skipBlanks(i + 1);
      }
      const vs = i;
      let v: unknown;
      let ve: number;
      let kid: Shape | undefined;
      const c = t.charCodeAt(i);
      if (c === 91 || c === 123) {
        kid = { at: [], kids: [] };
        const r = this.flow(i, kid);
        v = r.value;
        ve = r.end;
      } else {
        const s = this.flowScalar(i, false);
        v = s.value;
        ve = s.end;
      }
      if (isMap) {
        setKey(value as Record<string, unknown>, key!);
        (value as Record<string, unknown>)[key!] = v;
        shape.keys!.push(key!);
        shape.at.push(ks, ke, vs, ve);
      } else {
        (value as unknown[]).push(v);
        shape.at.push(vs, ve);
      }
      shape.kids.push(kid);
      i = this.skipBlanks(ve);
      const d = t.charCodeAt(i);
      if (d === close) {
        shape.flow = [p, i + 1];
        return { value, end: i + 1 };
      }
      if (d !== 44) throw UNSUPPORTED;
      i = this.skipBlanks(i + 1);
      if (t.charCodeAt(i) === close) throw UNSUPPORTED; // a trailing comma: left to yaml
    }
  }

  /** A scalar inside a flow collection: quoted, or plain up to a flow indicator, `: ` or the line's end. */
  private flowScalar(p: number, isKey: boolean): { value: unknown; end: number; quoted: boolean } {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      const e = this.quotedEnd(p);
      const body = t.slice(p + 1, e - 1);
      this.scalarRanges?.push([p, e]);
      return { value: c === 34 ? doubleQuoted(body) : singleQuoted(body), end: e, quoted: true };
    }
    if (!plainStart(t, p, this.end)) throw UNSUPPORTED;
    let last = p;
    for (let i = p; i < this.end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === NL) throw UNSUPPORTED; // multi-line flow
      if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) break;
      if (ch === HASH && isBlank(t.charCodeAt(i - 1))) throw UNSUPPORTED;
      if (ch === COLON) {
        const d = t.charCodeAt(i + 1);
        if (d === SP || d === TAB || d === 44 || d === 93 || d === 125 || d === NL) {
          if (!isKey) throw UNSUPPORTED; // `[a: b]`, a single-pair mapping in a sequence
          break;
        }
      }
      if (!isBlank(ch)) last = i + 1;
    }
    if (last === p) throw UNSUPPORTED;
    return { value: resolvePlain(t.slice(p, last)), end: last, quoted: false };
  }
}

/** Whether a plain scalar may start at `p`: not an indicator, except `-`, `?` and `:` before a non-blank. */
function plainStart(t: string, p: number, end: number): boolean {
  const c = t.charCodeAt(p);
  switch (c) {
    case 44: case 91: case 93: case 123: case 125: case 35: case 38: case 42: case 33: case 124: case 62:
    case 39: case 34: case 37: case 64: case 96:
      return false;
    case DASH: case 63: case COLON: {
      const d = p + 1 < end ? t.charCodeAt(p + 1) : NL;
      return d !== SP && d !== TAB && d !== NL;
    }
    default:
      return p < end;
  }
}

/** `__proto__` would set the prototype, not a key: yaml defines it as an own property, and so does this. */
function setKey(out: Record<string, unknown>, key: string): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value: undefined, writable: true, enumerable: true, configurable: true });
}
