// What a quick fix's edits need to know about the place a path leads to, from either source of positions: the
// block reader's Shapes (no `yaml` document is composed) or `yaml`'s nodes. edit.ts works on this alone, so a fix
// gives the same edits whichever path read the document (test/unit/lint/block-yaml.test.ts compares them).
import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Shape } from './block-yaml';
import { locate } from './locate';
import { walkShape } from './locate-shape';
import type { KObject } from './source';
import type { Path } from './types';

export interface EditTarget {
  kind: 'map' | 'seq' | 'scalar';
  /** A scalar's range (quotes included). */
  start: number;
  end: number;
  /** A null scalar (`key:`, `key: ~`). */
  isNull: boolean;
  /** A flow collection's range, brackets included. */
  flow?: [number, number];
  /** A mapping's keys. */
  keys?: (string | null)[];
  /** Where a collection's first key or item starts, and where its last entry ends (its last line is after it). */
  first?: number;
  last?: number;
}

export interface EditLocated {
  target: EditTarget;
  /** The key of the pair whose value the target is, and where that value ends. */
  key?: { start: number; end: number; valueEnd: number };
  /** How many path segments exist in the source. */
  depth: number;
}

/** Walks `path` as far as the source goes, as locate() does. */
export function locateForEdit(obj: KObject, path: Path): EditLocated {
  return obj.shape ? fromShape(obj, obj.shape, path) : fromNodes(obj, path);
}

function fromShape(obj: KObject, root: Shape, path: Path): EditLocated {
  const { node, parent, at, pair, depth } = walkShape(root, path);
  let value: unknown = obj.value;
  for (let i = 0; i < depth; i++) value = (value as Record<string | number, unknown>)[path[i]];
  const out: EditLocated = { target: node ? shapeTarget(node) : scalarTarget(parent, pair ? at + 2 : at, value), depth };
  if (depth > 0 && pair) out.key = { start: parent.at[at], end: parent.at[at + 1], valueEnd: entryEnd(parent, at / 4) };
  return out;
}

function scalarTarget(parent: Shape, at: number, value: unknown): EditTarget {
  return { kind: 'scalar', start: parent.at[at], end: parent.at[at + 1], isNull: value === null };
}

function shapeTarget(s: Shape): EditTarget {
  const n = s.kids.length;
  const t: EditTarget = { kind: s.keys ? 'map' : 'seq', start: s.flow ? s.flow[0] : -1, end: s.flow ? s.flow[1] : -1, isNull: false };
  if (s.flow) t.flow = s.flow;
  if (s.keys) t.keys = s.keys;
  if (n > 0) {
    t.first = s.at[0];
    t.last = entryEnd(s, n - 1);
  }
  return t;
}

/** Where entry `i` of a collection ends: its value's end, or for a block collection the end of its last entry. */
function entryEnd(s: Shape, i: number): number {
  const stride = s.keys ? 4 : 2;
  const kid = s.kids[i];
  if (!kid) return s.at[i * stride + stride - 1];
  if (kid.flow) return kid.flow[1];
  return kid.kids.length > 0 ? entryEnd(kid, kid.kids.length - 1) : s.at[i * stride + stride - 1];
}

function endOf(node: unknown, fallback: number): number {
  const r = (node as Node | null | undefined)?.range;
  return r ? r[1] : fallback;
}

function fromNodes(obj: KObject, path: Path): EditLocated {
  const loc = locate(obj, path);
  const node = loc.node;
  const out: EditLocated = { target: nodeTarget(node), depth: loc.depth };
  const key = loc.pair?.key as Node | undefined;
  if (key?.range) out.key = { start: key.range[0], end: key.range[1], valueEnd: endOf(loc.pair!.value, key.range[1]) };
  return out;
}

function nodeTarget(node: Node): EditTarget {
  const r = node.range ?? [-1, -1, -1];
  if (isScalar(node)) return { kind: 'scalar', start: r[0], end: r[1], isNull: node.value === null };
  if (isMap(node) || isSeq(node)) {
    const t: EditTarget = { kind: isMap(node) ? 'map' : 'seq', start: r[0], end: r[1], isNull: false };
    if (node.flow && node.range) t.flow = [r[0], r[1]];
    if (isMap(node)) {
      const pairs = node.items.filter(isPair) as Pair[];
      t.keys = pairs.map((p) => (isScalar(p.key) && p.key.value !== null ? String(p.key.value) : null));
      if (pairs.length > 0) {
        t.first = endOrStart(pairs[0].key, -1, 0);
        const last = pairs[pairs.length - 1];
        t.last = endOf(last.value, endOf(last.key, r[1]));
      }
    } else if (node.items.length > 0) {
      t.first = endOrStart(node.items[0], -1, 0);
      t.last = endOrStart(node.items[node.items.length - 1], -1, 1);
    }
    return t;
  }
  return { kind: 'scalar', start: r[0], end: r[1], isNull: false };
}

function endOrStart(node: unknown, fallback: number, i: 0 | 1): number {
  const r = (node as Node | null | undefined)?.range;
  return r ? r[i] : fallback;
}
