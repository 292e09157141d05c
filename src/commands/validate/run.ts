// "Validate Against Cluster", "Diff with Live" and "Apply to Cluster" on the active YAML file (or the file a menu
// passed). All three start with a server-side dry run of every object, whose verdicts become diagnostics; diff shows
// its result beside the live objects; apply shows that diff, asks, applies, and offers to force over conflicts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KubeClient } from '../../kube/client';
import { applyObject, type ApplyResult } from '../../kube/apply';
import { applyFile, fileProblem, type ObjectOutcome } from '../../kube/dry-run';
import { renderDiff, type DiffEntry } from '../../kube/dry-run-diff';
import { parseSource, type SourceFile } from '../../lint/source';
import type { Ctx } from '../../ctx';
import type { ExplorerHost } from '../explorer/host';
import { ClusterDiagnostics } from './cluster-diagnostics';
import { DIFF_SCHEME, DiffDocuments } from './diff-view';
import { linkLabel, type ClusterLink } from './links';
import { clusterOfElement, linkForRun } from './target';

interface State {
  diagnostics: ClusterDiagnostics;
  diffs: DiffDocuments;
}

// Made on the first validate, owned by the context's subscriptions: nothing is created when the bundle loads.
const states = new WeakMap<Ctx, State>();
function stateOf(ctx: Ctx): State {
  let s = states.get(ctx);
  if (!s) {
    s = { diagnostics: new ClusterDiagnostics(), diffs: new DiffDocuments() };
    ctx.subscribe(s.diagnostics, s.diffs);
    states.set(ctx, s);
  }
  return s;
}

interface Prepared {
  uri: vscode.Uri;
  name: string;
  file: SourceFile;
  link: ClusterLink;
  client: KubeClient;
  /** "wharf-demo/shop" */
  where: string;
}

/** Manifests past this size are not sent (the API server's own request limit is 3 MB per object). */
const MAX_SEND_CHARS = 8 * 1024 * 1024;

interface RunOptions {
  onSave?: boolean;
}

/**
 * The manifest a command acts on: a URI the editor title passed, else the active editor's. A diff this command made
 * stands for its manifest (Apply from the diff editor); other documents (View YAML, logs) are not manifests to send.
 */
function fileArg(ctx: Ctx, arg: unknown): vscode.Uri | undefined {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (uri?.scheme === DIFF_SCHEME) return stateOf(ctx).diffs.sourceOf(uri);
  return uri && (uri.scheme === 'file' || uri.scheme === 'untitled') ? uri : undefined;
}

async function prepare(host: ExplorerHost, arg: unknown, forApply: boolean, quiet = false): Promise<Prepared | undefined> {
  const uri = fileArg(host.ctx, arg);
  const fromRow = clusterOfElement(arg);
  if (!uri) {
    void vscode.window.showWarningMessage(`Wharf: open a Kubernetes YAML file first${fromRow ? ` to validate it against ${fromRow.clusterName}` : ''}: the file in the active editor is the one sent.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const name = path.basename(uri.path);
  const text = doc.getText();
  if (text.length > MAX_SEND_CHARS) {
    if (!quiet) void vscode.window.showWarningMessage(`Wharf: ${name} is larger than ${MAX_SEND_CHARS / 1024 / 1024} MB; Wharf does not send it to a cluster.`);
    return undefined;
  }
  const file = parseSource(uri.scheme === 'file' ? uri.fsPath : uri.toString(), text);
  const problem = fileProblem(file, forApply);
  if (problem) {
    stateOf(host.ctx).diagnostics.clear(uri);
    if (!quiet) void vscode.window.showWarningMessage(`Wharf: ${name}: ${problem}`);
    return undefined;
  }
  const link = await linkForRun(host, uri, { el: arg });
  if (!link) return undefined;
  const client = await host.kube(link.cluster);
  return { uri, name, file, link, client, where: linkLabel(link) };
}

/** Runs `work` under a progress indicator that can cancel it: a notification, or the status bar on save. */
function withProgress<T>(title: string, quiet: boolean, work: (signal: AbortSignal, report: (m: string) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title, cancellable: !quiet }, (progress, token) => {
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    return work(ac.signal, (message) => progress.report({ message }));
  });
}

async function dryRun(host: ExplorerHost, p: Prepared, quiet: boolean): Promise<ObjectOutcome[]> {
  const n = p.file.objects.length;
  const outcomes = await withProgress(`Wharf: dry run of ${p.name} on ${p.where}`, quiet, (signal, report) =>
    applyFile(p.client, p.file.objects, { namespace: p.link.namespace, dryRun: true, signal }, (done) => report(`${done}/${n} objects`)),
  );
  stateOf(host.ctx).diagnostics.set(p.uri, p.file, outcomes, p.link.cluster.clusterName);
  for (const o of outcomes) if (!o.result.ok) host.ctx.output.info(`dry run ${o.result.label} on ${p.where}: ${o.result.status} ${o.result.message}`);
  return outcomes;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function showProblems(): void {
  void vscode.commands.executeCommand('workbench.actions.view.problems');
}

export async function validateCommand(host: ExplorerHost, arg?: unknown, opts: RunOptions = {}): Promise<ObjectOutcome[] | undefined> {
  const quiet = !!opts.onSave;
  const p = await prepare(host, arg, false, quiet);
  if (!p) return undefined;
  const outcomes = await dryRun(host, p, quiet);
  const refused = outcomes.filter((o) => !o.result.ok).length;
  const warnings = outcomes.reduce((n, o) => n + o.result.warnings.length, 0);
  const broken = p.file.docs.filter((d) => d.error).length;
  const ok = refused === 0 && warnings === 0 && broken === 0;
  const unsent = broken ? ` ${plural(broken, 'document')} of it did not parse and ${broken === 1 ? 'was' : 'were'} not sent.` : '';
  const text =
    refused === 0 && warnings === 0
      ? `${p.where} accepts all ${plural(outcomes.length, 'object')} of ${p.name} (dry run).${unsent}`
      : `${p.where} would refuse ${refused} of ${plural(outcomes.length, 'object')} in ${p.name}${warnings ? `, with ${plural(warnings, 'warning')}` : ''}.${unsent}`;
  if (quiet) vscode.window.setStatusBarMessage(`$(${ok ? 'check' : 'warning'}) ${text}`, 8000);
  else if (ok) void vscode.window.showInformationMessage(`Wharf: ${text}`);
  else void vscode.window.showWarningMessage(`Wharf: ${text}`, 'Show Problems').then((b) => b && showProblems());
  return outcomes;
}

/** For objects the dry run refused over a conflict, what a forced apply would store: the diff shows that. */
async function plannedWithForce(p: Prepared, outcomes: readonly ObjectOutcome[]): Promise<Map<ObjectOutcome, ApplyResult>> {
  const forced = new Map<ObjectOutcome, ApplyResult>();
  for (const o of outcomes) {
    if (!o.result.ok && o.result.conflicts.length) forced.set(o, await applyObject(p.client, o.obj.value, { namespace: p.link.namespace, dryRun: true, force: true }));
  }
  return forced;
}

function diffEntries(outcomes: readonly ObjectOutcome[], forced: Map<ObjectOutcome, ApplyResult>): DiffEntry[] {
  return outcomes.map((o) => {
    const r = forced.get(o) ?? o.result;
    const conflict = !o.result.ok && o.result.conflicts.length ? `, conflicts with ${[...new Set(o.result.conflicts.map((c) => `"${c.manager}"`))].join(', ')}` : '';
    return { label: `${o.result.label}${conflict}`, manifest: o.obj.value, live: r.live ?? o.result.live, planned: r.ok ? r.object : undefined, refusal: r.ok ? undefined : r.message };
  });
}

export async function diffCommand(host: ExplorerHost, arg?: unknown): Promise<void> {
  const p = await prepare(host, arg, false);
  if (!p) return;
  const outcomes = await dryRun(host, p, false);
  const { left, right } = renderDiff(diffEntries(outcomes, await plannedWithForce(p, outcomes)));
  await stateOf(host.ctx).diffs.show(p.uri, p.where, left, right);
}

export async function applyCommand(host: ExplorerHost, arg?: unknown): Promise<void> {
  const p = await prepare(host, arg, true);
  if (!p) return;
  const outcomes = await dryRun(host, p, false);
  const refused = outcomes.filter((o) => !o.result.ok && o.result.conflicts.length === 0);
  if (refused.length) {
    const b = await vscode.window.showErrorMessage(`Wharf: nothing applied. ${p.where} would refuse ${refused.map((o) => o.result.label).join(', ')}: see the Problems panel.`, 'Show Problems');
    if (b) showProblems();
    return;
  }
  if (outcomes.every((o) => o.result.ok && o.result.outcome === 'unchanged')) {
    void vscode.window.showInformationMessage(`Wharf: nothing to apply: all ${plural(outcomes.length, 'object')} of ${p.name} are unchanged on ${p.where}.`);
    return;
  }
  const forced = await plannedWithForce(p, outcomes);
  const { left, right } = renderDiff(diffEntries(outcomes, forced));
  await stateOf(host.ctx).diffs.show(p.uri, p.where, left, right);
  const plan = outcomes.map((o) => {
    if (!o.result.ok) return `${o.result.label}: conflicts with ${o.result.conflicts.map((c) => `"${c.manager}" on ${c.field}`).join(', ')}`;
    return `${o.result.outcome === 'created' ? 'create' : o.result.outcome === 'configured' ? 'configure' : 'unchanged:'} ${o.result.label}`;
  });
  const c = p.link.cluster;
  const go = await vscode.window.showWarningMessage(
    `Apply ${p.name} to EKS cluster "${c.clusterName}" (${c.region}${c.profile ? `, profile ${c.profile}` : ''}), namespace "${p.link.namespace}"?`,
    { modal: true, detail: `${plan.join('\n')}\n\nServer-side apply, field manager "wharf". The diff editor shows the changes.` },
    'Apply',
  );
  if (go !== 'Apply') return;
  const n = p.file.objects.length;
  let results = await withProgress(`Wharf: applying ${p.name} to ${p.where}`, false, (signal, report) =>
    applyFile(p.client, p.file.objects, { namespace: p.link.namespace, dryRun: false, signal }, (done) => report(`${done}/${n} objects`)),
  );
  const conflicted = results.filter((o) => !o.result.ok && o.result.conflicts.length);
  if (conflicted.length) {
    const detail = conflicted
      .map((o) => {
        const byManager = new Map<string, string[]>();
        for (const x of o.result.ok ? [] : o.result.conflicts) byManager.set(x.manager, [...(byManager.get(x.manager) ?? []), x.field.replace(/^\./, '')]);
        return `${o.result.label}:\n${[...byManager].map(([m, fields]) => `  "${m}" owns ${fields.join(', ')}`).join('\n')}`;
      })
      .join('\n');
    const force = await vscode.window.showWarningMessage(
      `Other field managers own fields that ${p.name} sets. Force takes them over for "wharf" (their next apply may set them back).`,
      { modal: true, detail },
      'Force',
    );
    if (force === 'Force') {
      const again = await withProgress(`Wharf: applying ${p.name} with force`, false, (signal) =>
        applyFile(p.client, conflicted.map((o) => o.obj), { namespace: p.link.namespace, dryRun: false, force: true, signal }),
      );
      results = results.map((o) => again.find((a) => a.obj === o.obj) ?? o);
    }
  }
  stateOf(host.ctx).diagnostics.set(p.uri, p.file, results, p.link.cluster.clusterName);
  report(host, p, results);
  host.refresh();
}

function report(host: ExplorerHost, p: Prepared, results: readonly ObjectOutcome[]): void {
  const lines = results.map((o) => (o.result.ok ? `${o.result.outcome} ${o.result.label}` : `not applied ${o.result.label}: ${o.result.message}`));
  for (const l of lines) host.ctx.output.info(`apply ${p.name} to ${p.where}: ${l}`);
  const failed = results.filter((o) => !o.result.ok).length;
  const text = `Wharf: ${p.name} on ${p.where}: ${lines.join('; ')}.`;
  if (failed) void vscode.window.showErrorMessage(text, 'Show Problems').then((b) => b && showProblems());
  else void vscode.window.showInformationMessage(text);
}

/** The status-bar item and "Choose Cluster for This File": pick again and remember. */
export async function chooseTargetCommand(host: ExplorerHost, arg?: unknown): Promise<void> {
  const uri = fileArg(host.ctx, arg);
  if (!uri) {
    void vscode.window.showWarningMessage('Wharf: open a Kubernetes YAML file first: the cluster is chosen for the file in the active editor.');
    return;
  }
  const link = await linkForRun(host, uri, { el: arg, choose: true });
  if (link) vscode.window.setStatusBarMessage(`$(cloud) ${path.basename(uri.path)} → ${linkLabel(link)}${link.kubernetesVersion ? ` (Kubernetes ${link.kubernetesVersion})` : ''}`, 5000);
}
