// --fix: apply safe fixes like ESLint does: take every non-overlapping fix, re-lint, repeat until nothing is
// left to fix (or 10 passes), so fixes that touch the same lines land one after another.
import type { ResolvedConfig } from '../lint/config';
import { applyEdits, selectNonOverlapping } from '../lint/edit';
import type { Finding } from '../lint/types';
import { lintFiles } from './run';

const MAX_PASSES = 10;

export interface FixOutcome {
  /** New text per changed file. */
  changed: Map<string, string>;
  /** Rule ids fixed per file, with counts. */
  applied: Map<string, Map<string, number>>;
}

export function fixAll(files: readonly string[], texts: Map<string, string>, config: ResolvedConfig, first: Finding[]): FixOutcome {
  const current = new Map(texts);
  const applied = new Map<string, Map<string, number>>();
  let findings = first;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let progressed = false;
    for (const file of files) {
      const fixes = findings.filter((f) => f.file === file && f.fix);
      if (fixes.length === 0) continue;
      const { taken, edits } = selectNonOverlapping(fixes.map((f) => ({ ruleId: f.ruleId, edits: f.fix!.edits })));
      const counts = applied.get(file) ?? new Map<string, number>();
      for (const t of taken) counts.set(t.ruleId, (counts.get(t.ruleId) ?? 0) + 1);
      if (taken.length === 0) continue;
      applied.set(file, counts);
      current.set(file, applyEdits(current.get(file)!, edits));
      progressed = true;
    }
    if (!progressed) break;
    findings = lintFiles(files, config, (f) => current.get(f)!).findings;
  }
  const changed = new Map<string, string>();
  for (const [file, text] of current) if (text !== texts.get(file)) changed.set(file, text);
  return { changed, applied };
}
