// Where "disable this rule" quick fixes write their comments. Plain text logic, no vscode: unit-tested.
import type { TextEdit } from '../lint/types';

const NEXT_LINE = /^(\s*)#\s*wharf-disable-next-line\b(.*)$/;

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, end: nl < 0 ? text.length : nl };
}

/** `# wharf-disable-next-line <id>` above the line holding `offset`, or the id added to such a comment already there. */
export function disableForLine(text: string, offset: number, ruleId: string): TextEdit {
  const line = lineBounds(text, offset);
  if (line.start > 0) {
    const prev = lineBounds(text, line.start - 1);
    const m = NEXT_LINE.exec(text.slice(prev.start, prev.end).replace(/\r$/, ''));
    if (m) {
      const end = prev.start + m[0].length;
      return { start: end, end, text: `${m[2].trim() ? ',' : ''} ${ruleId}` };
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(line.start, line.end))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { start: line.start, end: line.start, text: `${indent}# wharf-disable-next-line ${ruleId}${eol}` };
}

/** `# wharf-disable <id>` at the top of the document that starts at `docStart` (after its `---`, if any). */
export function disableForDocument(text: string, docStart: number, ruleId: string): TextEdit {
  let at = text.lastIndexOf('\n', docStart - 1) + 1;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const firstLine = lineBounds(text, at);
  if (/^---\s*$/.test(text.slice(firstLine.start, firstLine.end).replace(/\r$/, ''))) at = Math.min(text.length, firstLine.end + 1);
  return { start: at, end: at, text: `# wharf-disable ${ruleId}${eol}` };
}
