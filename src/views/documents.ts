// Read-only documents of the `wharf` scheme: a Kubernetes object's live YAML (managed fields folded away), its
// Describe view (Markdown), an ECS task definition as JSON, and the 401/403 access diagnosis. Content is fetched when
// a document opens; an open YAML document follows its object with a watch and updates in place, until it is closed.
// Failures become the document's content (what failed, why, the next step), never an empty editor.
import * as vscode from 'vscode';
import { describeTaskDefinition } from '../aws/ecs';
import { RESOURCES } from '../kube/resources';
import { describe as describeObject, viewYaml } from '../kube/view';
import type { KubeObject } from '../kube/model';
import { decodeDocQuery, docPath, encodeDocQuery, SCHEME, type DocRequest } from '../commands/explorer/doc-uri';
import { computeDiagnosis } from '../commands/explorer/diagnosis';
import { explainFailure } from '../commands/explorer/failure-text';
import { upgradeReportMarkdown } from '../commands/upgrade/report-doc';
import type { ExplorerHost } from '../commands/explorer/host';

/** Events kubectl describe shows: the object's own, newest last, at most this many. */
const EVENT_LIMIT = 100;

export class WharfDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  /** Content set by a command (the diagnosis) or by a live watch; absent: fetch on open. */
  private readonly content = new Map<string, string>();
  private readonly watches = new Map<string, AbortController>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly host: ExplorerHost) {
    this.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, this),
      this.changes,
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme !== SCHEME) return;
        const key = d.uri.toString();
        this.watches.get(key)?.abort();
        this.watches.delete(key);
        this.content.delete(key);
      }),
    );
  }

  uri(r: DocRequest): vscode.Uri {
    return vscode.Uri.from({ scheme: SCHEME, path: docPath(r), query: encodeDocQuery(r) });
  }

  /** Registers content made elsewhere (the diagnosis) under its URI and returns the URI. */
  put(r: DocRequest, text: string): vscode.Uri {
    const uri = this.uri(r);
    this.content.set(uri.toString(), text);
    this.changes.fire(uri);
    return uri;
  }

  /** Opens a document read-only in an editor (a preview tab, like a file clicked once in the Explorer). */
  async open(r: DocRequest): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(this.uri(r));
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const key = uri.toString();
    const cached = this.content.get(key);
    if (cached !== undefined) return cached;
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    let r: DocRequest;
    try {
      r = decodeDocQuery(uri.query);
    } catch (e) {
      return `This Wharf document can't be opened again: ${(e as Error).message}. Open it from the Wharf view.`;
    }
    try {
      return await this.fetch(key, r, ac.signal);
    } catch (e) {
      return failureText(r, e);
    }
  }

  private async fetch(key: string, r: DocRequest, signal: AbortSignal): Promise<string> {
    switch (r.doc) {
      case 'yaml': {
        const client = await this.host.kube(r.ref, signal);
        const obj = await client.get(r.resource, r.name, r.namespace, signal);
        const text = viewYaml(obj);
        this.follow(key, r, obj);
        return text;
      }
      case 'describe': {
        const client = await this.host.kube(r.ref, signal);
        const obj = await client.get(r.resource, r.name, r.namespace, signal);
        // Events are listed by the object's name and namespace (kubectl describe does the same) and, when known, its
        // uid, so a recreated object doesn't show its predecessor's events. A failure to read events is not fatal.
        const fields = [`involvedObject.name=${r.name}`, r.namespace ? `involvedObject.namespace=${r.namespace}` : '', obj.metadata.uid ? `involvedObject.uid=${obj.metadata.uid}` : '']
          .filter(Boolean)
          .join(',');
        const events = await client
          .list(RESOURCES.events, { namespace: r.namespace, fieldSelector: fields, limit: EVENT_LIMIT }, signal)
          .then((p) => p.items, () => [] as KubeObject[]);
        return describeObject(obj, events);
      }
      case 'taskDefinition': {
        const td = await describeTaskDefinition(this.host.session(r.scope).ecs(r.scope.region), r.arn, signal);
        return `${JSON.stringify(td, null, 2)}\n`;
      }
      case 'diagnosis':
        return (await computeDiagnosis(this.host, r.ref, r.failure, signal)).markdown;
      case 'upgrade':
        return upgradeReportMarkdown(this.host, r.ref, signal);
    }
  }

  /** Keeps an open YAML document current: a watch on that one object from the version shown. */
  private follow(key: string, r: Extract<DocRequest, { doc: 'yaml' | 'describe' }>, obj: KubeObject): void {
    if (this.watches.has(key) || !obj.metadata.resourceVersion) return;
    const ac = new AbortController();
    this.watches.set(key, ac);
    const uri = vscode.Uri.parse(key);
    void (async () => {
      let rv = obj.metadata.resourceVersion!;
      while (!ac.signal.aborted) {
        const client = await this.host.kube(r.ref, ac.signal);
        let relist = false;
        const started = Date.now();
        await client.watch(
          r.resource,
          { namespace: r.namespace, resourceVersion: rv, fieldSelector: `metadata.name=${r.name}` },
          (e) => {
            if (e.type === 'RELIST') relist = true;
            else if (e.type === 'BOOKMARK') rv = e.resourceVersion;
            else {
              rv = e.object.metadata.resourceVersion ?? rv;
              this.content.set(key, e.type === 'DELETED' ? `# ${r.resource.kind} ${r.name} was deleted.\n${viewYaml(e.object)}` : viewYaml(e.object));
              this.changes.fire(uri);
            }
          },
          ac.signal,
        );
        if (relist) {
          // The version shown is too old to watch from: show the object as it is now, and follow from there.
          const now = await client.get(r.resource, r.name, r.namespace, ac.signal);
          rv = now.metadata.resourceVersion ?? rv;
          this.content.set(key, viewYaml(now));
          this.changes.fire(uri);
        }
        // A watch the server ends at once (again and again) must not become a busy loop.
        if (Date.now() - started < 1000) await new Promise((res) => setTimeout(res, 1000));
      }
    })().catch((e) => {
      // The document stays as last shown; reopening it fetches again.
      if (!ac.signal.aborted) this.host.ctx.output.warn(`${r.resource.kind} ${r.name}: stopped following changes: ${(e as Error).message}`);
      this.watches.delete(key);
    });
  }

  dispose(): void {
    for (const w of this.watches.values()) w.abort();
    this.watches.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

function failureText(r: DocRequest, e: unknown): string {
  const what =
    r.doc === 'taskDefinition'
      ? `Loading task definition ${r.arn}`
      : r.doc === 'diagnosis'
        ? `Diagnosing access to ${r.ref.clusterName}`
        : r.doc === 'upgrade'
          ? `Checking the upgrade readiness of ${r.ref.clusterName}`
        : `Loading ${r.resource.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} from ${r.ref.clusterName}`;
  const x = explainFailure(what, e);
  if (r.doc === 'yaml') return `# ${x.message}\n`;
  if (r.doc === 'taskDefinition') return `${JSON.stringify({ error: x.message }, null, 2)}\n`;
  return `# Could not load this view\n\n${x.message}\n`;
}
