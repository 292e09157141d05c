// A live scan's results in VS Code: read-only documents of the `wharf-scan` scheme (each live object exactly as it
// was linted, so the findings' ranges stay true; the cluster facts; the Markdown summary), the findings in the
// Problems panel on those documents, and the editor's hover (src/editor/hover.ts) over them with the rule docs. A
// new scan of the same cluster and namespace replaces the previous one's documents and diagnostics.
import * as vscode from 'vscode';
import { toDiagnostic } from '../../editor/diagnostics';
import { WharfHover } from '../../editor/hover';
import type { Finding } from '../../lint/types';
import { CLUSTER_RULES } from '../../scan/cluster-rules';
import { ruleDocs, scanMarkdown } from '../../scan/report';
import type { ScanResult } from '../../scan/run';
import type { ScanEntry } from '../../views/nodes/scan-results';

export const SCAN_SCHEME = 'wharf-scan';
export const OPEN_FINDING = 'wharf.scan.openFinding';

interface Stored {
  result: ScanResult;
  /** Document URI (string) -> findings on it. */
  findings: Map<string, Finding[]>;
  summary: vscode.Uri;
}

export class ScanResults implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private readonly collection = vscode.languages.createDiagnosticCollection('wharf-scan');
  /** Scan key (cluster + namespace) -> its latest results. */
  private readonly scans = new Map<string, Stored>();
  private readonly texts = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private last: Stored | undefined;
  private readonly listChanges = new vscode.EventEmitter<void>();
  /** A scan was added or replaced: the tree's "Scan Results" group reads entries() again. */
  readonly onDidChangeList = this.listChanges.event;

  constructor() {
    const hover = new WharfHover({ findingsFor: (uri) => this.findingsFor(uri) }, { metas: CLUSTER_RULES, docs: ruleDocs });
    this.subscriptions.push(
      this.changes,
      this.listChanges,
      this.collection,
      vscode.workspace.registerTextDocumentContentProvider(SCAN_SCHEME, this),
      vscode.languages.registerHoverProvider({ scheme: SCAN_SCHEME }, hover),
      vscode.commands.registerCommand(OPEN_FINDING, (uri: string, line: number) => this.openAt(vscode.Uri.parse(uri), line)),
    );
  }

  /** The read-only document of a scanned path (`<cluster>/<namespace>/<plural>/<name>.yaml`). */
  uriOf(key: string, docPath: string): vscode.Uri {
    return vscode.Uri.from({ scheme: SCAN_SCHEME, path: `/${docPath}`, query: key });
  }

  /** Replaces the results of the same cluster and namespace; returns the summary document's URI. */
  put(result: ScanResult): vscode.Uri {
    const key = `${result.region}/${result.clusterName}${result.namespace ? `/${result.namespace}` : ''}`;
    const old = this.scans.get(key);
    if (old) {
      for (const uri of old.findings.keys()) {
        this.collection.delete(vscode.Uri.parse(uri));
        this.texts.delete(uri);
      }
      this.texts.delete(old.summary.toString());
    }
    const findings = new Map<string, Finding[]>();
    for (const f of result.findings) {
      const uri = this.uriOf(key, f.file).toString();
      const list = findings.get(uri);
      if (list) list.push(f);
      else findings.set(uri, [f]);
    }
    for (const [file, text] of result.texts) this.texts.set(this.uriOf(key, file).toString(), text);
    for (const [uri, list] of findings) {
      this.collection.set(
        vscode.Uri.parse(uri),
        list.map((f) => {
          const d = toDiagnostic(f);
          d.code = { value: f.ruleId, target: vscode.Uri.parse(ruleDocs(f.ruleId)) };
          return d;
        }),
      );
    }
    const summary = this.uriOf(key, `${result.clusterName}/${result.namespace ? `${result.namespace}-` : ''}scan-summary.md`);
    const link = (f: Finding) => `command:${OPEN_FINDING}?${encodeURIComponent(JSON.stringify([this.uriOf(key, f.file).toString(), f.location.line]))}`;
    this.texts.set(summary.toString(), scanMarkdown(result, { link }));
    const stored = { result, findings, summary };
    this.scans.set(key, stored);
    this.last = stored;
    for (const uri of [...findings.keys(), summary.toString()]) this.changes.fire(vscode.Uri.parse(uri));
    void vscode.commands.executeCommand('setContext', 'wharf.scan.hasResults', true);
    this.listChanges.fire();
    return summary;
  }

  /** The scan whose document is active, else the latest one. */
  current(uri?: vscode.Uri): ScanResult | undefined {
    if (uri?.scheme === SCAN_SCHEME) {
      const s = this.scans.get(uri.query);
      if (s) return s.result;
    }
    return this.last?.result;
  }

  /** Every scan of this window, newest first, as the tree shows them. */
  entries(): ScanEntry[] {
    return [...this.scans.entries()]
      .map(([key, { result, summary }]) => ({
        key,
        label: result.namespace ? `${result.clusterName}/${result.namespace}` : result.clusterName,
        region: result.region,
        startedAt: result.startedAt,
        objects: result.stats.linted,
        open: { command: 'markdown.showPreview', title: 'Open the scan summary', arguments: [summary] },
        findings: result.findings.map((f) => {
          const o = f.object ?? result.docs.get(f.file)?.object;
          return {
            ruleId: f.ruleId,
            severity: f.severity,
            message: f.message,
            object: o ? `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}` : f.file,
            line: f.location.line,
            open: { command: OPEN_FINDING, title: 'Open the finding', arguments: [this.uriOf(key, f.file).toString(), f.location.line] },
          };
        }),
      }))
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  }

  findingsFor(uri: vscode.Uri): readonly Finding[] {
    return this.scans.get(uri.query)?.findings.get(uri.toString()) ?? [];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# This scan result is no longer available: scan the cluster again.\n';
  }

  async openAt(uri: vscode.Uri, line: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const pos = new vscode.Position(Math.max(0, line - 1), 0);
    await vscode.window.showTextDocument(doc, { preview: true, selection: new vscode.Range(pos, pos) });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
