// Hover on a flagged range: what the rule checks, why it matters, and where to read more.
import * as vscode from 'vscode';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules, docsUrl } from '../lint/rules';
import type { RuleMeta } from '../lint/types';
import { toRange } from './diagnostics';
import type { LintService } from './lint-service';

const METAS = new Map<string, RuleMeta>([...allRules.map((r) => [r.meta.id, r.meta] as const), ...ENGINE_RULES.map((m) => [m.id, m] as const)]);

export class WharfHover implements vscode.HoverProvider {
  constructor(private readonly lint: LintService) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const hits = this.lint.findingsFor(doc.uri).filter((f) => toRange(f.location).contains(pos));
    if (hits.length === 0) return undefined;
    const md = new vscode.MarkdownString();
    const seen = new Set<string>();
    for (const f of hits) {
      if (seen.has(f.ruleId)) continue;
      seen.add(f.ruleId);
      const m = METAS.get(f.ruleId);
      if (seen.size > 1) md.appendMarkdown('\n\n---\n\n');
      md.appendMarkdown(`**Wharf \`${f.ruleId}\`** (${f.severity}): ${m?.description ?? ''}\n\n`);
      if (m) md.appendMarkdown(`*Why:* ${m.rationale}\n\n`);
      md.appendMarkdown(`[Rule documentation](${docsUrl(f.ruleId)})`);
    }
    return new vscode.Hover(md, toRange(hits[0].location));
  }
}
