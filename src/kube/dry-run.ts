// A whole file against a cluster: every Kubernetes object in it, in file order, dry-run (or applied) one by one with
// server-side apply. The file is parsed by the linter's parser (lint/source.ts), so an object here is the object the
// linter reports on, with the same source map. Nothing is sent when the file has no objects, or (for a real apply)
// when any document of it does not parse.
import type { KObject, SourceFile } from '../lint/source';
import { toLocation } from '../lint/source';
import { applyObject, type ApplyClient, type ApplyOptions, type ApplyResult } from './apply';
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

/**
 * Sends each object (dry run or real, per `opts`) and maps the answers to findings. Objects go one at a time, in
 * file order: a real apply of a Namespace then its objects works as `kubectl apply` does.
 */
export async function applyFile(client: ApplyClient, objects: readonly KObject[], opts: ApplyOptions, onProgress?: (done: number) => void): Promise<ObjectOutcome[]> {
  const out: ObjectOutcome[] = [];
  for (const obj of objects) {
    const result = await applyObject(client, obj.value, opts);
    out.push({ obj, result, findings: findingsFor(obj, result) });
    onProgress?.(out.length);
  }
  return out;
}
