// spanOf (locate.ts) for an object the block reader read: its Shapes hold where every key and value is, so a
// finding is located without composing a `yaml` document. Gives the same span as the `yaml` path, or undefined
// where only `yaml` knows it (the own range of a block collection), and then the caller composes.
import type { Shape } from './block-yaml';
import type { Path, Span } from './types';

export interface ShapeStep {
  /** The collection the walk reached, or undefined once it reached a scalar. */
  node: Shape | undefined;
  /** The collection holding the last step's entry, and where that entry is in its `at`. */
  parent: Shape;
  at: number;
  /** Whether the last step was a mapping key (so `parent.at[at]` is a key's start). */
  pair: boolean;
  /** How many path segments exist in the source. */
  depth: number;
}

/** Walks `path` from `root` as far as the source goes, as locate() does on `yaml` nodes. */
export function walkShape(root: Shape, path: Path): ShapeStep {
  const step: ShapeStep = { node: root, parent: root, at: -1, pair: false, depth: 0 };
  for (const seg of path) {
    const node = step.node;
    if (!node) break;
    let i = -1;
    if (node.keys && typeof seg === 'string') i = node.keys.indexOf(seg);
    else if (!node.keys && typeof seg === 'number' && seg >= 0 && seg < node.kids.length) i = seg;
    if (i < 0) break;
    step.parent = node;
    step.pair = Boolean(node.keys);
    step.at = step.pair ? i * 4 : i * 2;
    step.node = node.kids[i];
    step.depth++;
  }
  return step;
}

export function shapeSpanOf(root: Shape, path: Path, prefer: 'key' | 'value' | 'auto'): Span | undefined {
  const { node, parent, at, pair, depth } = walkShape(root, path);
  const complete = depth === path.length;
  const valueAt = pair ? at + 2 : at;
  if (depth > 0 && !node) {
    // A scalar: itself when the path reaches it, else the key of its pair, else itself.
    if ((complete && prefer !== 'key') || !pair) return entrySpan(parent, valueAt);
    return entrySpan(parent, at);
  }
  if (complete && prefer === 'value') return node!.flow ? { start: node!.flow[0], end: node!.flow[1] } : undefined;
  if (pair) return entrySpan(parent, at);
  const map = node!;
  if (map.keys) {
    // A sequence item or the object itself: its name, else its kind (the object), else its first key.
    const name = depth > 0 ? map.keys.indexOf('name') : -1;
    if (name >= 0) return map.kids[name] ? undefined : entrySpan(map, name * 4 + 2);
    const kind = depth === 0 ? map.keys.indexOf('kind') : -1;
    if (kind >= 0) return map.kids[kind] ? undefined : entrySpan(map, kind * 4 + 2);
    if (map.keys.length > 0) return entrySpan(map, 0);
  }
  return map.flow ? { start: map.flow[0], end: map.flow[1] } : undefined;
}

function entrySpan(shape: Shape, at: number): Span | undefined {
  const end = shape.at[at + 1];
  return end < 0 ? undefined : { start: shape.at[at], end };
}
