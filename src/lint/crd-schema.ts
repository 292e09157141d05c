// Compiles a CustomResourceDefinition's structural schema (`openAPIV3Schema`) into the compact form the schema
// engine (schema.ts) walks for built-in kinds, so custom resources are checked by the same code with the same
// problems. Used at lint time for CRDs of the workspace and by test/tools/gen-crd-schemas.ts for the shipped data.
import type { Def } from './schema';

/** A compiled schema: definition `#0` is the object's root; `#N` codes inside refer to entries of the same list. */
export type CompiledSchema = (Def | string)[];

type JsonSchema = Record<string, unknown>;

// A structural schema is a finite tree, but a hostile document could nest it without end: past this depth, anything.
const MAX_DEPTH = 64;

function isObj(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The rules of structural schemas the API server applies when it prunes and validates: `properties` list the known
 * fields; `additionalProperties` makes a map; `x-kubernetes-preserve-unknown-fields` keeps unknown fields, down the
 * tree until a nested schema specifies `properties` or `additionalProperties` again; `x-kubernetes-embedded-resource`
 * allows apiVersion, kind and metadata; `x-kubernetes-int-or-string` takes either. Null is never refused: a
 * `nullable` field keeps it and any other field has it pruned before validation. Value validations (pattern,
 * minimum, CEL rules) are left to the API server; string enums are kept.
 */
export function compileSchema(openAPIV3Schema: unknown): CompiledSchema {
  const defs: CompiledSchema = [''];
  const interned = new Map<string, number>();
  const intern = (d: Def): string => {
    const key = JSON.stringify(d);
    let i = interned.get(key);
    if (i === undefined) {
      i = defs.push(d) - 1;
      interned.set(key, i);
    }
    return `#${i}`;
  };

  const objectDef = (s: JsonSchema, preserve: boolean, depth: number): Def => {
    const f: Record<string, string> = {};
    if (isObj(s.properties)) {
      for (const [k, v] of Object.entries(s.properties)) f[k] = code(v, preserve, depth + 1);
    }
    if (s['x-kubernetes-embedded-resource'] === true) {
      f.apiVersion ??= 's';
      f.kind ??= 's';
      f.metadata ??= 'a';
    }
    const d: Def = { f };
    if (Array.isArray(s.required)) {
      const r = s.required.filter((x): x is string => typeof x === 'string');
      if (r.length) d.r = [...new Set(r)].sort();
    }
    if (preserve) d.p = 1;
    return d;
  };

  // Type codes as in test/tools/gen-k8s-schemas.ts.
  const code = (s: unknown, inherited: boolean, depth: number): string => {
    if (!isObj(s) || depth > MAX_DEPTH) return 'a';
    const own = s['x-kubernetes-preserve-unknown-fields'];
    const structured = isObj(s.properties) || s.additionalProperties !== undefined;
    const preserve = own === true || (own === undefined && inherited && !structured);
    if (s['x-kubernetes-int-or-string'] === true) return 'q';
    switch (s.type) {
      case 'string': {
        const e = s.enum;
        return Array.isArray(e) && e.length > 0 && e.every((v) => typeof v === 'string' && !v.includes('|')) ? `e:${e.join('|')}` : 's';
      }
      case 'integer':
        return 'i';
      case 'number':
        return 'n';
      case 'boolean':
        return 'b';
      case 'array':
        return `[${code(s.items, preserve, depth + 1)}`;
      case 'object':
      case undefined: {
        if (isObj(s.properties) || s['x-kubernetes-embedded-resource'] === true) return intern(objectDef(s, preserve, depth));
        if (isObj(s.additionalProperties)) return `{${code(s.additionalProperties, preserve, depth + 1)}`;
        // Only preserve-unknown-fields or int-or-string may leave out the type: anything goes.
        if (s.type === undefined) return 'a';
        if (preserve || s.additionalProperties === true) return 'o';
        // An object with no fields: the API server prunes (or, strictly, refuses) whatever it holds.
        return intern({ f: {} });
      }
      default:
        return 'a';
    }
  };

  // The root is an object; apiVersion and kind are always allowed, and metadata is the API server's ObjectMeta, not
  // the CRD's to describe (it validates that loosely itself).
  if (!isObj(openAPIV3Schema)) return ['a'];
  const props = isObj(openAPIV3Schema.properties) ? Object.entries(openAPIV3Schema.properties).filter(([k]) => k !== 'metadata') : [];
  const root = objectDef({ ...openAPIV3Schema, properties: Object.fromEntries(props) }, openAPIV3Schema['x-kubernetes-preserve-unknown-fields'] === true, 0);
  defs[0] = { ...root, f: { ...root.f, apiVersion: 's', kind: 's', metadata: 'a' } };
  return defs;
}

/** The `group` and `kind` of an apiextensions.k8s.io/v1 CustomResourceDefinition, when it names them. */
export function crdGroupKind(crd: Record<string, unknown>): { group: string; kind: string } | undefined {
  const spec = crd.spec;
  if (!isObj(spec) || typeof spec.group !== 'string' || !isObj(spec.names) || typeof spec.names.kind !== 'string') return undefined;
  return { group: spec.group, kind: spec.names.kind };
}

/** Each version of a CRD that carries a schema, compiled: version name -> schema. */
export function compileCrd(crd: Record<string, unknown>): Map<string, CompiledSchema> {
  const out = new Map<string, CompiledSchema>();
  const versions = isObj(crd.spec) ? crd.spec.versions : undefined;
  if (!Array.isArray(versions)) return out;
  for (const v of versions) {
    if (!isObj(v) || typeof v.name !== 'string' || !isObj(v.schema) || !isObj(v.schema.openAPIV3Schema)) continue;
    out.set(v.name, compileSchema(v.schema.openAPIV3Schema));
  }
  return out;
}
