// The objects a cross-document rule may consult: the other documents of the same file and, in the editor, of the
// workspace; in the CLI, of every path given. Indexes are built on first use and dropped on any change.
import * as path from 'node:path';
import type { KObject, SourceFile } from './source';
import { isObj, namespaceOf, podSite, selectorMatcher, selects, type PodSite } from './walk';

export class Workspace {
  private readonly files = new Map<string, SourceFile>();
  private byKindIndex: Map<string, KObject[]> | undefined;
  private patchIndex: Set<string> | undefined;
  private readonly memos = new Map<string, unknown>();

  /** `key` defaults to the path; a parallel CLI run keys other workers' stand-ins apart from its own file. */
  set(file: SourceFile, key = file.path): void {
    this.files.set(key, file);
    this.invalidate();
  }

  delete(filePath: string): void {
    if (this.files.delete(filePath)) this.invalidate();
  }

  get(filePath: string): SourceFile | undefined {
    return this.files.get(filePath);
  }

  allFiles(): IterableIterator<SourceFile> {
    return this.files.values();
  }

  private invalidate(): void {
    this.byKindIndex = undefined;
    this.patchIndex = undefined;
    this.memos.clear();
  }

  /** A workspace-wide fact computed once until the next change (e.g. "has Windows workloads"). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  ofKind(kind: string): readonly KObject[] {
    if (!this.byKindIndex) {
      this.byKindIndex = new Map();
      for (const f of this.files.values()) {
        for (const o of f.objects) {
          const list = this.byKindIndex.get(o.kind);
          if (list) list.push(o);
          else this.byKindIndex.set(o.kind, [o]);
        }
      }
    }
    return this.byKindIndex.get(kind) ?? [];
  }

  find(kind: string, namespace: string, name: string): KObject | undefined {
    return this.ofKind(kind).find((o) => o.name === name && namespaceOf(o) === namespace);
  }

  /** Objects of `kind` in the pod's namespace whose `selectorPath` selects the pod's labels. */
  selecting(kind: string, pod: PodSite, selectorPath: readonly string[]): KObject[] {
    const ns = namespaceOf(pod.object);
    return this.ofKind(kind).filter((o) => {
      if (namespaceOf(o) !== ns) return false;
      let sel: unknown = o.value;
      for (const seg of selectorPath) sel = isObj(sel) ? sel[seg] : undefined;
      return selects(sel, pod.labels);
    });
  }

  /** Pod templates in `ns` whose labels `selector` selects. */
  podsSelectedBy(namespace: string, selector: unknown): PodSite[] {
    const matches = selectorMatcher(selector);
    return (this.podsByNamespace().get(namespace) ?? []).filter((site) => matches(site.labels));
  }

  /** Every pod template, by namespace: one pass per change, where a scan per Service made 10,000 objects quadratic. */
  private podsByNamespace(): Map<string, PodSite[]> {
    return this.memo('workspace:pods-by-namespace', () => {
      const index = new Map<string, PodSite[]>();
      for (const f of this.files.values()) {
        for (const o of f.objects) {
          const site = podSite(o);
          if (!site) continue;
          const ns = namespaceOf(o);
          const list = index.get(ns);
          if (list) list.push(site);
          else index.set(ns, [site]);
        }
      }
      return index;
    });
  }

  /** Files that a kustomization lists as patches: partial objects, never linted whole. */
  isPatchFile(filePath: string): boolean {
    if (!this.patchIndex) {
      this.patchIndex = new Set();
      for (const f of this.files.values()) {
        for (const p of kustomizePatchPaths(f)) this.patchIndex.add(path.resolve(path.dirname(f.path), p));
      }
    }
    return this.patchIndex.has(path.resolve(filePath));
  }
}

/** Paths a kustomization.yaml names in patches, patchesStrategicMerge and patchesJson6902. */
export function kustomizePatchPaths(file: SourceFile): string[] {
  if (!/^kustomization\.ya?ml$/i.test(path.basename(file.path))) return [];
  const out: string[] = [];
  for (const d of file.docs) {
    let v: unknown;
    try {
      v = d.doc.toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    if (!isObj(v)) continue;
    for (const key of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
      const list = v[key];
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        if (typeof item === 'string' && !item.includes('\n')) out.push(item);
        else if (isObj(item) && typeof item.path === 'string') out.push(item.path);
      }
    }
  }
  return out;
}
