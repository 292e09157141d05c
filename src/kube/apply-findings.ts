// What the cluster said about each object of a file, as findings on the YAML ranges the person wrote: a refusal's
// causes on their fields (a cause without a field, and a refusal without causes, on the object's `kind`), conflicts
// on the contested fields, the server's Warning headers on their objects. Plain data: the editor makes diagnostics.
import { spanOf } from '../lint/locate';
import { get } from '../lint/walk';
import type { KObject } from '../lint/source';
import type { Span } from '../lint/types';
import type { ApplyResult, Refused } from './apply';
import { spanOfField } from './apply-paths';

export interface ClusterFinding {
  span: Span;
  severity: 'error' | 'warning';
  message: string;
  /** The Status reason (Invalid, Forbidden, Conflict, NotFound...), or "Warning" for a Warning header. */
  code: string;
}

// "failed to create typed patch object (shop/web; apps/v1, Kind=Deployment): .spec.foo: field not declared in schema"
// (unknown fields and wrong types in an apply body: a Status with no causes, the field only in the message).
const TYPED_PATCH = /typed patch object \([^)]*\): ([\s\S]*)$/;
const PATH_LINE = /^\s*(\.[^\s:]+(?:\[[^\]]*\][^\s:]*)*): (.+)$/;
// Warning headers that name a field: `unknown field "spec.foo"`, `duplicate field "spec.replicas"`.
const FIELD_WARNING = /(?:unknown|duplicate) field "([^"]+)"/;
// `apps/v1beta1 Deployment is deprecated in v1.9+, unavailable in v1.16+; use apps/v1 Deployment`
const DEPRECATED = /\bdeprecated\b|\bunavailable in v\d/;

export function findingsFor(obj: KObject, result: ApplyResult): ClusterFinding[] {
  const out: ClusterFinding[] = result.ok ? [] : refusalFindings(obj, result);
  if (result.ok && result.awaitsNamespace) {
    const span = get(obj.value, ['metadata', 'namespace']) === undefined ? spanOf(obj, ['kind']) : spanOf(obj, ['metadata', 'namespace'], 'value');
    out.push({
      span,
      severity: 'warning',
      message: `Not checked by the cluster: namespace "${result.awaitsNamespace}" does not exist yet. This file creates it, and Apply creates it before this object; a dry run creates nothing, so the API server checks this object only when it is applied.`,
      code: 'NamespacePending',
    });
  }
  for (const w of result.warnings) {
    const field = FIELD_WARNING.exec(w)?.[1];
    const span = field ? spanOfField(obj, field, 'key') : DEPRECATED.test(w) ? spanOf(obj, ['apiVersion']) : spanOf(obj, ['kind']);
    out.push({ span, severity: 'warning', message: w, code: 'Warning' });
  }
  return out;
}

function refusalFindings(obj: KObject, r: Refused): ClusterFinding[] {
  const code = r.reason || (r.status ? `HTTP ${r.status}` : 'Invalid');
  const error = (span: Span, message: string, c = code): ClusterFinding => ({ span, severity: 'error', message, code: c });
  if (r.conflicts.length) {
    return r.conflicts.map((c) => error(spanOfField(obj, c.field), `${c.field.replace(/^\./, '')} is owned by the field manager "${c.manager}" (${c.message}). Apply offers to force (take the field over).`, 'Conflict'));
  }
  const withField = r.causes.filter((c) => c.field);
  if (withField.length) {
    const out = withField.map((c) => error(spanOfField(obj, c.field), `${c.field}: ${c.message}`));
    // Causes without a field add what they say on the kind; the Status message repeats the fielded ones.
    for (const c of r.causes) if (!c.field && c.message) out.push(error(spanOfField(obj, undefined), c.message));
    return out;
  }
  const typed = TYPED_PATCH.exec(r.message);
  if (typed) {
    const lines = typed[1].split('\n').map((l) => PATH_LINE.exec(l)).filter((m): m is RegExpExecArray => !!m);
    // The server calls this an internal error (500), but it is the manifest's: a field the schema lacks or a wrong type.
    if (lines.length) return lines.map((m) => error(spanOfField(obj, m[1], 'key'), `${m[1].replace(/^\./, '')}: ${m[2]}`, 'Invalid'));
  }
  // A namespace that does not exist: on the object's own namespace when it sets one.
  if (r.reason === 'NotFound' && /^namespaces "/.test(r.message) && obj.namespace) return [error(spanOfField(obj, 'metadata.namespace'), r.message)];
  const span = r.causes.length === 0 && r.status === 0 ? spanOfField(obj, 'metadata.name') : spanOfField(obj, undefined);
  return [error(span, r.message)];
}
