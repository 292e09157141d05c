// The live scan: list the objects of a namespace or the whole cluster a page at a time, render each one as the YAML
// document a person would read, and lint that text with the one engine (lintText), so findings carry the same
// ranges, messages and fixes as in an editor. Memory stays bounded: a page is linted and dropped before the next is
// needed (the next one is already on its way), and only the small context kinds (kinds.ts) are kept for the rules
// that read other documents. No `vscode`: the extension and the CLI both call scanCluster.
import type { ResolvedConfig } from '../lint/config';
import type { Finding, ObjectRef } from '../lint/types';
import { Workspace } from '../lint/workspace';
import { isKubeError } from '../kube/errors';
import type { KubeListPage, KubeObject, ResourceKind } from '../kube/model';
import type { ListOptions } from '../kube/client';
import { CLUSTER_KINDS, CONTEXT_KINDS, FARGATE_LOGGING, NAMESPACE_KIND, NEEDS_WORKLOADS, STREAMED_KINDS, WORKLOAD_KINDS } from './kinds';
import { controllerOf, isSystemObject, SYSTEM_NAMESPACES } from './owners';
import { lintBatch } from './batch';
import { livePath, renderLive } from './render';

/** What a scan needs of a Kubernetes client (KubeClient has it). */
export interface ScanClient {
  list(kind: ResourceKind, opts: ListOptions, signal?: AbortSignal): Promise<KubeListPage>;
  get(kind: ResourceKind, name: string, namespace?: string, signal?: AbortSignal): Promise<KubeObject>;
}

export interface ScanOptions {
  /** Names the documents: `<cluster>/<namespace>/<plural>/<name>.yaml`. */
  clusterName: string;
  /** One namespace; absent: every namespace, plus the cluster-scoped kinds. */
  namespace?: string;
  /** Scan kube-system, kube-public, kube-node-lease and the system RBAC objects too. */
  includeSystem?: boolean;
  /** Objects per list request. */
  pageSize?: number;
  config?: ResolvedConfig;
  signal?: AbortSignal;
  onProgress?(p: ScanProgress): void;
}

export interface ScanProgress {
  kind: string;
  listed: number;
  linted: number;
}

/** One linted live object: its document (exactly the text the findings' offsets refer to) and its findings. */
export interface ScannedDoc {
  path: string;
  text: string;
  object: ObjectRef;
  resource: ResourceKind;
  findings: Finding[];
}

export interface ScanStats {
  listed: number;
  linted: number;
  /** Skipped because a controller owns them: their owner was linted. */
  skippedOwned: number;
  skippedSystem: number;
  byKind: Record<string, number>;
  /** Kinds that could not be listed (RBAC denial, not served), with why: the scan says so instead of passing silently. */
  unavailable: { kind: string; reason: string }[];
  ms: number;
}

const DEFAULT_PAGE = 500;
const LINT_BATCH = 50;

/**
 * Lints every live object in scope; `onDoc` receives each linted object as soon as it is done (with or without
 * findings), so a caller keeps only what it needs. Rejects with a KubeError 'aborted' when the signal aborts.
 */
export async function scanObjects(client: ScanClient, opts: ScanOptions, onDoc: (d: ScannedDoc) => void): Promise<ScanStats> {
  const t0 = performance.now();
  const stats: ScanStats = { listed: 0, linted: 0, skippedOwned: 0, skippedSystem: 0, byKind: {}, unavailable: [], ms: 0 };
  const lintOpts = { config: opts.config };
  const ws = new Workspace();
  const limit = opts.pageSize ?? DEFAULT_PAGE;
  const systemOk = opts.includeSystem || (opts.namespace !== undefined && SYSTEM_NAMESPACES.includes(opts.namespace));
  const fieldSelector = opts.namespace || opts.includeSystem ? undefined : SYSTEM_NAMESPACES.map((n) => `metadata.namespace!=${n}`).join(',');
  // Workloads a PDB or HPA may point at, kept (as text) only in namespaces that have one, for the last pass.
  const needsWorkloads = new Set<string>();
  const deferred: Pending[] = [];
  const deferredPaths: string[] = [];
  const kept: Pending[] = [];
  let batches = 0;
  const batchPath = () => `${opts.clusterName}/.wharf-scan/page-${++batches}.yaml`;

  // Lint files of LINT_BATCH objects: few enough that a file's syntax tree dies young (cheap to collect), many enough
  // that the workspace's cross-document indexes are rebuilt rarely (see batch.ts).
  const lintPages = (items: readonly Pending[], keep: boolean): Finding[][] => {
    const out: Finding[][] = [];
    for (let i = 0; i < items.length; i += LINT_BATCH) out.push(...lintBatch(batchPath(), items.slice(i, i + LINT_BATCH), ws, keep, lintOpts));
    return out;
  };
  const report = (items: readonly Pending[], findings: Finding[][]) => {
    items.forEach((it, i) => {
      stats.linted++;
      stats.byKind[it.resource.kind] = (stats.byKind[it.resource.kind] ?? 0) + 1;
      onDoc({ path: it.path, text: it.text, object: refOf(it.obj, it.resource), resource: it.resource, findings: findings[i] });
    });
  };
  const pending = (resource: ResourceKind, obj: KubeObject): Pending => ({
    resource,
    obj,
    path: livePath(opts.clusterName, resource.plural, obj.metadata.name, obj.metadata.namespace),
    text: renderLive(obj),
  });

  const admit = (obj: KubeObject): boolean => {
    stats.listed++;
    if (controllerOf(obj)) {
      stats.skippedOwned++;
      return false;
    }
    if (!systemOk && isSystemObject(obj)) {
      stats.skippedSystem++;
      return false;
    }
    return true;
  };

  /** Every admitted object of a kind, a page at a time. */
  const each = async (resource: ResourceKind, visit: (page: Pending[]) => void) => {
    if (!resource.namespaced && opts.namespace) return;
    const base: ListOptions = { namespace: opts.namespace, limit, fieldSelector: resource.namespaced ? fieldSelector : undefined };
    let next: Promise<KubeListPage> | undefined = client.list(resource, base, opts.signal);
    let listed = 0;
    while (next) {
      let page: KubeListPage;
      try {
        page = await next;
      } catch (e) {
        if (unavailable(e)) {
          stats.unavailable.push({ kind: resource.kind, reason: (e as Error).message });
          return;
        }
        throw e;
      }
      // The next page is fetched while this one is linted: the network and the CPU overlap.
      next = page.next ? client.list(resource, { ...base, continue: page.next }, opts.signal) : undefined;
      listed += page.items.length;
      visit(page.items.filter(admit).map((o) => pending(resource, o)));
      opts.onProgress?.({ kind: resource.kind, listed, linted: stats.linted });
      opts.signal?.throwIfAborted();
    }
  };

  // Context kinds stay in the workspace for the whole scan; PDBs and HPAs are linted last, with the workloads they
  // select, but are in the workspace from the start for the workloads' own rules (pdb-missing, replicas-min).
  for (const resource of CONTEXT_KINDS) {
    await each(resource, (page) => {
      if (NEEDS_WORKLOADS.has(resource.kind)) {
        const early = batchPath();
        lintBatch(early, page, ws, true, lintOpts);
        deferredPaths.push(early);
        for (const it of page) needsWorkloads.add(it.obj.metadata.namespace ?? '');
        deferred.push(...page);
      } else report(page, lintPages(page, true));
    });
  }

  for (const resource of [...STREAMED_KINDS, ...(opts.namespace ? [] : CLUSTER_KINDS)]) {
    await each(resource, (page) => {
      report(page, lintPages(page, false));
      if (WORKLOAD_KINDS.has(resource.kind)) kept.push(...page.filter((it) => needsWorkloads.has(it.obj.metadata.namespace ?? '')));
    });
  }

  // Fargate's logging ConfigMap and its namespace: the one ConfigMap a rule reads, fetched by name.
  if (!opts.namespace || opts.namespace === FARGATE_LOGGING.namespace) {
    const found: Pending[] = [];
    for (const [resource, name, ns] of [[NAMESPACE_KIND, FARGATE_LOGGING.namespace, undefined], [FARGATE_LOGGING.kind, FARGATE_LOGGING.name, FARGATE_LOGGING.namespace]] as const) {
      const obj = await client.get(resource, name, ns, opts.signal).catch((e: unknown) => {
        if (unavailable(e)) return undefined;
        throw e;
      });
      if (!obj) continue;
      obj.apiVersion ??= 'v1';
      obj.kind ??= resource.kind;
      stats.listed++;
      found.push(pending(resource, obj));
    }
    report(found, lintPages(found, false));
  }

  // PDBs and HPAs, with the workloads of their namespaces in the workspace (the workloads' own findings were
  // reported when they streamed past).
  for (const p of deferredPaths) ws.delete(p);
  for (let i = 0; i < kept.length; i += limit) lintPages(kept.slice(i, i + limit), true);
  for (let i = 0; i < deferred.length; i += limit) {
    const page = deferred.slice(i, i + limit);
    report(page, lintPages(page, false));
  }

  stats.ms = performance.now() - t0;
  return stats;
}

interface Pending {
  resource: ResourceKind;
  obj: KubeObject;
  path: string;
  text: string;
}

/** Not served (404), not allowed (403): a kind the scan reports as unavailable and moves past. */
function unavailable(e: unknown): boolean {
  return isKubeError(e) && (e.failure.kind === 'forbidden' || e.failure.kind === 'not-found');
}

function refOf(obj: KubeObject, resource: ResourceKind): ObjectRef {
  const apiVersion = obj.apiVersion ?? (resource.group ? `${resource.group}/${resource.version}` : resource.version);
  return { apiVersion, kind: obj.kind ?? resource.kind, name: obj.metadata.name, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}) };
}
