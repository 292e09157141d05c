// --fix: apply safe fixes like ESLint does: take every non-overlapping fix, re-lint, repeat until nothing is
// left to fix (or 10 passes), so fixes that touch the same lines land one after another.
import type { ResolvedConfig } from '../lint/config';
import { applyEdits, selectNonOverlapping } from '../lint/edit';
import { parseSource } from '../lint/source';
import type { Finding } from '../lint/types';
import { lintFiles } from './run';

const MAX_PASSES = 10;

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

export function fixAll(files: readonly string[], texts: Map<string, string>, config: ResolvedConfig, first: Finding[]): FixOutcome {
  const current = new Map(texts);
  const applied = new Map<string, Map<string, number>>();
  let findings = first;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let progressed = false;
    for (const file of files) {
      const fixes = findings.filter((f) => f.file === file && f.fix);
      const { taken, edits } = selectNonOverlapping(fixes.map((f) => ({ ruleId: f.ruleId, edits: f.fix!.edits })));
      if (taken.length === 0) continue;
      const counts = applied.get(file) ?? new Map<string, number>();
      for (const t of taken) counts.set(t.ruleId, (counts.get(t.ruleId) ?? 0) + 1);
      applied.set(file, counts);
      current.set(file, applyEdits(current.get(file)!, edits));
      progressed = true;
    }
    if (!progressed) break;
    findings = lintFiles(files, config, current).findings;
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
  if (rejected.length) findings = lintFiles(files, config, current).findings;
  for (const file of applied.keys()) if (!changed.has(file)) applied.delete(file);
  return { changed, applied, rejected, findings, texts: current };
}

function syntaxErrors(text: string): number {
  return parseSource('fix-check.yaml', text).docs.filter((d) => d.error).length;
}
