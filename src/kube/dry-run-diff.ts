// The two sides of "Diff with Live": the live object and what a dry-run apply says it would become, trimmed to what
// a person can act on. Bookkeeping (managed fields, status, uid, resourceVersion, generation, timestamps) goes; a
// field the manifest does not set goes too when it is the same on both sides (the server's defaults), so what is
// left is the manifest's fields plus anything the apply would really change. Keys in a fixed order, so the same
// objects always render the same text. A new object's left side is empty: the whole right side is an addition.
import { stringify } from 'yaml';
import type { KubeObject } from './model';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const BOOKKEEPING_META = ['managedFields', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'selfLink'];

export function withoutServerFields(obj: KubeObject | Record<string, unknown>): Record<string, unknown> {
  const { status: _s, ...rest } = obj as Record<string, unknown>;
  if (isRecord(rest.metadata)) {
    const metadata = { ...rest.metadata };
    for (const k of BOOKKEEPING_META) delete metadata[k];
    rest.metadata = metadata;
  }
  return rest;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Items of a list that the manifest's item at the same place describes: by `name` when items have one, else by index. */
function counterpart(manifest: unknown[], item: unknown, index: number): unknown {
  if (isRecord(item) && typeof item.name === 'string') return manifest.find((m) => isRecord(m) && m.name === item.name);
  return manifest[index];
}

/** Drops from both sides what the manifest does not set and both sides agree on. */
export function prune(manifest: unknown, a: unknown, b: unknown): [unknown, unknown] {
  if (isRecord(a) && isRecord(b)) {
    const m = isRecord(manifest) ? manifest : undefined;
    const outA: Record<string, unknown> = {};
    const outB: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (m && k in m) {
        const [x, y] = prune(m[k], a[k], b[k]);
        if (x !== undefined) outA[k] = x;
        if (y !== undefined) outB[k] = y;
      } else if (!deepEqual(a[k], b[k])) {
        if (a[k] !== undefined) outA[k] = a[k];
        if (b[k] !== undefined) outB[k] = b[k];
      }
    }
    return [outA, outB];
  }
  if (Array.isArray(a) && Array.isArray(b) && Array.isArray(manifest)) {
    // Items stay (dropping one would change what the list says); each is trimmed against its manifest counterpart.
    const outA = a.map((item, i) => {
      const other = isRecord(item) && typeof item.name === 'string' ? b.find((x) => isRecord(x) && x.name === item.name) : b[i];
      return other === undefined ? item : prune(counterpart(manifest, item, i), item, other)[0];
    });
    const outB = b.map((item, i) => {
      const other = isRecord(item) && typeof item.name === 'string' ? a.find((x) => isRecord(x) && x.name === item.name) : a[i];
      return other === undefined ? prune(counterpart(manifest, item, i), item, item)[1] : prune(counterpart(manifest, item, i), other, item)[1];
    });
    return [outA, outB];
  }
  return [a, b];
}

const TOP = ['apiVersion', 'kind', 'metadata', 'spec', 'data', 'stringData', 'type'];
const META = ['name', 'generateName', 'namespace', 'labels', 'annotations'];

/** A copy with keys in a fixed order: the usual top-level and metadata order, `name` first, the rest alphabetical. */
export function ordered(v: unknown, where: 'top' | 'metadata' | 'other' = 'top'): unknown {
  if (Array.isArray(v)) return v.map((x) => ordered(x, 'other'));
  if (!isRecord(v)) return v;
  const first = where === 'top' ? TOP : where === 'metadata' ? META : ['name'];
  const keys = Object.keys(v).sort((x, y) => {
    const ix = first.indexOf(x);
    const iy = first.indexOf(y);
    if (ix >= 0 || iy >= 0) return (ix < 0 ? Infinity : ix) - (iy < 0 ? Infinity : iy);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return Object.fromEntries(keys.map((k) => [k, ordered(v[k], where === 'top' && k === 'metadata' ? 'metadata' : 'other')]));
}

/** Secret values never reach the screen: equal ones read <hidden>, changed ones say which side they are. */
function maskSecret(live: Record<string, unknown> | undefined, planned: Record<string, unknown>): void {
  if (planned.kind !== 'Secret') return;
  for (const field of ['data', 'stringData']) {
    const l = isRecord(live?.[field]) ? (live![field] as Record<string, unknown>) : undefined;
    const p = isRecord(planned[field]) ? (planned[field] as Record<string, unknown>) : undefined;
    for (const k of new Set([...Object.keys(l ?? {}), ...Object.keys(p ?? {})])) {
      const same = l && p && l[k] === p[k];
      if (l && k in l) l[k] = same ? '<hidden>' : '<hidden: live value>';
      if (p && k in p) p[k] = same ? '<hidden>' : '<hidden: new value>';
    }
  }
}

/** The two trimmed, ordered sides of one object; `live` undefined: the object does not exist yet. */
export function diffPair(manifest: Record<string, unknown>, live: KubeObject | undefined, planned: KubeObject): { live?: Record<string, unknown>; planned: Record<string, unknown> } {
  const p = withoutServerFields(planned);
  // Where the object goes is worth seeing even when the manifest leaves the namespace to the target.
  const ns = planned.metadata?.namespace;
  if (ns && isRecord(manifest.metadata) && !('namespace' in manifest.metadata)) manifest = { ...manifest, metadata: { ...manifest.metadata, namespace: ns } };
  if (!live) {
    const [, only] = prune(manifest, p, p);
    const out = ordered(only) as Record<string, unknown>;
    maskSecret(undefined, out);
    return { planned: out };
  }
  const [l, r] = prune(manifest, withoutServerFields(live), p);
  const out = { live: ordered(l) as Record<string, unknown>, planned: ordered(r) as Record<string, unknown> };
  maskSecret(out.live, out.planned);
  return out;
}

export interface DiffEntry {
  /** "Deployment shop/web" */
  label: string;
  manifest: Record<string, unknown>;
  live?: KubeObject;
  /** The dry-run result; absent when the cluster refused the object (then `refusal` says why). */
  planned?: KubeObject;
  refusal?: string;
}

const yaml = (v: unknown) => stringify(v, { lineWidth: 0, aliasDuplicateObjects: false });

/**
 * One document per side for all of a file's objects, in file order, each under the same comment line on both sides
 * so only real changes show. A refused object shows its live state on the left and the refusal on the right.
 */
export function renderDiff(entries: readonly DiffEntry[]): { left: string; right: string } {
  const left: string[] = [];
  const right: string[] = [];
  for (const e of entries) {
    if (!e.planned) {
      const head = `# ${e.label}: refused by the cluster\n`;
      left.push(head + (e.live ? yaml(ordered(withoutServerFields(e.live))) : ''));
      right.push(`${head}# ${(e.refusal ?? '').replace(/\n/g, '\n# ')}\n`);
      continue;
    }
    const pair = diffPair(e.manifest, e.live, e.planned);
    const state = !e.live ? 'new' : deepEqual(pair.live, pair.planned) ? 'unchanged' : 'changed';
    const head = `# ${e.label} (${state})\n`;
    left.push(head + (pair.live ? yaml(pair.live) : ''));
    right.push(head + yaml(pair.planned));
  }
  return { left: left.join('---\n'), right: right.join('---\n') };
}
