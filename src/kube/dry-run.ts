// A whole file against a cluster: every Kubernetes object in it, in file order, dry-run (or applied) one by one with
// server-side apply. The file is parsed by the linter's parser (lint/source.ts), so an object here is the object the
// linter reports on, with the same source map. Nothing is sent when the file has no objects, or (for a real apply)
// when any document of it does not parse.
import type { KObject, SourceFile } from '../lint/source';
import { toLocation } from '../lint/source';
import { applyObject, type ApplyClient, type ApplyOptions, type ApplyResult } from './apply';
import type { KubeObject } from './model';
import { findingsFor, type ClusterFinding } from './apply-findings';

export interface ObjectOutcome {
  obj: KObject;
  result: ApplyResult;
  findings: ClusterFinding[];
}

/** Why a file cannot be sent as it is, in words for a notification; undefined when it can. */
export function fileProblem(file: SourceFile, forApply: boolean): string | undefined {
  if (file.tooLarge) return `The file is larger than ${Math.round(file.tooLarge.limit / 1024 / 1024)} MB; Wharf does not send it.`;
  if (file.helm) return 'This is a Helm template ({{ }}): render it (helm template) and validate the output.';
  const broken = file.docs.find((d) => d.error);
  if (broken && (forApply || file.objects.length === 0)) {
    const at = toLocation(file, broken.error!.span);
    return `The YAML does not parse (line ${at.line}: ${broken.error!.message}); fix it first${forApply ? ': nothing was applied' : ''}.`;
  }
  if (file.objects.length === 0) return 'No Kubernetes objects in this file (a document needs apiVersion and kind).';
  return undefined;
}

// `namespaces "team-a" not found`: the 404 of an object whose namespace does not exist.
const MISSING_NAMESPACE = /namespaces "([^"]+)" not found/;

const isNamespace = (o: KObject) => o.kind === 'Namespace' && o.apiVersion === 'v1';

/**
 * Sends each object (dry run or real, per `opts`) and maps the answers to findings, in file order except that the
 * file's Namespaces go first, as `kubectl apply` of a Namespace and its objects works. On a dry run, an object in a
 * namespace this file creates cannot be checked (the namespace is not there, and a dry run creates nothing): it is
 * marked as awaiting its namespace, with a warning, instead of refused, so Apply can create both.
 */
export async function applyFile(client: ApplyClient, objects: readonly KObject[], opts: ApplyOptions, onProgress?: (done: number) => void): Promise<ObjectOutcome[]> {
  const out: ObjectOutcome[] = new Array(objects.length);
  const order = objects.map((_, i) => i).sort((a, b) => Number(isNamespace(objects[b])) - Number(isNamespace(objects[a])) || a - b);
  const createdHere = new Set<string>();
  let done = 0;
  for (const i of order) {
    const obj = objects[i];
    let result = await applyObject(client, obj.value, opts);
    if (isNamespace(obj) && result.ok && result.outcome === 'created') createdHere.add(obj.name);
    const missing = !result.ok && result.status === 404 ? MISSING_NAMESPACE.exec(result.message)?.[1] : undefined;
    if (opts.dryRun && missing && createdHere.has(missing)) result = awaitingNamespace(obj, result, missing);
    out[i] = { obj, result, findings: findingsFor(obj, result) };
    onProgress?.(++done);
  }
  return out;
}

function awaitingNamespace(obj: KObject, refused: ApplyResult, namespace: string): ApplyResult {
  const meta = (obj.value.metadata ?? {}) as Record<string, unknown>;
  const object = { ...obj.value, metadata: { ...meta, namespace } } as unknown as KubeObject;
  return { ok: true, outcome: 'created', object, label: refused.label, namespace, resource: refused.resource, warnings: [], awaitsNamespace: namespace };
}
