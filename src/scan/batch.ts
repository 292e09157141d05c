// Lints a page of live objects as one multi-document file, then splits the findings back onto each object's own
// document. Why: cross-document rules index the workspace (selectors, ServiceAccounts, kustomize patches) and the
// workspace drops those indexes whenever a file is added or removed; linting objects one by one rebuilt them once per
// object (quadratic in the context kinds: 5,000 objects took ~17 s of CPU). One file per page rebuilds them once per
// page. Each object's document is its text exactly; offsets and lines are shifted back to it. Fixes are dropped: the
// documents are read-only views of live objects, and a fix's lazily made edits would keep the page's syntax tree alive.
import { lintText, type LintOptions } from '../lint/engine';
import type { Finding, Location, Span } from '../lint/types';
import type { Workspace } from '../lint/workspace';

const SEPARATOR = '---\n';

export interface BatchItem {
  path: string;
  text: string;
}

/** Findings per item, in item order. The page file stays in `ws` when `keep` (context kinds), else it is removed. */
export function lintBatch(batchPath: string, items: readonly BatchItem[], ws: Workspace, keep: boolean, opts: Omit<LintOptions, 'workspace'>): Finding[][] {
  const out: Finding[][] = items.map(() => []);
  if (items.length === 0) return out;
  const starts: number[] = [];
  const lines: number[] = [];
  let offset = 0;
  let line = 0;
  for (const it of items) {
    starts.push(offset);
    lines.push(line);
    offset += it.text.length + SEPARATOR.length;
    line += countLines(it.text) + 1;
  }
  const combined = items.map((i) => i.text).join(SEPARATOR);
  const findings = lintText(batchPath, combined, { ...opts, workspace: ws });
  if (!keep) ws.delete(batchPath);
  const indexOf = (pos: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const f of findings) {
    const i = indexOf(f.span.start);
    const shift = (s: Span): Span => ({ start: s.start - starts[i], end: Math.min(s.end - starts[i], items[i].text.length) });
    const moved: Finding = { ...f, file: items[i].path, span: shift(f.span), location: shiftLines(f.location, lines[i]) };
    delete moved.fix;
    delete moved.suggestions;
    if (f.related) {
      moved.related = f.related.map((r) => {
        if (r.file !== batchPath) return r;
        const j = indexOf(r.span.start);
        return { ...r, file: items[j].path, span: { start: r.span.start - starts[j], end: r.span.end - starts[j] }, location: shiftLines(r.location, lines[j]) };
      });
    }
    out[i].push(moved);
  }
  return out;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function shiftLines(l: Location, by: number): Location {
  return { line: l.line - by, column: l.column, endLine: l.endLine - by, endColumn: l.endColumn };
}
