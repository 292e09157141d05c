// Offsets of documents parsed from a slice of a file: line starts of the whole text, and `yaml` node ranges or the
// block reader's shapes moved from the slice's offsets to the file's. The editor's incremental parser and the block
// reader's fallback share them.
import { LineCounter, type Document } from 'yaml';
import type { Shape } from './block-yaml';

/** Line starts as the parser records them (it reports one after every line feed). */
export function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

export function shiftDoc(doc: Document.Parsed, delta: number): void {
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

/** Moves a block reader's Shape by `delta`, in place; a -1 (a block collection's end, left to yaml) stays. */
export function shiftShape(shape: Shape, delta: number): void {
  const at = shape.at;
  for (let i = 0; i < at.length; i++) if (at[i] >= 0) at[i] += delta;
  if (shape.flow) {
    shape.flow[0] += delta;
    shape.flow[1] += delta;
  }
  for (const kid of shape.kids) if (kid) shiftShape(kid, delta);
}
