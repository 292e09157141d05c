// The API server names a field in two notations, and both must land on the YAML the person wrote:
//   validation causes (apimachinery field.Path): spec.template.spec.containers[0].image, data[my.key]
//   apply conflicts and schema errors (structured-merge-diff): .spec.template.spec.containers[name="app"].image,
//     .metadata.labels.app.kubernetes.io/name, .spec.ports[containerPort=80,protocol="TCP"], .finalizers[="x"]
// A field is resolved against the object's data (a list item by its keys, a dotted map key by the keys present),
// then located in the source with the linter's own source map (lint/locate.ts), so the ranges match the linter's.
import { spanOf } from '../lint/locate';
import type { KObject } from '../lint/source';
import type { Path, Span } from '../lint/types';

export type FieldSegment =
  | { name: string; dotted: boolean }
  | { index: number }
  /** A list item by its key fields (values JSON-encoded, as structured-merge-diff prints them). */
  | { keys: Record<string, unknown> }
  /** A set item by its value. */
  | { value: unknown };

const jsonOr = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

/** Splits a field path in either notation into segments; unparseable input gives what it could read. */
export function parseFieldPath(field: string): FieldSegment[] {
  const out: FieldSegment[] = [];
  let i = field.startsWith('.') ? 1 : 0;
  let name = '';
  const flush = () => {
    if (name) out.push({ name, dotted: true });
    name = '';
  };
  while (i < field.length) {
    const ch = field[i];
    if (ch === '.') {
      flush();
      i++;
    } else if (ch === '[') {
      flush();
      const end = closing(field, i);
      const inner = field.slice(i + 1, end);
      i = end + 1;
      if (/^\d+$/.test(inner)) out.push({ index: Number(inner) });
      else if (inner.startsWith('=')) out.push({ value: jsonOr(inner.slice(1)) });
      else if (/^[A-Za-z_][\w-]*=/.test(inner)) out.push({ keys: parseKeys(inner) });
      else out.push({ name: inner, dotted: false });
    } else {
      name += ch;
      i++;
    }
  }
  flush();
  return out;
}

/** The `]` that closes the bracket at `open`, skipping quoted strings (a key value may hold `]`). */
function closing(s: string, open: number): number {
  let inQuote = false;
  for (let i = open + 1; i < s.length; i++) {
    if (inQuote) {
      if (s[i] === '\\') i++;
      else if (s[i] === '"') inQuote = false;
    } else if (s[i] === '"') inQuote = true;
    else if (s[i] === ']') return i;
  }
  return s.length;
}

/** `name="app",protocol="TCP"` -> { name: 'app', protocol: 'TCP' }. */
function parseKeys(inner: string): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  for (const m of inner.matchAll(/([A-Za-z_][\w-]*)=("(?:[^"\\]|\\.)*"|[^,]*)/g)) keys[m[1]] = jsonOr(m[2]);
  return keys;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The data path of `segments` in `value`: list items found by their keys, dotted map keys re-joined where the
 * object has a key with dots (labels such as app.kubernetes.io/name). Past what exists, segments are kept as
 * written, so the source map stops at the deepest part that does exist.
 */
export function resolveFieldPath(value: unknown, segments: readonly FieldSegment[]): Path {
  const path: (string | number)[] = [];
  let v: unknown = value;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if ('index' in seg) {
      path.push(seg.index);
      v = Array.isArray(v) ? v[seg.index] : undefined;
    } else if ('keys' in seg || 'value' in seg) {
      const items = Array.isArray(v) ? v : [];
      const at = 'keys' in seg ? itemByKeys(items, seg.keys) : items.findIndex((it) => sameValue(it, seg.value));
      if (at < 0) {
        // A list item the manifest does not have (another manager's): the list itself is the closest place.
        return path;
      }
      path.push(at);
      v = items[at];
    } else {
      let key = seg.name;
      if (seg.dotted && isRecord(v) && !(key in v)) {
        // Re-join following dotted segments while that names a key of this map.
        for (let j = i + 1, joined = key; j < segments.length; j++) {
          const next = segments[j];
          if (!('name' in next) || !next.dotted) break;
          joined += `.${next.name}`;
          if (joined in v) {
            key = joined;
            i = j;
            break;
          }
        }
      }
      path.push(key);
      v = isRecord(v) ? v[key] : undefined;
    }
  }
  return path;
}

/**
 * The list item whose key fields match. A key the manifest leaves to a default (a port's protocol: TCP) is absent
 * from the manifest's item, so an absent key does not disqualify; the item matching the most keys wins.
 */
function itemByKeys(items: readonly unknown[], keys: Record<string, unknown>): number {
  let best = -1;
  let bestCount = 0;
  items.forEach((it, i) => {
    if (!isRecord(it)) return;
    let count = 0;
    for (const [k, want] of Object.entries(keys)) {
      if (!(k in it)) continue;
      if (!sameValue(it[k], want)) return;
      count++;
    }
    if (count > bestCount) [best, bestCount] = [i, count];
  });
  return best;
}

/** Port numbers come as numbers in the data and in the key; a quoted "80" and 80 are the same item here. */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a !== undefined && b !== undefined && String(a) === String(b) && typeof a !== 'object');
}

/**
 * Where a server-named field stands in the object's source; no field: the object's `kind`. 'key' underlines the
 * field's name (an unknown field: the name is what is wrong), 'auto' a scalar's value (a value out of range).
 */
export function spanOfField(obj: KObject, field: string | undefined, prefer: 'key' | 'auto' = 'auto'): Span {
  if (!field) return spanOf(obj, ['kind']);
  const path = resolveFieldPath(obj.value, parseFieldPath(field.trim()));
  if (path.length === 0) return spanOf(obj, ['kind']);
  return spanOf(obj, path, prefer);
}
