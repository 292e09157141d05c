// The upgrade readiness report as plain data: the facts gathered per source (each of which may have failed on its
// own), and the report made from them (sections of findings, each saying what to do). No vscode, no SDK types.
import type { ClusterVersionInfo } from '../aws/eks-support';
import type { AddonCompatibility, EksInsight } from '../aws/eks-insights';
import type { EksFargateProfile, EksNodegroup, SupportStatus } from '../aws/model';
import type { NodeVersion, RequestedDeprecatedApi, StoredVersionFinding } from '../kube/deprecated-apis';
import type { ResourceKind } from '../kube/model';

/** A source's answer, or why there is none: one sentence with the next step ("... may not eks:ListInsights. Ask ..."). */
export type Fact<T> = { ok: true; value: T } | { ok: false; problem: string; denied?: boolean };

export interface ClusterFacts {
  name: string;
  region: string;
  profile?: string;
  arn?: string;
  /** The control plane's Kubernetes version as EKS reports it ("1.33"); the API server's /version without EKS. */
  version: string;
  platformVersion?: string;
  /** upgradePolicy.supportType. */
  supportType?: 'STANDARD' | 'EXTENDED';
}

/** A workspace manifest that uses an API version deprecated or removed at one of the next versions. */
export interface ManifestFinding {
  /** Workspace-relative path, for display; `uri` opens it. */
  path: string;
  uri: string;
  line: number;
  apiVersion: string;
  kind: string;
  name?: string;
  /** The lint engine's message at the version that first flags it. */
  message: string;
  /** The first of the next versions at which the linter reports it, and whether it is removed there. */
  at: string;
  removed: boolean;
}

export interface UpgradeFacts {
  cluster: ClusterFacts;
  /** When the facts were read (ISO); the support phase is computed for this instant. */
  generatedAt: string;
  support: Fact<{ status: SupportStatus; versions?: ClusterVersionInfo[] }>;
  metric: Fact<RequestedDeprecatedApi[]>;
  insights: Fact<EksInsight[]>;
  storedVersions: Fact<StoredVersionFinding[]>;
  manifests: Fact<{ files: number; findings: ManifestFinding[] }>;
  addons: Fact<AddonCompatibility[]>;
  nodegroups: Fact<EksNodegroup[]>;
  fargateProfiles: Fact<EksFargateProfile[]>;
  nodes: Fact<NodeVersion[]>;
}

export type Severity = 'blocker' | 'warning' | 'info' | 'ok';

/** Where a finding points: a tree node (revealed), a Kubernetes object (its YAML), a file line, or a web page. */
export type Link =
  | { kind: 'cluster'; label: string }
  | { kind: 'kubeObject'; label: string; resource: ResourceKind; namespace?: string; name: string }
  | { kind: 'file'; label: string; uri: string; line: number }
  | { kind: 'url'; label: string; url: string };

export interface Finding {
  severity: Severity;
  /** What is the case (Markdown inline). */
  text: string;
  /** What to do about it; absent for findings that need nothing. */
  action?: string;
  links: Link[];
  /** Extra lines under the finding (clients with their last request, objects...). */
  details?: string[];
}

export interface Section {
  id: 'support' | 'apis' | 'crds' | 'manifests' | 'insights' | 'addons' | 'skew';
  title: string;
  /** What the section checks and against what, one or two sentences. */
  intro?: string;
  findings: Finding[];
  /** Sources that did not answer, said plainly; the rest of the section still shows. */
  problems: string[];
}

export interface Report {
  cluster: ClusterFacts;
  generatedAt: string;
  currentVersion: string;
  /** The version an upgrade goes to, and the one after (removals there are worth knowing now). */
  nextVersion?: string;
  afterNext?: string;
  sections: Section[];
  counts: Record<Severity, number>;
}
