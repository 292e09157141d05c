// Hover on a flagged range: what the rule checks, why it matters, and where to read more. Uses the findings the
// diagnostics controller keeps; never lints.
import * as vscode from 'vscode';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules, docsUrl } from '../lint/rules';
import type { Finding, RuleMeta } from '../lint/types';
import { rangeIn, type DiagnosticsController } from './diagnostics';

/** Where hovers read findings: the linter's diagnostics, or a live scan's read-only documents (src/commands/scan). */
export interface FindingsSource {
  findingsFor(uri: vscode.Uri): readonly Finding[];
}

/** Rules the linter does not know (a scan's cluster-level checks), with their documentation link. */
export interface ExtraRules {
  metas: readonly RuleMeta[];
  docs(id: string): string;
}

export class WharfHover implements vscode.HoverProvider {
  private readonly metas = new Map<string, RuleMeta>([...allRules.map((r) => [r.meta.id, r.meta] as const), ...ENGINE_RULES.map((m) => [m.id, m] as const)]);

  constructor(
    private readonly lint: FindingsSource | DiagnosticsController,
    private readonly extra?: ExtraRules,
  ) {
    for (const m of extra?.metas ?? []) this.metas.set(m.id, m);
  }

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const hits = this.lint.findingsFor(doc.uri).filter((f) => rangeIn(doc, f).contains(pos));
    if (hits.length === 0) return undefined;
    const md = new vscode.MarkdownString();
    const seen = new Set<string>();
    for (const f of hits) {
      if (seen.has(f.ruleId)) continue;
      seen.add(f.ruleId);
      const m = this.metas.get(f.ruleId);
      if (seen.size > 1) md.appendMarkdown('\n\n---\n\n');
      md.appendMarkdown(`**Wharf \`${f.ruleId}\`** (${f.severity}): ${escape(m?.description ?? '')}\n\n`);
      if (m) md.appendMarkdown(`*Why:* ${escape(m.rationale)}\n\n`);
      md.appendMarkdown(`[Rule documentation](${this.extra?.docs(f.ruleId) ?? docsUrl(f.ruleId)})`);
    }
    return new vscode.Hover(md, rangeIn(doc, hits[0]));
  }
}

/** Rule texts are prose, not markdown: `*` in "pods/*" must not start emphasis. Backticked code stays code. */
function escape(text: string): string {
  return text.replace(/([*_[\]<>])/g, '\\$1');
}
