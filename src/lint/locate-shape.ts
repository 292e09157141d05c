// spanOf (locate.ts) for an object the block reader read: its Shapes hold where every key and value is, so a
// finding is located without composing a `yaml` document. Gives the same span as the `yaml` path, or undefined
// where only `yaml` knows it (the own range of a block collection), and then the caller composes.
import type { Shape } from './block-yaml';
import type { Path, Span } from './types';

export function shapeSpanOf(root: Shape, path: Path, prefer: 'key' | 'value' | 'auto'): Span | undefined {
  let node: Shape | undefined = root; // undefined once the walk reaches a scalar
  let at = -1; // where the last step's entry is in its parent's `at`
  let parent: Shape = root;
  let pair = false;
  let depth = 0;
  for (const seg of path) {
    if (!node) break;
    let i = -1;
    if (node.keys && typeof seg === 'string') i = node.keys.indexOf(seg);
    else if (!node.keys && typeof seg === 'number' && seg >= 0 && seg < node.kids.length) i = seg;
    if (i < 0) break;
    parent = node;
    pair = Boolean(node.keys);
    at = pair ? i * 4 : i * 2;
    node = node.kids[i];
    depth++;
  }
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
