// Assembles the upgrade readiness report from the gathered facts. Pure: every section is made from its own facts,
// and a source that failed becomes a plain sentence in its section while the others still report.
import type { EksInsight } from '../aws/eks-insights';
import { EKS_USER_GUIDE_CALENDAR } from '../aws/data/eks-versions';
import type { Fact, Finding, Report, Section, Severity, UpgradeFacts } from './model';
import { apiFindings, apiUses, manifestFindingsToReport } from './apis';
import { nodegroupSkew, nodeSkew } from './skew';
import { addMinor } from './versions';

const day = (iso?: string) => (iso ? iso.slice(0, 10) : 'unknown');
const DAY_MS = 86_400_000;
const problemOf = <T>(f: Fact<T>, what: string): string[] => (f.ok ? [] : [`${what}: ${f.problem}`]);

function supportSection(f: UpgradeFacts, next?: string): Section {
  const s: Section = { id: 'support', title: 'Version and support', findings: [], problems: problemOf(f.support, 'The EKS support calendar') };
  const v = f.cluster.version;
  const now = Date.parse(f.generatedAt);
  const links = [{ kind: 'cluster' as const, label: f.cluster.name }];
  if (f.support.ok) {
    const st = f.support.value.status;
    const src = st.source === 'api' ? 'DescribeClusterVersions' : `the EKS calendar ([User Guide](${EKS_USER_GUIDE_CALENDAR})), as DescribeClusterVersions did not answer`;
    if (st.phase === 'unsupported') {
      s.findings.push({ severity: 'blocker', text: `Kubernetes ${v} is past the end of extended support (${day(st.endOfExtendedSupport)}), per ${src}.`, action: `Upgrade now${next ? ` to ${next}` : ''}: EKS upgrades an unsupported control plane on its own schedule.`, links });
    } else if (st.phase === 'extended') {
      s.findings.push({ severity: 'warning', text: `Kubernetes ${v} is in extended support since ${day(st.endOfStandardSupport)} (billed per cluster hour on top of standard support) until ${day(st.endOfExtendedSupport)}, per ${src}.`, action: `Plan the upgrade${next ? ` to ${next}` : ''} to return to standard support.`, links });
    } else if (st.phase === 'standard') {
      const left = st.endOfStandardSupport ? Math.ceil((Date.parse(st.endOfStandardSupport) - now) / DAY_MS) : undefined;
      const soon = left !== undefined && left <= 90;
      s.findings.push({ severity: soon ? 'warning' : 'ok', text: `Kubernetes ${v} is in standard support until ${day(st.endOfStandardSupport)}${left !== undefined ? ` (${left} days)` : ''}, per ${src}.`, action: soon ? `Upgrade${next ? ` to ${next}` : ''} before that date to stay in standard support.` : undefined, links });
    } else {
      s.findings.push({ severity: 'info', text: `Neither DescribeClusterVersions nor Wharf's calendar knows Kubernetes ${v}.`, links });
    }
    if (!st.nextVersion && st.phase !== 'unknown') s.findings.push({ severity: 'ok', text: `No newer Kubernetes version is offered by EKS yet.`, links: [] });
  }
  const policy = f.cluster.supportType;
  if (policy === 'STANDARD') s.findings.push({ severity: 'info', text: 'Upgrade policy: **STANDARD**. At the end of standard support EKS upgrades the control plane to the next version by itself, with no extended support.', action: 'Upgrade on your own schedule before then, or set the policy to EXTENDED (billed) to keep this version longer.', links });
  else if (policy === 'EXTENDED') s.findings.push({ severity: 'info', text: 'Upgrade policy: **EXTENDED**. After standard support ends the cluster stays on this version in extended support, billed per cluster hour.', links });
  else s.findings.push({ severity: 'info', text: 'Upgrade policy: not reported by DescribeCluster (upgradePolicy.supportType).', links });
  return s;
}

function apisSection(f: UpgradeFacts, next?: string, afterNext?: string): Section {
  const s: Section = {
    id: 'apis',
    title: 'Deprecated APIs in use',
    intro: `API versions that clients still request, from the API server's \`apiserver_requested_deprecated_apis\` metric (requests since that API server started; EKS runs several, and /metrics answers from one) and EKS upgrade insights (the last 30 days). Blockers are removed in ${next ?? 'the next version'}; warnings in ${afterNext ?? 'the one after'}.`,
    findings: [],
    problems: [...problemOf(f.metric, "The API server's /metrics"), ...problemOf(f.insights, 'EKS upgrade insights')],
  };
  if (!f.metric.ok && !f.insights.ok) return s;
  const uses = apiUses(f.metric.ok ? f.metric.value : undefined, f.insights.ok ? f.insights.value : undefined);
  s.findings = apiFindings(uses, f.cluster.version, next, afterNext);
  if (!s.findings.length) s.findings.push({ severity: 'ok', text: `No deprecated API requested${f.metric.ok ? ' since the API server started' : ''}${f.insights.ok ? ', nor in EKS insights\' last 30 days' : ''}.`, links: [] });
  return s;
}

function crdSection(f: UpgradeFacts): Section {
  const s: Section = {
    id: 'crds',
    title: 'Custom resources stored in deprecated versions',
    intro: "CustomResourceDefinitions whose `status.storedVersions` still lists a version that is deprecated or no longer served: objects may sit in etcd in that version, and removing it from the CRD (often part of an operator's upgrade) strands them.",
    findings: [],
    problems: problemOf(f.storedVersions, 'The CustomResourceDefinitions'),
  };
  if (!f.storedVersions.ok) return s;
  for (const c of f.storedVersions.value) {
    const why = c.why === 'deprecated' ? 'is deprecated' : c.why === 'not-served' ? 'is no longer served' : 'is gone from spec.versions';
    const objs = c.objects ?? [];
    const links = objs.slice(0, 10).map((o) => ({
      kind: 'kubeObject' as const,
      label: `${o.namespace ? `${o.namespace}/` : ''}${o.name}`,
      resource: { kind: c.kind, group: c.group, version: c.storageVersion ?? c.version, plural: c.plural, namespaced: c.namespaced },
      namespace: o.namespace,
      name: o.name,
    }));
    s.findings.push({
      severity: c.why === 'deprecated' ? 'warning' : 'blocker',
      text: `**${c.crd}**: \`${c.group}/${c.version}\` ${why} but is still in storedVersions (${c.storedVersions.join(', ')}); objects are written as ${c.storageVersion ?? 'unknown'} now.${c.warning ? ` The CRD says: "${c.warning}"` : ''}`,
      action: `Rewrite every ${c.kind} in ${c.storageVersion ?? 'the storage version'} (a storage version migration, or \`kubectl get ${c.plural} -A -o json | kubectl replace -f -\`), then remove ${c.version} from the CRD's status.storedVersions (a patch of the status subresource).`,
      links,
      details: c.objectsFailure ? [`Its objects could not be listed: ${c.objectsFailure.message}`] : [`${objs.length}${objs.length >= 50 ? '+' : ''} ${c.kind} object${objs.length === 1 ? '' : 's'}${objs.length > 10 ? ' (first 10 linked)' : ''}.`],
    });
  }
  if (!s.findings.length) s.findings.push({ severity: 'ok', text: 'No CustomResourceDefinition lists a deprecated or unserved version in storedVersions.', links: [] });
  return s;
}

function manifestsSection(f: UpgradeFacts, next?: string, afterNext?: string): Section {
  const s: Section = {
    id: 'manifests',
    title: 'Workspace manifests',
    intro: `YAML files in the open workspace that use an API version deprecated or removed at ${[next, afterNext].filter(Boolean).join(' or ') || 'the next versions'}, per the linter's deprecated-api rule.`,
    findings: [],
    problems: problemOf(f.manifests, 'The workspace manifests'),
  };
  if (!f.manifests.ok) return s;
  s.findings = manifestFindingsToReport(f.manifests.value.findings, next);
  if (!s.findings.length) s.findings.push({ severity: 'ok', text: `None of the ${f.manifests.value.files} YAML files uses an API deprecated at the next versions.`, links: [] });
  return s;
}

const insightSeverity = (i: EksInsight): Severity => (i.status === 'ERROR' ? 'blocker' : i.status === 'WARNING' ? 'warning' : i.status === 'PASSING' ? 'ok' : 'info');

function insightsSection(f: UpgradeFacts): Section {
  const s: Section = { id: 'insights', title: 'EKS upgrade insights', intro: 'The checks EKS runs against the next version (refreshed about daily).', findings: [], problems: problemOf(f.insights, 'EKS upgrade insights') };
  if (!f.insights.ok) return s;
  for (const i of f.insights.value) {
    const sev = insightSeverity(i);
    const details = [
      ...i.resources.filter((r) => r.status && r.status !== 'PASSING').map((r) => `${r.status}: ${r.kubernetesResourceUri ?? r.arn ?? ''}${r.reason ? ` (${r.reason})` : ''}`),
      ...i.addonCompatibility.map((a) => `add-on ${a.name}: compatible versions ${a.compatibleVersions.join(', ') || 'none listed'}`),
      ...Object.entries(i.additionalInfo).map(([k, url]) => `[${k}](${url})`),
    ];
    s.findings.push({
      severity: sev,
      text: `**${i.name}**${i.kubernetesVersion ? ` (for ${i.kubernetesVersion})` : ''}: ${i.status}${i.reason ? `: ${i.reason}` : ''}${i.lastRefreshTime ? ` Checked ${i.lastRefreshTime.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}.` : ''}`,
      action: sev === 'ok' ? undefined : i.recommendation,
      links: [],
      details,
    });
  }
  if (!s.findings.length) s.findings.push({ severity: 'info', text: 'EKS lists no upgrade insight for this cluster yet (insights appear a day or so after a cluster is created).', links: [] });
  return s;
}

function addonsSection(f: UpgradeFacts, next?: string): Section {
  const s: Section = { id: 'addons', title: 'Add-on compatibility', intro: `Installed EKS add-ons against the versions DescribeAddonVersions lists for ${next ?? 'the next version'}.`, findings: [], problems: problemOf(f.addons, 'Add-on compatibility') };
  if (!f.addons.ok) return s;
  for (const a of f.addons.value) {
    if (a.installedCompatible) {
      const newer = a.compatible[0] && a.compatible[0] !== a.installed ? ` (newest for ${a.kubernetesVersion}: ${a.compatible[0]})` : '';
      s.findings.push({ severity: 'ok', text: `**${a.name}** ${a.installed} runs on ${a.kubernetesVersion}${newer}.`, links: [] });
    } else {
      const to = a.defaultVersion ?? a.compatible[0];
      s.findings.push({
        severity: 'blocker',
        text: `**${a.name}** ${a.installed ?? '(version unknown)'} is not listed for Kubernetes ${a.kubernetesVersion}.`,
        action: to
          ? `Update it to ${to}${a.defaultVersion ? ` (EKS's default for ${a.kubernetesVersion})` : ''} before or right after the control plane, whichever its compatibility allows: \`aws eks update-addon --cluster-name ${f.cluster.name} --addon-name ${a.name} --addon-version ${to}\`.`
          : `EKS lists no version of ${a.name} for ${a.kubernetesVersion}: remove it or wait for a release before upgrading.`,
        links: [],
        details: a.compatible.length ? [`versions for ${a.kubernetesVersion}: ${a.compatible.join(', ')}`] : [],
      });
    }
  }
  if (!s.findings.length) s.findings.push({ severity: 'ok', text: 'No EKS add-on is installed.', links: [] });
  return s;
}

function skewSection(f: UpgradeFacts, next?: string): Section {
  const s: Section = {
    id: 'skew',
    title: 'Nodes and Fargate',
    intro: `Kubelet versions against the control plane (${f.cluster.version}). EKS asks for managed and Fargate nodes at the control plane's minor version before an upgrade; the Kubernetes skew policy allows kubelets at most three minors behind.`,
    findings: [],
    problems: [...problemOf(f.nodegroups, 'Managed node groups'), ...problemOf(f.fargateProfiles, 'Fargate profiles'), ...problemOf(f.nodes, 'Nodes')],
  };
  if (f.nodegroups.ok) s.findings.push(...nodegroupSkew(f.cluster.name, f.cluster.version, next, f.nodegroups.value));
  if (f.nodes.ok) s.findings.push(...nodeSkew(f.cluster.version, next, f.nodes.value));
  if (f.fargateProfiles.ok && f.fargateProfiles.value.length) {
    const fargateNodes = f.nodes.ok ? f.nodes.value.filter((n) => n.fargate).length : undefined;
    s.findings.push({
      severity: 'info',
      text: `Fargate profiles: ${f.fargateProfiles.value.map((p) => `\`${p.name}\``).join(', ')}${fargateNodes !== undefined ? ` (${fargateNodes} Fargate node${fargateNodes === 1 ? '' : 's'} running)` : ''}.`,
      action: 'Fargate pods keep the kubelet version they started with: after the control plane upgrade, restart them (roll out their workloads) to move them to the new version.',
      links: [],
    });
  }
  return s;
}

const RANK: Record<Severity, number> = { blocker: 0, warning: 1, info: 2, ok: 3 };

export function assembleReport(f: UpgradeFacts): Report {
  const current = f.cluster.version;
  const next = (f.support.ok ? f.support.value.status.nextVersion : undefined) ?? addMinor(current, 1);
  const afterNext = next ? addMinor(next, 1) : undefined;
  const sections = [
    supportSection(f, next),
    apisSection(f, next, afterNext),
    crdSection(f),
    manifestsSection(f, next, afterNext),
    insightsSection(f),
    addonsSection(f, next),
    skewSection(f, next),
  ];
  for (const s of sections) s.findings.sort((a: Finding, b: Finding) => RANK[a.severity] - RANK[b.severity]);
  const counts: Record<Severity, number> = { blocker: 0, warning: 0, info: 0, ok: 0 };
  for (const s of sections) for (const x of s.findings) counts[x.severity]++;
  return { cluster: f.cluster, generatedAt: f.generatedAt, currentVersion: current, nextVersion: next, afterNext, sections, counts };
}
