// --fix: apply safe fixes like ESLint does: take every non-overlapping fix, re-lint, repeat until nothing is
// left to fix (or 10 passes), so fixes that touch the same lines land one after another.
import type { ResolvedConfig } from '../lint/config';
import { fixPass, MAX_FIX_PASSES } from '../lint/edit';
import { parseSource } from '../lint/source';
import type { Finding } from '../lint/types';
import { lintFiles } from './run';

export interface FixOutcome {
  /** New text per changed file. */
  changed: Map<string, string>;
  /** Rule ids fixed per changed file, with counts. */
  applied: Map<string, Map<string, number>>;
  /** Files whose fixes were dropped because the result no longer parsed (a bug in a fix: reported, never written). */
  rejected: string[];
  /** Findings and texts after the last pass: what remains. */
  findings: Finding[];
  texts: Map<string, string>;
}

export function fixAll(files: readonly string[], texts: Map<string, string>, config: ResolvedConfig, first: Finding[], maxBytes?: number): FixOutcome {
  const current = new Map(texts);
  const applied = new Map<string, Map<string, number>>();
  let findings = first;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let progressed = false;
    for (const file of files) {
      const before = current.get(file);
      if (before === undefined) continue; // over the size limit: never read, nothing to fix
      const { text, fixed } = fixPass(before, findings.filter((f) => f.file === file));
      if (fixed.length === 0) continue;
      const counts = applied.get(file) ?? new Map<string, number>();
      for (const f of fixed) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
      applied.set(file, counts);
      current.set(file, text);
      progressed = true;
    }
    if (!progressed) break;
    findings = lintFiles(files, config, current, maxBytes).findings;
  }

  const changed = new Map<string, string>();
  const rejected: string[] = [];
  for (const [file, text] of current) {
    if (text === texts.get(file)) continue;
    // A fix must never turn a file that parsed into one that doesn't: keep the original and say so.
    if (syntaxErrors(text) > syntaxErrors(texts.get(file)!)) {
      rejected.push(file);
      current.set(file, texts.get(file)!);
      applied.delete(file);
    } else changed.set(file, text);
  }
  if (rejected.length) findings = lintFiles(files, config, current, maxBytes).findings;
  for (const file of applied.keys()) if (!changed.has(file)) applied.delete(file);
  return { changed, applied, rejected, findings, texts: current };
}

function syntaxErrors(text: string): number {
  return parseSource('fix-check.yaml', text).docs.filter((d) => d.error).length;
}
