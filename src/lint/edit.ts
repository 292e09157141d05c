// Text edits that change one value and leave every other byte alone: comments, quoting, key order and blank
// lines stay as the author wrote them. Each function returns undefined where it cannot edit safely.
import { isMap, isScalar, isSeq, stringify, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { locate } from './locate';
import type { KObject } from './source';
import type { Path, TextEdit } from './types';

const INDENT = 2;

function column(obj: KObject, offset: number): number {
  return obj.file.lineCounter.linePos(offset).col - 1;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line holding `offset` (its newline included), or the end of the text. */
function afterLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** YAML block text for `value`, every line indented by `indent` spaces, ending in a newline. */
function block(value: unknown, indent: number): string {
  const body = stringify(value, { lineWidth: 0, indentSeq: false });
  const pad = ' '.repeat(indent);
  return body.replace(/\n$/, '').split('\n').map((l) => pad + l).join('\n') + '\n';
}

function scalarText(value: unknown): string {
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

function nest(path: Path, value: unknown): Record<string, unknown> {
  let v = value;
  for (let i = path.length - 1; i >= 1; i--) v = { [path[i] as string]: v };
  return { [path[0] as string]: v };
}

function endOf(node: Node | null | undefined, fallback: number): number {
  return node?.range ? node.range[1] : fallback;
}

/** Appends the entries of `entries` to a map that exists in the source. */
function insertIntoMap(obj: KObject, map: YAMLMap, entries: Record<string, unknown>, ownerKeyColumn: number): TextEdit | undefined {
  const text = obj.file.text;
  if (!map.range) return undefined;
  if (map.flow) {
    // `{}` or `{a: 1}`: JSON is valid flow YAML, so extend the braces in place.
    const inner = text.slice(map.range[0] + 1, map.range[1] - 1).trim();
    const added = Object.entries(entries).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
    return { start: map.range[0], end: map.range[1], text: `{${inner ? `${inner}, ` : ''}${added}}` };
  }
  const pairs = map.items as Pair[];
  if (pairs.length === 0) return undefined;
  const firstKey = pairs[0].key as Node;
  const indent = firstKey.range ? column(obj, firstKey.range[0]) : ownerKeyColumn + INDENT;
  const last = pairs[pairs.length - 1];
  const at = afterLine(text, endOf(last.value as Node, endOf(last.key as Node, map.range[1])));
  const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return { start: at, end: at, text: prefix + block(entries, indent) };
}

/** Sets `path` to `value`, creating the maps on the way. */
export function setIn(obj: KObject, path: Path, value: unknown): TextEdit[] | undefined {
  const loc = locate(obj, path);
  if (loc.depth === path.length) {
    if (!isScalar(loc.node) || !loc.node.range) return undefined;
    if (loc.node.value === null && loc.pair) return fillEmptyValue(obj, loc.pair, value);
    return [{ start: loc.node.range[0], end: loc.node.range[1], text: scalarText(value) }];
  }
  const rest = path.slice(loc.depth);
  if (rest.some((s) => typeof s !== 'string')) return undefined;
  const entries = nest(rest, value);
  if (isMap(loc.node)) {
    const ownerCol = loc.pair?.key && (loc.pair.key as Node).range ? column(obj, (loc.pair.key as Node).range![0]) : 0;
    const edit = insertIntoMap(obj, loc.node, entries, ownerCol);
    return edit ? [edit] : undefined;
  }
  // `securityContext:` with nothing after it parses as a null scalar: write the block under the key.
  if (isScalar(loc.node) && loc.node.value === null && loc.pair) return fillEmptyValue(obj, loc.pair, entries);
  return undefined;
}

function fillEmptyValue(obj: KObject, pair: Pair, value: unknown): TextEdit[] | undefined {
  const key = pair.key as Node;
  if (!key.range) return undefined;
  const text = obj.file.text;
  const colon = text.indexOf(':', key.range[1]);
  if (colon < 0) return undefined;
  const lineEnd = text.indexOf('\n', colon);
  const end = lineEnd < 0 ? text.length : lineEnd;
  // Keep a trailing comment on the key's line.
  const rest = text.slice(colon + 1, end);
  const comment = rest.indexOf('#') >= 0 ? ' ' + rest.slice(rest.indexOf('#')) : '';
  const isObj = typeof value === 'object' && value !== null;
  if (!isObj) return [{ start: colon + 1, end, text: ` ${scalarText(value)}${comment}` }];
  const indent = column(obj, key.range[0]) + INDENT;
  return [{ start: colon + 1, end, text: `${comment}\n${block(value, indent).replace(/\n$/, '')}` }];
}

/** Adds `entries` to the map at `path` (created when missing); keys already there are left alone. */
export function mergeIn(obj: KObject, path: Path, entries: Record<string, unknown>): TextEdit[] | undefined {
  const loc = locate(obj, path);
  if (loc.depth < path.length || !isMap(loc.node)) return setIn(obj, path, entries);
  const ownerCol = loc.pair?.key && (loc.pair.key as Node).range ? column(obj, (loc.pair.key as Node).range![0]) : 0;
  const fresh = Object.fromEntries(Object.entries(entries).filter(([k]) => !loc.node || !(loc.node as YAMLMap).has(k)));
  if (Object.keys(fresh).length === 0) return undefined;
  const edit = insertIntoMap(obj, loc.node, fresh, ownerCol);
  return edit ? [edit] : undefined;
}

/** Appends `item` to the sequence at `path`, creating it when missing. */
export function appendTo(obj: KObject, path: Path, item: unknown): TextEdit[] | undefined {
  const loc = locate(obj, path);
  if (loc.depth < path.length) return setIn(obj, path, [item]);
  const seq = loc.node;
  if (!isSeq(seq) || !seq.range) return undefined;
  const text = obj.file.text;
  if (seq.flow) {
    const inner = text.slice(seq.range[0] + 1, seq.range[1] - 1).trim();
    return [{ start: seq.range[0], end: seq.range[1], text: `[${inner ? `${inner}, ` : ''}${JSON.stringify(item)}]` }];
  }
  return appendToBlockSeq(obj, seq, item);
}

function appendToBlockSeq(obj: KObject, seq: YAMLSeq, item: unknown): TextEdit[] | undefined {
  const text = obj.file.text;
  const first = seq.items[0] as Node | undefined;
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!first?.range || !last?.range) return undefined;
  const dash = text.lastIndexOf('-', first.range[0]);
  if (dash < lineStart(text, first.range[0])) return undefined;
  const indent = column(obj, dash);
  const lines = block(item, indent + INDENT).split('\n');
  lines[0] = ' '.repeat(indent) + '- ' + lines[0].slice(indent + INDENT);
  const at = afterLine(text, last.range[1]);
  const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return [{ start: at, end: at, text: prefix + lines.join('\n') }];
}

/** Removes the key at `path` and its value, when the pair occupies whole lines of its own. */
export function removeAt(obj: KObject, path: Path): TextEdit[] | undefined {
  const loc = locate(obj, path);
  if (loc.depth !== path.length || !loc.pair) return undefined;
  const key = loc.pair.key as Node;
  if (!key.range) return undefined;
  const text = obj.file.text;
  const start = lineStart(text, key.range[0]);
  if (text.slice(start, key.range[0]).trim() !== '') return undefined;
  const end = afterLine(text, endOf(loc.pair.value as Node, key.range[1]));
  return [{ start, end, text: '' }];
}

/** Applies non-overlapping edits to a text (used by the CLI's --fix and by tests). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let floor = Infinity;
  for (const e of sorted) {
    if (e.end > floor) continue; // overlaps an edit already applied: skip rather than corrupt
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    floor = e.start;
  }
  return out;
}

/**
 * The fixes of one pass: in order, each fix whose edits touch none already taken (two insertions at one point
 * count as touching, since their order would be arbitrary). The rest wait for the next pass, after a re-lint.
 */
function selectNonOverlapping<T extends { edits: readonly TextEdit[] }>(fixes: readonly T[]): { taken: T[]; edits: TextEdit[] } {
  const taken: T[] = [];
  const edits: TextEdit[] = [];
  for (const fix of fixes) {
    if (fix.edits.length === 0) continue; // a fix that could not be made for this source
    if (fix.edits.some((e) => edits.some((t) => e.start <= t.end && t.start <= e.end))) continue;
    taken.push(fix);
    edits.push(...fix.edits);
  }
  return { taken, edits };
}

/** How many fix-and-re-lint passes the CLI's --fix and the editor's "fix all" make at most. */
export const MAX_FIX_PASSES = 10;

/**
 * One pass of "fix all" (as ESLint does it): applies every safe fix of `findings` that doesn't touch another taken
 * in the same pass. The caller re-lints the new text and calls again until nothing is fixed.
 */
export function fixPass<F extends { fix?: { edits: readonly TextEdit[] } }>(text: string, findings: readonly F[]): { text: string; fixed: F[] } {
  const { taken, edits } = selectNonOverlapping(findings.flatMap((f) => (f.fix ? [{ finding: f, edits: f.fix.edits }] : [])));
  return { text: edits.length ? applyEdits(text, edits) : text, fixed: taken.map((t) => t.finding) };
}
