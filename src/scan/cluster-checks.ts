// The cluster-level checks, pure: facts from the APIs in, a read-only YAML document of those facts and findings on
// its lines out. The document is what the Problems panel shows the findings on (and what the CLI names as their
// file), so a person sees the setting next to the finding about it.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Document, type Node } from 'yaml';
import type { EksAddon, EksCluster, EksNodegroup } from '../aws/model';
import type { ResolvedConfig } from '../lint/config';
import type { Finding, Severity, Span } from '../lint/types';
import type { KubeObject } from '../kube/model';
import { clusterRule } from './cluster-rules';

export interface ClusterFacts {
  cluster: EksCluster;
  /** undefined: the API did not answer (see `notes`). */
  nodegroups?: EksNodegroup[];
  addons?: EksAddon[];
  /** The live kube-system/coredns Deployment; null when the cluster has none, undefined when it could not be read. */
  coredns?: KubeObject | null;
  /** What could not be checked, and why. */
  notes: string[];
}

export interface ClusterReport {
  path: string;
  text: string;
  findings: Finding[];
}

const AMI_MAX_AGE_DAYS = 90;
const NEEDED_LOGS = ['api', 'audit', 'authenticator'];

export function clusterDocPath(clusterName: string): string {
  return `${clusterName.replace(/[/\\?#:]/g, '_')}/_cluster/eks-cluster.yaml`;
}

/** The facts as the document shows them; keys are what the findings point at. */
function factsDocument(f: ClusterFacts): Record<string, unknown> {
  const c = f.cluster;
  const out: Record<string, unknown> = {
    cluster: {
      name: c.name,
      arn: c.arn,
      region: c.region,
      version: c.version,
      platformVersion: c.platformVersion,
      logging: { enabled: c.loggingEnabled ?? [] },
      secretsEncryption: { keyArn: c.secretsKmsKeyArn ?? null },
      endpoint: { publicAccess: c.endpointPublicAccess ?? null, privateAccess: c.endpointPrivateAccess ?? null, publicAccessCidrs: c.publicAccessCidrs ?? [] },
      authenticationMode: c.authenticationMode ?? null,
    },
  };
  if (f.nodegroups) out.nodegroups = f.nodegroups.map((n) => ({ name: n.name, version: n.version ?? null, releaseVersion: n.releaseVersion ?? null, amiType: n.amiType ?? null }));
  if (f.addons) out.addons = f.addons.map((a) => ({ name: a.name, version: a.version ?? null, ...(a.newerVersion ? { newerVersion: a.newerVersion } : {}) }));
  if (f.coredns) {
    const spec = (f.coredns.spec ?? {}) as { replicas?: number; template?: { spec?: { topologySpreadConstraints?: unknown[]; affinity?: { podAntiAffinity?: unknown } } } };
    out.coredns = {
      replicas: spec.replicas ?? 1,
      topologySpreadConstraints: spec.template?.spec?.topologySpreadConstraints ?? [],
      podAntiAffinity: spec.template?.spec?.affinity?.podAntiAffinity ?? null,
    };
  }
  return out;
}

export function checkCluster(facts: ClusterFacts, opts: { config?: ResolvedConfig; now?: Date } = {}): ClusterReport {
  const path = clusterDocPath(facts.cluster.name);
  const header = `# EKS cluster ${facts.cluster.name} (${facts.cluster.region}), as DescribeCluster, ListNodegroups and ListAddons report it.\n`;
  const text = header + stringify(factsDocument(facts), { lineWidth: 0 });
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const findings: Finding[] = [];
  const add = (ruleId: string, keyPath: (string | number)[], message: string, severity?: Severity) => {
    const meta = clusterRule(ruleId)!;
    const sev = opts.config ? opts.config.severity(ruleId, severity ?? meta.defaultSeverity) : (severity ?? meta.defaultSeverity);
    if (sev === 'off') return;
    const span = keySpan(doc, keyPath);
    const s = lc.linePos(span.start);
    const e = lc.linePos(span.end);
    findings.push({ ruleId, severity: sev, message, file: path, span, location: { line: s.line, column: s.col, endLine: e.line, endColumn: e.col } });
  };
  const c = facts.cluster;
  const name = `Cluster ${c.name}`;

  const enabled = new Set(c.loggingEnabled ?? []);
  const missing = NEEDED_LOGS.filter((t) => !enabled.has(t));
  if (missing.length) add('eks-control-plane-logging', ['cluster', 'logging'], `${name}: control-plane logging is off for ${missing.join(', ')}; enable at least api, audit and authenticator.`);
  if (!c.secretsKmsKeyArn) add('eks-secrets-encryption', ['cluster', 'secretsEncryption'], `${name}: Secrets are not envelope-encrypted with a KMS key; associate one (aws eks associate-encryption-config).`);
  const cidrs = c.publicAccessCidrs ?? [];
  if (c.endpointPublicAccess && (cidrs.length === 0 || cidrs.includes('0.0.0.0/0'))) {
    add('eks-public-endpoint', ['cluster', 'endpoint', 'publicAccessCidrs'], `${name}: the public API endpoint accepts 0.0.0.0/0; turn on private access and turn off public access, or restrict publicAccessCidrs.`);
  }
  if (c.authenticationMode === 'CONFIG_MAP') add('eks-authentication-mode', ['cluster', 'authenticationMode'], `${name}: authentication mode CONFIG_MAP uses only the aws-auth ConfigMap; switch to API_AND_CONFIG_MAP, migrate to access entries, then API.`);
  else if (c.authenticationMode === 'API_AND_CONFIG_MAP') add('eks-authentication-mode', ['cluster', 'authenticationMode'], `${name}: authentication mode API_AND_CONFIG_MAP still honours the aws-auth ConfigMap; once its mappings are access entries, switch to API.`, 'info');

  const cp = minor(c.version);
  (facts.nodegroups ?? []).forEach((ng, i) => {
    const v = minor(ng.version);
    if (cp !== undefined && v !== undefined && v < cp) {
      // Kubernetes supports kubelets 3 minors behind the API server from 1.28 (2 before).
      const limit = cp >= 28 ? 3 : 2;
      const sev: Severity = cp - v > limit ? 'error' : 'warning';
      add('nodegroup-version-skew', ['nodegroups', i, 'version'], `Node group ${ng.name}: Kubernetes ${ng.version} is ${cp - v} minor version${cp - v === 1 ? '' : 's'} behind the control plane (${c.version})${sev === 'error' ? `, past the supported skew of ${limit}` : ''}; update the node group.`, sev);
    }
    const released = releaseDate(ng.releaseVersion);
    const now = opts.now ?? new Date();
    if (released) {
      const days = Math.floor((now.getTime() - released.getTime()) / 86_400_000);
      if (days > AMI_MAX_AGE_DAYS) add('nodegroup-ami-age', ['nodegroups', i, 'releaseVersion'], `Node group ${ng.name}: AMI release ${ng.releaseVersion} is ${days} days old; update the node group to the latest AMI release.`);
    }
  });
  (facts.addons ?? []).forEach((a, i) => {
    if (a.newerVersion) add('addon-outdated', ['addons', i, 'version'], `Add-on ${a.name}: ${a.version} has a newer version for Kubernetes ${c.version}: ${a.newerVersion}.`);
  });
  if (facts.coredns) {
    const spec = (facts.coredns.spec ?? {}) as { replicas?: number; template?: { spec?: { topologySpreadConstraints?: { topologyKey?: string }[]; affinity?: { podAntiAffinity?: unknown } } } };
    const replicas = spec.replicas ?? 1;
    if (replicas < 2) add('coredns-replicas', ['coredns', 'replicas'], `CoreDNS runs ${replicas} replica${replicas === 1 ? '' : 's'}; run at least 2 (and scale with the cluster).`);
    const spread = (spec.template?.spec?.topologySpreadConstraints ?? []).some((t) => t.topologyKey === 'topology.kubernetes.io/zone' || t.topologyKey === 'kubernetes.io/hostname');
    if (replicas >= 2 && !spread && !spec.template?.spec?.affinity?.podAntiAffinity) {
      add('coredns-spread', ['coredns', 'topologySpreadConstraints'], `CoreDNS replicas have neither a topology spread constraint over zones or nodes nor pod anti-affinity; spread them.`);
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start);
  return { path, text, findings };
}

function minor(v: string | undefined): number | undefined {
  const m = /^v?1\.(\d+)/.exec(v ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The build date of an EKS AMI release version, "1.33.0-20250704" (Amazon Linux); Bottlerocket's carry none. */
export function releaseDate(release: string | undefined): Date | undefined {
  const m = /-(\d{4})(\d{2})(\d{2})$/.exec(release ?? '');
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The span of the key at `path` (the last segment's key, or the item for an index); the document start if absent. */
function keySpan(doc: Document, path: (string | number)[]): Span {
  let node: Node | null | undefined = doc.contents as Node | null;
  let span: Span = { start: 0, end: 0 };
  for (const seg of path) {
    if (typeof seg === 'number' && isSeq(node)) {
      node = node.items[seg] as Node | undefined;
      if (node?.range) span = { start: node.range[0], end: node.range[0] };
    } else if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
      if (!pair) break;
      const k = pair.key as Node;
      if (k.range) span = { start: k.range[0], end: k.range[1] };
      node = pair.value as Node | null;
    } else break;
  }
  return span;
}
