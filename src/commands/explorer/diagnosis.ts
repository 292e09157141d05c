// "Show Access Diagnosis" for a 401/403 from a cluster: gathers what the diagnosis needs (the caller's identity, the
// cluster's authentication mode, its access entries and their policies, where the caller may read them), opens the
// diagnosis as a Markdown preview, and offers "Copy Command" for the fix.
import * as vscode from 'vscode';
import { describeEksCluster, listAccessEntries } from '../../aws/eks';
import type { EksAccessEntry, EksCluster } from '../../aws/model';
import { diagnoseAuth, type AuthDiagnosis } from '../../kube/diagnose';
import type { KubeFailure } from '../../kube/model';
import type { WharfDocuments } from '../../views/documents';
import type { EksClusterRef } from '../../views/target';
import { refOf } from './doc-uri';
import { diagnosisMarkdown } from './diagnosis-markdown';
import { explainFailure } from './failure-text';
import type { ExplorerHost } from './host';
import { targetOf } from './targets';

export interface DiagnosisResult {
  diagnosis: AuthDiagnosis;
  markdown: string;
}

/** The failure an error node (or a KubeError, or a command argument) carries. */
export function failureOf(...args: unknown[]): KubeFailure | undefined {
  for (const a of args) {
    const x = a as { failure?: KubeFailure; error?: { failure?: KubeFailure }; view?: { kube?: KubeFailure }; kind?: string; message?: string } | undefined;
    const f = x?.failure ?? x?.error?.failure ?? x?.view?.kube ?? (typeof x?.kind === 'string' && typeof x?.message === 'string' && 'status' in (x as object) ? (x as KubeFailure) : undefined);
    if (f && (f.kind === 'unauthorized' || f.kind === 'forbidden')) return f;
  }
  return undefined;
}

export async function computeDiagnosis(host: ExplorerHost, target: EksClusterRef & { cluster?: EksCluster }, failure: KubeFailure, signal?: AbortSignal): Promise<DiagnosisResult> {
  const ref = refOf(target);
  const session = host.session(ref);
  const eks = session.eks(ref.region);
  const notes: string[] = [];
  const [cluster, caller, entries] = await Promise.all([
    target.cluster ??
      describeEksCluster(eks, ref.region, ref.clusterName, signal).catch((e) => {
        notes.push(`The cluster's authentication mode: ${explainFailure('DescribeCluster', e).message}`);
        return undefined;
      }),
    session.identity(signal).catch((e) => {
      notes.push(`Who you are: ${explainFailure('GetCallerIdentity', e).message}`);
      return undefined;
    }),
    listAccessEntries(eks, ref.clusterName, signal).catch((e): { error: string } => ({ error: explainFailure('Reading the access entries', e).message })),
  ]);
  const accessEntries: EksAccessEntry[] | { error: string } = entries;
  const diagnosis = diagnoseAuth({
    failure,
    cluster: { name: ref.clusterName, region: ref.region, arn: cluster?.arn, authenticationMode: cluster?.authenticationMode },
    caller: caller && { arn: caller.arn, principalArn: caller.principalArn },
    accessEntries,
  });
  return { diagnosis, markdown: diagnosisMarkdown(diagnosis, { ref, failure, notes }) };
}

export async function showAuthDiagnosis(host: ExplorerHost, docs: WharfDocuments, element?: unknown, extra?: unknown): Promise<void> {
  const t = targetOf(element);
  const failure = failureOf(element, extra);
  if (!t || !('clusterName' in t) || !failure) {
    void vscode.window.showInformationMessage('Wharf: the access diagnosis is for a cluster that answered 401 or 403. Run it from that cluster\'s error node in the Wharf view.');
    return;
  }
  const ref = t as EksClusterRef & { cluster?: EksCluster };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Diagnosing access to ${ref.clusterName}…`, cancellable: true },
    (_p, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return computeDiagnosis(host, ref, failure, ac.signal);
    },
  );
  const uri = docs.put({ doc: 'diagnosis', ref: refOf(ref), failure }, result.markdown);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  const cmds = result.diagnosis.commands;
  if (!cmds.length) return;
  // Not awaited: the command is done once the diagnosis shows; the notification stays until the person acts on it.
  void vscode.window.showInformationMessage(`Wharf: ${result.diagnosis.title}`, cmds.length > 1 ? 'Copy Commands' : 'Copy Command', 'Open as Text').then(async (b) => {
    if (b === 'Copy Command' || b === 'Copy Commands') {
      await vscode.env.clipboard.writeText(cmds.join('\n\n'));
      vscode.window.setStatusBarMessage('$(check) Wharf: the fix is on the clipboard', 4000);
    } else if (b === 'Open as Text') {
      await vscode.window.showTextDocument(uri, { preview: true });
    }
  });
}
