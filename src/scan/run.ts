// One scan from start to end, for the extension and the CLI alike: the live objects (scan.ts) and, for a whole
// cluster, the cluster-level checks (cluster-checks.ts). Keeps every finding (small) and the text of each document
// that has one (so a reader can open it at the finding's line); documents without findings are dropped as they pass.
import type { ResolvedConfig } from '../lint/config';
import type { Finding } from '../lint/types';
import { checkCluster, type ClusterFacts } from './cluster-checks';
import { scanObjects, type ScanClient, type ScannedDoc, type ScanProgress, type ScanStats } from './scan';

export interface ScanRequest {
  client: ScanClient;
  clusterName: string;
  region: string;
  namespace?: string;
  includeSystem?: boolean;
  config?: ResolvedConfig;
  /** Cluster-level facts (whole-cluster scans); absent: no cluster-level checks. */
  facts?: () => Promise<ClusterFacts>;
  signal?: AbortSignal;
  onProgress?(p: ScanProgress): void;
  pageSize?: number;
  now?: Date;
  /** Keep each flagged document's text (default): the extension shows them; the CLI's outputs need none. */
  keepTexts?: boolean;
}

export interface ScanResult {
  clusterName: string;
  region: string;
  namespace?: string;
  findings: Finding[];
  /** Document path -> text, for every document with a finding (the cluster document included), unless keepTexts is false. */
  texts: Map<string, string>;
  /** Document path -> what it shows, for every document with a finding. */
  docs: Map<string, Omit<ScannedDoc, 'text' | 'findings'>>;
  stats: ScanStats;
  /** What could not be checked, and why. */
  notes: string[];
  startedAt: Date;
}

export async function runScan(r: ScanRequest): Promise<ScanResult> {
  const startedAt = r.now ?? new Date();
  const findings: Finding[] = [];
  const texts = new Map<string, string>();
  const docs = new Map<string, Omit<ScannedDoc, 'text' | 'findings'>>();
  // The cluster's facts are fetched while the objects stream.
  const factsPromise = r.facts?.();
  factsPromise?.catch(() => undefined);
  const stats = await scanObjects(
    r.client,
    { clusterName: r.clusterName, namespace: r.namespace, includeSystem: r.includeSystem, config: r.config, signal: r.signal, onProgress: r.onProgress, pageSize: r.pageSize },
    (d) => {
      if (d.findings.length === 0) return;
      findings.push(...d.findings);
      if (r.keepTexts !== false) texts.set(d.path, d.text);
      docs.set(d.path, { path: d.path, object: d.object, resource: d.resource });
    },
  );
  const notes = stats.unavailable.map((u) => `${u.kind} not scanned: ${u.reason}`);
  if (factsPromise) {
    const facts = await factsPromise.catch((e: unknown) => {
      notes.push(`Cluster-level checks not run: ${(e as Error).message}`);
      return undefined;
    });
    if (facts) {
      notes.push(...facts.notes);
      const report = checkCluster(facts, { config: r.config, now: r.now });
      if (report.findings.length) {
        findings.push(...report.findings);
        texts.set(report.path, report.text);
      }
    }
  }
  return { clusterName: r.clusterName, region: r.region, namespace: r.namespace, findings, texts, docs, stats, notes, startedAt };
}

export function counts(findings: readonly Finding[]): Record<'error' | 'warning' | 'info', number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
