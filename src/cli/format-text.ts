// Human output in the manner of ESLint's "stylish": findings grouped by file, aligned, then a summary.
import type { Finding } from '../lint/types';
import { displayPath } from './run';

const COLOR = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function formatText(findings: readonly Finding[], useColor: boolean): string {
  const c = (code: keyof typeof COLOR, s: string) => (useColor ? COLOR[code] + s + COLOR.reset : s);
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(c('bold', displayPath(file)));
    const posWidth = Math.max(...list.map((f) => `${f.location.line}:${f.location.column}`.length));
    for (const f of list) {
      const pos = `${f.location.line}:${f.location.column}`.padEnd(posWidth);
      out.push(`  ${c('dim', pos)}  ${c(f.severity, f.severity.padEnd(7))}  ${f.message}  ${c('dim', f.ruleId)}`);
    }
    out.push('');
  }
  out.push(summary(findings, c));
  return out.join('\n') + '\n';
}

function summary(findings: readonly Finding[], c: (code: keyof typeof COLOR, s: string) => string): string {
  const n = (sev: string) => findings.filter((f) => f.severity === sev).length;
  if (findings.length === 0) return 'No problems found.';
  const fixable = findings.filter((f) => f.fix).length;
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const line = `${plural(findings.length, 'problem')} (${plural(n('error'), 'error')}, ${plural(n('warning'), 'warning')}, ${n('info')} info)`;
  const color = n('error') ? 'error' : n('warning') ? 'warning' : 'info';
  return c(color, c('bold', line)) + (fixable ? `\n  ${fixable} fixable with --fix` : '');
}
