// Where "disable this rule" quick fixes write their comments. Plain text logic, no vscode: unit-tested.
import type { TextEdit } from '../lint/types';

const NEXT_LINE = /^(\s*)#\s*wharf-disable-next-line\b(.*)$/;
const DOC_MARKER = /^---[^\S\n]*(?:#.*)?$/gm;

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, end: nl < 0 ? text.length : nl };
}

const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

/** `# wharf-disable-next-line <id>` above the line holding `offset`, or the id added to such a comment already there. */
export function disableForLine(text: string, offset: number, ruleId: string): TextEdit {
  const line = lineBounds(text, offset);
  if (line.start > 0) {
    const prev = lineBounds(text, line.start - 1);
    const m = NEXT_LINE.exec(text.slice(prev.start, prev.end).replace(/\r$/, ''));
    if (m) {
      const ids = m[2].split(/[\s,]+/).filter(Boolean);
      // Already there (the finding comes from elsewhere, e.g. the annotation): leave the comment alone.
      if (ids.includes(ruleId)) return { start: prev.start, end: prev.start, text: '' };
      const end = prev.start + m[0].replace(/\s+$/, '').length;
      return { start: end, end, text: `${ids.length ? ',' : ''} ${ruleId}` };
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(line.start, line.end))![0];
  return { start: line.start, end: line.start, text: `${indent}# wharf-disable-next-line ${ruleId}${eolOf(text)}` };
}

/** Start of the YAML document holding `offset`: the start of the last `---` line before it, or the file start. */
export function docStartOf(text: string, offset: number): number {
  let start = 0;
  for (const m of text.matchAll(DOC_MARKER)) {
    if (m.index! >= offset) break;
    start = m.index!;
  }
  return start;
}

/** `# wharf-disable <id>` at the top of the document holding `offset` (after its `---`, if any). */
export function disableForDocument(text: string, offset: number, ruleId: string): TextEdit {
  let at = docStartOf(text, offset);
  const first = lineBounds(text, at);
  if (/^---/.test(text.slice(first.start, first.end))) {
    if (first.end >= text.length) return { start: text.length, end: text.length, text: `${eolOf(text)}# wharf-disable ${ruleId}` };
    at = first.end + 1;
  }
  return { start: at, end: at, text: `# wharf-disable ${ruleId}${eolOf(text)}` };
}
