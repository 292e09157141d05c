// Text edits that change one value and leave every other byte alone: comments, quoting, key order and blank
// lines stay as the author wrote them. Each function returns undefined where it cannot edit safely.
import { stringify } from 'yaml';
import { locateForEdit, type EditTarget } from './edit-target';
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

/** Appends the entries of `entries` to a map that exists in the source. */
function insertIntoMap(obj: KObject, map: EditTarget, entries: Record<string, unknown>, ownerKeyColumn: number): TextEdit | undefined {
  const text = obj.file.text;
  if (map.flow) {
    // `{}` or `{a: 1}`: JSON is valid flow YAML, so extend the braces in place.
    const [start, end] = map.flow;
    const inner = text.slice(start + 1, end - 1).trim();
    const added = Object.entries(entries).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
    return { start, end, text: `{${inner ? `${inner}, ` : ''}${added}}` };
  }
  if (map.first === undefined || map.last === undefined) return undefined;
  const indent = map.first >= 0 ? column(obj, map.first) : ownerKeyColumn + INDENT;
  const at = afterLine(text, map.last);
  const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return { start: at, end: at, text: prefix + block(entries, indent) };
}

/** Sets `path` to `value`, creating the maps on the way. */
export function setIn(obj: KObject, path: Path, value: unknown): TextEdit[] | undefined {
  const loc = locateForEdit(obj, path);
  const t = loc.target;
  if (loc.depth === path.length) {
    if (t.kind !== 'scalar' || t.start < 0) return undefined;
    if (t.isNull && loc.key) return fillEmptyValue(obj, loc.key, value);
    return [{ start: t.start, end: t.end, text: scalarText(value) }];
  }
  const rest = path.slice(loc.depth);
  if (rest.some((s) => typeof s !== 'string')) return undefined;
  const entries = nest(rest, value);
  if (t.kind === 'map') {
    const edit = insertIntoMap(obj, t, entries, loc.key ? column(obj, loc.key.start) : 0);
    return edit ? [edit] : undefined;
  }
  // `securityContext:` with nothing after it parses as a null scalar: write the block under the key.
  if (t.kind === 'scalar' && t.isNull && loc.key) return fillEmptyValue(obj, loc.key, entries);
  return undefined;
}

function fillEmptyValue(obj: KObject, key: { start: number; end: number }, value: unknown): TextEdit[] | undefined {
  const text = obj.file.text;
  const colon = text.indexOf(':', key.end);
  if (colon < 0) return undefined;
  const lineEnd = text.indexOf('\n', colon);
  const end = lineEnd < 0 ? text.length : lineEnd;
  // Keep a trailing comment on the key's line.
  const rest = text.slice(colon + 1, end);
  const comment = rest.indexOf('#') >= 0 ? ' ' + rest.slice(rest.indexOf('#')) : '';
  const isObj = typeof value === 'object' && value !== null;
  if (!isObj) return [{ start: colon + 1, end, text: ` ${scalarText(value)}${comment}` }];
  const indent = column(obj, key.start) + INDENT;
  return [{ start: colon + 1, end, text: `${comment}\n${block(value, indent).replace(/\n$/, '')}` }];
}

/** Adds `entries` to the map at `path` (created when missing); keys already there are left alone. */
export function mergeIn(obj: KObject, path: Path, entries: Record<string, unknown>): TextEdit[] | undefined {
  const loc = locateForEdit(obj, path);
  const t = loc.target;
  if (loc.depth < path.length || t.kind !== 'map') return setIn(obj, path, entries);
  const fresh = Object.fromEntries(Object.entries(entries).filter(([k]) => !t.keys?.includes(k)));
  if (Object.keys(fresh).length === 0) return undefined;
  const edit = insertIntoMap(obj, t, fresh, loc.key ? column(obj, loc.key.start) : 0);
  return edit ? [edit] : undefined;
}

/** Appends `item` to the sequence at `path`, creating it when missing. */
export function appendTo(obj: KObject, path: Path, item: unknown): TextEdit[] | undefined {
  const loc = locateForEdit(obj, path);
  if (loc.depth < path.length) return setIn(obj, path, [item]);
  const seq = loc.target;
  if (seq.kind !== 'seq') return undefined;
  const text = obj.file.text;
  if (seq.flow) {
    const [start, end] = seq.flow;
    const inner = text.slice(start + 1, end - 1).trim();
    return [{ start, end, text: `[${inner ? `${inner}, ` : ''}${JSON.stringify(item)}]` }];
  }
  if (seq.first === undefined || seq.last === undefined || seq.first < 0 || seq.last < 0) return undefined;
  const dash = text.lastIndexOf('-', seq.first);
  if (dash < lineStart(text, seq.first)) return undefined;
  const indent = column(obj, dash);
  const lines = block(item, indent + INDENT).split('\n');
  lines[0] = ' '.repeat(indent) + '- ' + lines[0].slice(indent + INDENT);
  const at = afterLine(text, seq.last);
  const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return [{ start: at, end: at, text: prefix + lines.join('\n') }];
}

/** Removes the key at `path` and its value, when the pair occupies whole lines of its own. */
export function removeAt(obj: KObject, path: Path): TextEdit[] | undefined {
  const loc = locateForEdit(obj, path);
  if (loc.depth !== path.length || !loc.key) return undefined;
  const text = obj.file.text;
  const start = lineStart(text, loc.key.start);
  if (text.slice(start, loc.key.start).trim() !== '') return undefined;
  return [{ start, end: afterLine(text, loc.key.valueEnd), text: '' }];
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
