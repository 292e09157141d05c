// Maps a data path of an object back to the source: the finding's range is the offending key or value,
// not the whole document.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { shapeSpanOf } from './locate-shape';
import type { KObject } from './source';
import type { Path, Span } from './types';

export interface Located {
  /** The node at the deepest part of the path that exists. */
  node: Node;
  /** The pair whose value is `node`, when `node` is a map value (gives the key's range). */
  pair?: Pair;
  /** How many path segments exist in the source. */
  depth: number;
}

function deref(node: unknown, doc: Document): Node | undefined {
  if (isAlias(node)) return node.resolve(doc) ?? undefined;
  return (node ?? undefined) as Node | undefined;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const k = item.key;
    const name = isScalar(k) ? k.value : k;
    if (name === key || (typeof name !== 'object' && String(name) === key)) return item;
  }
  return undefined;
}

/** Walks `path` from the object's root as far as the source goes. */
export function locate(obj: KObject, path: Path): Located {
  const doc = obj.doc.doc;
  let node: Node = obj.node;
  let pair: Pair | undefined;
  let depth = 0;
  for (const seg of path) {
    let next: Node | undefined;
    let nextPair: Pair | undefined;
    if (isMap(node) && typeof seg === 'string') {
      nextPair = findPair(node, seg);
      next = nextPair ? deref(nextPair.value, doc) : undefined;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = deref(node.items[seg], doc);
    }
    if (!next) break;
    node = next;
    pair = nextPair;
    depth++;
  }
  return { node, pair, depth };
}

function span(node: Node | null | undefined): Span | undefined {
  return node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
}

/**
 * The range to underline for `path`. A scalar value is underlined itself; a collection by its key; a missing
 * field by the key of the deepest part that exists (for a container, its `name`), so the squiggle stays short.
 */
export function spanOf(obj: KObject, path: Path, prefer: 'key' | 'value' | 'auto' = 'auto'): Span {
  const read = obj.shape && shapeSpanOf(obj.shape, path, prefer);
  if (read) return read;
  const loc = locate(obj, path);
  const complete = loc.depth === path.length;
  if (complete && prefer !== 'key' && isScalar(loc.node)) return span(loc.node) ?? fallback(obj);
  if (complete && prefer === 'value') return span(loc.node) ?? fallback(obj);
  if (loc.pair) return span(loc.pair.key as Node) ?? fallback(obj);
  // A sequence item (a container) or the object root: point at its name, else at its first key.
  if (isMap(loc.node)) {
    const name = findPair(loc.node, 'name');
    if (name && loc.depth > 0) return span(name.value as Node) ?? fallback(obj);
    const kind = loc.depth === 0 ? findPair(loc.node, 'kind') : undefined;
    if (kind) return span(kind.value as Node) ?? fallback(obj);
    const first = loc.node.items.find(isPair);
    if (first) return span(first.key as Node) ?? fallback(obj);
  }
  return span(loc.node) ?? fallback(obj);
}

function fallback(obj: KObject): Span {
  return { start: obj.doc.span.start, end: obj.doc.span.start + 1 };
}

/** The name of the object, for pointing at a whole object (a Pod without a controller, a Role). */
export function objectSpan(obj: KObject): Span {
  return spanOf(obj, ['metadata', 'name']);
}
