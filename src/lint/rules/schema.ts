import { customResourceSchema } from '../crd-schema-lookup';
import { spanOf } from '../locate';
import { defineRule, type ProposedFix } from '../rule';
import { builtinSchema, schemaMinor, validate, type SchemaProblem } from '../schema';
import type { KObject } from '../source';
import type { Path } from '../types';
import { containers, get, isObj, podSite, selects } from '../walk';

/** `spec.template.spec.containers[0].image`: the path as kubectl prints it. */
function dotted(path: Path): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

/** Replaces the exact text of a key or a plain value, when the source spells it exactly so (no quotes or escapes). */
function replaceText(obj: KObject, path: Path, prefer: 'key' | 'value', from: string, to: string): ProposedFix['edits'] {
  return () => {
    const span = spanOf(obj, path, prefer);
    const text = obj.file.text.slice(span.start, span.end);
    if (text === from) return [{ start: span.start, end: span.end, text: to }];
    if (text === `"${from}"` || text === `'${from}'`) return [{ start: span.start + 1, end: span.end - 1, text: to }];
    return undefined;
  };
}

function shown(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

// The workload kinds whose selector the API server requires to select the pod template's labels.
const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

export default defineRule({
  meta: {
    id: 'schema',
    category: 'schema',
    defaultSeverity: 'error',
    description: 'An object does not match its API schema, built-in or from a CRD (type, unknown field, required field, enum, selector).',
    rationale:
      'The API server refuses an object with a wrong type (`replicas: "many"`), a value outside an enum (`imagePullPolicy: always`), a missing required field or a selector that does not select its template, and with strict field validation an unknown field; without it (older kubectl, Helm, GitOps tools) an unknown field such as `replica:` or `livenessprobe:` is silently dropped, so the setting never takes effect. Built-in kinds are checked against the OpenAPI schema of the target Kubernetes version (the same one deprecated-api uses). A custom resource is checked against the `openAPIV3Schema` of its CustomResourceDefinition when the workspace has one (in any file), else, for Karpenter\'s NodePool and EC2NodeClass, against the schemas of the Karpenter release Wharf ships; its metadata is left to the API server, and a kind with no schema is not checked.',
    fixable: 'suggest',
  },
  check(ctx) {
    const minor = schemaMinor(ctx.targetVersion);
    for (const o of ctx.objects) {
      const builtin = builtinSchema(minor, o.apiVersion, o.kind);
      // A custom resource is checked against its CRD (in the workspace, or shipped); without one, not at all.
      const schema = builtin ?? customResourceSchema(ctx.workspace, o.apiVersion, o.kind);
      if (!schema) continue;
      for (const p of validate(schema, o.value)) report(o, p);
      if (!builtin) continue;
      // The API server requires an image (the OpenAPI schema leaves it optional for higher-level tools).
      const pod = podSite(o);
      if (pod) {
        for (const c of containers(pod)) {
          if (c.container.image === undefined || c.container.image === null) report(o, { type: 'missing-field', path: c.path, field: 'image' });
        }
      }
      if (SELECTOR_KINDS.has(o.kind) && o.apiVersion === 'apps/v1') {
        const selector = get(o.value, ['spec', 'selector']);
        const labels = get(o.value, ['spec', 'template', 'metadata', 'labels']);
        if (isObj(selector) && isObj(labels) && !selects(selector, labels as Record<string, string>)) {
          ctx.report({ object: o, path: ['spec', 'selector'], prefer: 'key', message: 'spec.selector does not select spec.template.metadata.labels: the API server refuses the object ("selector does not match template labels"); make the template carry every label the selector requires.' });
        }
      }
    }

    function report(o: KObject, p: SchemaProblem): void {
      const where = dotted(p.path);
      switch (p.type) {
        case 'unknown-field':
          ctx.report({
            object: o,
            path: p.path,
            prefer: 'key',
            message: `unknown field "${where}"${p.suggestion ? `; did you mean "${p.suggestion}"?` : '.'} The API server drops it (or refuses the object under strict validation), so it has no effect.`,
            suggest: p.suggestion ? [{ title: `Rename "${p.field}" to "${p.suggestion}"`, edits: replaceText(o, p.path, 'key', p.field, p.suggestion) }] : [],
          });
          return;
        case 'wrong-type':
          ctx.report({ object: o, path: p.path, prefer: 'value', message: `${where || 'the object'} must be ${p.expected}, not ${p.actual} (${shown(get(o.value, p.path))}): the API server refuses the object.` });
          return;
        case 'missing-field':
          ctx.report({ object: o, path: p.path, prefer: 'key', message: `${where ? `${where} is missing` : 'missing'} the required field "${p.field}": the API server refuses the object.` });
          return;
        case 'enum':
          ctx.report({
            object: o,
            path: p.path,
            prefer: 'value',
            message: `${where} is "${p.value}", which is not one of ${p.allowed.filter(Boolean).join(', ')}${p.suggestion ? `; did you mean "${p.suggestion}"?` : '.'} The API server refuses the object.`,
            suggest: p.suggestion ? [{ title: `Change to "${p.suggestion}"`, edits: replaceText(o, p.path, 'value', p.value, p.suggestion) }] : [],
          });
      }
    }
  },
});
