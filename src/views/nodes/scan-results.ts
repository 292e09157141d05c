// The "Scan Results" group at the top of the tree (shown once a live scan has run): one row per scan (cluster or
// cluster/namespace; click for the summary), under it one row per rule with its count, under that one row per
// finding (the object and the line; click to open the live document at it). The Problems panel holds the same
// findings; the tree groups them by rule, which the panel cannot.
import type { Severity } from '../../lint/types';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, age, contextValue, join, plural, tooltip } from '../present';

export interface ScanFindingEntry {
  ruleId: string;
  severity: Severity;
  message: string;
  /** "Deployment shop/cart", or the document's path for a cluster-level finding. */
  object: string;
  line: number;
  /** The command that opens the live document at the finding. */
  open: { command: string; title: string; arguments?: unknown[] };
}

export interface ScanEntry {
  key: string;
  /** "shop-prod" or "shop-prod/shop". */
  label: string;
  region: string;
  startedAt: Date;
  objects: number;
  findings: ScanFindingEntry[];
  /** Opens the Markdown summary. */
  open: { command: string; title: string; arguments?: unknown[] };
}

export interface ScanSource {
  scans(): ScanEntry[];
}

const SEVERITY_ICON: Record<Severity, ItemView['icon']> = {
  error: ICON.error,
  warning: ICON.warning,
  info: { codicon: 'info', color: 'problemsInfoIcon.foreground' },
};
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
/** Rows per rule before "…": a rule that fires on 5,000 pods is read in the Problems panel or the summary. */
const MAX_ROWS = 200;

export class ScanResultsNode extends TreeNode {
  constructor(ctx: TreeContext, private readonly source: ScanSource) {
    super(undefined, 'scanResults', ctx);
  }

  treeItem(): ItemView {
    const scans = this.source.scans();
    return {
      label: 'Scan Results',
      description: plural(scans.reduce((n, s) => n + s.findings.length, 0), 'finding'),
      tooltip: tooltip('Scan Results', [['Scans', scans.length]], 'Live best-practice scans run in this window, grouped by rule. Run one from a cluster or namespace row (Scan Cluster, Scan Namespace).'),
      contextValue: contextValue('scanResults'),
      icon: { codicon: 'checklist' },
      collapsible: 'expanded',
    };
  }

  override async children(_signal?: AbortSignal): Promise<TreeNode[]> {
    return this.source.scans().map((s) => new ScanNode(this, this.ctx, s));
  }
}

class ScanNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, private readonly scan: ScanEntry) {
    super(parent, `scan:${scan.key}`, ctx);
  }

  treeItem(): ItemView {
    const s = this.scan;
    const worst = s.findings.reduce<Severity | undefined>((w, f) => (!w || RANK[f.severity] < RANK[w] ? f.severity : w), undefined);
    return {
      label: s.label,
      description: join(plural(s.findings.length, 'finding'), plural(s.objects, 'object'), `${age(s.startedAt.toISOString(), this.ctx.today())} ago`),
      tooltip: tooltip(`Scan of ${s.label}`, [['Region', s.region], ['Objects linted', s.objects], ['Findings', s.findings.length], ['Started', s.startedAt.toISOString()]], 'Click for the summary.'),
      contextValue: contextValue('scan'),
      icon: worst ? SEVERITY_ICON[worst] : ICON.ok,
      collapsible: s.findings.length ? 'collapsed' : 'none',
      command: s.open,
    };
  }

  override async children(_signal?: AbortSignal): Promise<TreeNode[]> {
    const byRule = new Map<string, ScanFindingEntry[]>();
    for (const f of this.scan.findings) {
      const list = byRule.get(f.ruleId);
      if (list) list.push(f);
      else byRule.set(f.ruleId, [f]);
    }
    const rules = [...byRule.entries()].sort(([a, fa], [b, fb]) => RANK[fa[0].severity] - RANK[fb[0].severity] || fb.length - fa.length || a.localeCompare(b));
    return rules.map(([rule, list]) => new ScanRuleNode(this, this.ctx, rule, list));
  }
}

class ScanRuleNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, private readonly rule: string, private readonly findings: ScanFindingEntry[]) {
    super(parent, `${parent.id}/rule:${rule}`, ctx);
  }

  treeItem(): ItemView {
    return {
      label: this.rule,
      description: plural(this.findings.length, 'finding'),
      tooltip: tooltip(this.rule, [['Findings', this.findings.length]], this.findings[0]?.message),
      contextValue: contextValue('scanRule'),
      icon: SEVERITY_ICON[this.findings[0].severity],
      collapsible: 'collapsed',
    };
  }

  override async children(_signal?: AbortSignal): Promise<TreeNode[]> {
    const rows: TreeNode[] = this.findings.slice(0, MAX_ROWS).map((f, i) => new ScanFindingNode(this, this.ctx, f, i));
    if (this.findings.length > MAX_ROWS) rows.push(new ScanMoreNode(this, this.ctx, this.findings.length - MAX_ROWS));
    return rows;
  }
}

class ScanFindingNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, private readonly f: ScanFindingEntry, index: number) {
    super(parent, `${parent.id}/${index}`, ctx);
  }

  treeItem(): ItemView {
    const f = this.f;
    return {
      label: f.object,
      description: `line ${f.line}`,
      tooltip: tooltip(`${f.ruleId} (${f.severity})`, [['Object', f.object], ['Line', f.line]], f.message),
      contextValue: contextValue('scanFinding'),
      icon: SEVERITY_ICON[f.severity],
      collapsible: 'none',
      command: f.open,
    };
  }
}

class ScanMoreNode extends TreeNode {
  constructor(parent: TreeNode, ctx: TreeContext, private readonly more: number) {
    super(parent, `${parent.id}/more`, ctx);
  }

  treeItem(): ItemView {
    return { label: `${this.more.toLocaleString('en-US')} more`, description: 'in the Problems panel and the summary', contextValue: contextValue('message'), icon: { codicon: 'ellipsis' }, collapsible: 'none' };
  }
}
