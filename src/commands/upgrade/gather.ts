// Gathers the upgrade readiness facts of one EKS cluster: every source at once, each on its own, so that a denied or
// missing API becomes one plain sentence in its section and never blanks the report. No vscode here: the workspace
// files come in as a function, so this runs in plain Node against the local services too.
import { upgradeInsights, addonCompatibility } from '../../aws/eks-insights';
import { describeEksCluster, listAddons, listFargateProfiles, listNodegroups } from '../../aws/eks';
import { describeClusterVersions, minorVersion, supportStatus } from '../../aws/eks-support';
import { isAwsError } from '../../aws/errors';
import type { EksCluster } from '../../aws/model';
import type { AwsSession } from '../../aws/session';
import type { KubeClient } from '../../kube/client';
import { readDeprecatedApiMetric, readNodeVersions, readStaleStoredVersions, type Readout } from '../../kube/deprecated-apis';
import type { KubeFailure } from '../../kube/model';
import { manifestFindings, type LintDeprecated } from '../../upgrade/apis';
import type { Fact, UpgradeFacts } from '../../upgrade/model';
import { addMinor } from '../../upgrade/versions';
import type { EksClusterRef } from '../../views/target';
import { explainFailure } from '../explorer/failure-text';

export interface GatherDeps {
  session: AwsSession;
  /** The cluster's Kubernetes client (endpoint override or DescribeCluster); may fail, e.g. without network. */
  kube: (signal: AbortSignal) => Promise<KubeClient>;
  /** The workspace's YAML files; undefined when no folder is open. */
  workspaceFiles?: (signal: AbortSignal) => Promise<{ path: string; uri: string; text: string }[] | undefined>;
  /** The lint engine's deprecated-api rule (src/upgrade/lint-deprecated.ts), for the workspace files. */
  lintDeprecated?: LintDeprecated;
  now?: () => Date;
}

const sentence = (s: string) => s.trim().replace(/\s+/g, ' ');

async function awsFact<T>(session: AwsSession, what: string, run: () => Promise<T>): Promise<Fact<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    const err = isAwsError(e) ? await session.describeError(e) : e;
    if (isAwsError(err) && err.kind === 'aborted') throw err;
    return { ok: false, problem: sentence(explainFailure(what, err).message), denied: isAwsError(err) && err.kind === 'access-denied' };
  }
}

function kubeProblem(what: string, f: KubeFailure): string {
  if (f.kind === 'forbidden') {
    const who = f.user ? ` ${f.user}` : '';
    return `The API server refused${who} (403 Forbidden): ${f.message}. ${what}`;
  }
  if (f.kind === 'unauthorized') return `The API server did not accept the credentials (401): ${f.message}. Run "Show Access Diagnosis" on the cluster in the Wharf view.`;
  return `${f.message}${/[.!?]$/.test(f.message) ? '' : '.'}`;
}

function kubeFact<T>(r: Readout<T>, forbiddenHint: string): Fact<T> {
  return r.ok ? { ok: true, value: r.value } : { ok: false, problem: kubeProblem(forbiddenHint, r.failure), denied: r.failure.kind === 'forbidden' };
}

export async function gatherUpgradeFacts(ref: EksClusterRef & { cluster?: EksCluster }, deps: GatherDeps, signal: AbortSignal): Promise<UpgradeFacts> {
  const now = deps.now?.() ?? new Date();
  const eks = deps.session.eks(ref.region);
  // A fresh DescribeCluster: the row's copy may predate an upgrade. Without it, the row's copy, then the API server.
  const described = await awsFact(deps.session, 'DescribeCluster', () => describeEksCluster(eks, ref.region, ref.clusterName, signal));
  const cluster = described.ok ? described.value : ref.cluster;
  const kubeClient = deps.kube(signal).then((c) => ({ ok: true as const, client: c }), (e: unknown) => ({ ok: false as const, failure: (e as { failure?: KubeFailure }).failure ?? { kind: 'unknown' as const, message: (e as Error).message } }));
  let version = cluster?.version ? minorVersion(cluster.version) : undefined;
  if (!version) {
    const k = await kubeClient;
    if (k.ok) version = await k.client.version(signal).then((v) => minorVersion(v.gitVersion), () => undefined);
  }
  if (!version) throw new Error(`Cannot tell the Kubernetes version of ${ref.clusterName}: ${described.ok ? 'DescribeCluster gave none' : described.problem}`);

  const versions = await awsFact(deps.session, 'DescribeClusterVersions', () => describeClusterVersions(eks, signal));
  const status = supportStatus(version, now, versions.ok ? versions.value : undefined);
  const next = status.nextVersion ?? addMinor(version, 1);
  const afterNext = next ? addMinor(next, 1) : undefined;

  const viaKube = async <T>(read: (c: KubeClient) => Promise<Readout<T>>, forbiddenHint: string): Promise<Fact<T>> => {
    const k = await kubeClient;
    if (!k.ok) return { ok: false, problem: `Cannot reach the cluster's API server: ${kubeProblem('', k.failure)}` };
    return kubeFact(await read(k.client), forbiddenHint);
  };

  const [metric, insights, storedVersions, nodes, addons, nodegroups, fargateProfiles, manifests] = await Promise.all([
    viaKube((c) => readDeprecatedApiMetric(c, signal), 'Reading the metric needs `get` on the non-resource URL /metrics (cluster-admin has it; the view role does not): ask for it, or rely on EKS upgrade insights below.'),
    awsFact(deps.session, 'Reading EKS upgrade insights', () => upgradeInsights(eks, ref.clusterName, signal)),
    viaKube((c) => readStaleStoredVersions(c, signal), 'Reading CRDs needs `list` on customresourcedefinitions.apiextensions.k8s.io.'),
    viaKube((c) => readNodeVersions(c, signal), 'Reading kubelet versions needs `list` on nodes (the view role does not include it).'),
    awsFact(deps.session, 'Checking add-on compatibility', async () => {
      const installed = await listAddons(eks, ref.clusterName, version, signal);
      return next ? addonCompatibility(eks, installed.map((a) => ({ name: a.name, version: a.version })), next, signal) : [];
    }),
    awsFact(deps.session, 'Listing node groups', () => listNodegroups(eks, ref.clusterName, signal)),
    awsFact(deps.session, 'Listing Fargate profiles', () => listFargateProfiles(eks, ref.clusterName, signal)),
    (async (): Promise<UpgradeFacts['manifests']> => {
      try {
        const files = await deps.workspaceFiles?.(signal);
        if (!files || !deps.lintDeprecated) return { ok: false, problem: 'No workspace folder is open.' };
        return { ok: true, value: { files: files.length, findings: manifestFindings(files, [next, afterNext].filter((v): v is string => !!v), deps.lintDeprecated) } };
      } catch (e) {
        return { ok: false, problem: `The workspace files could not be read: ${(e as Error).message}` };
      }
    })(),
  ]);

  return {
    cluster: {
      name: ref.clusterName,
      region: ref.region,
      profile: ref.profile ?? (ref.sso ? `${ref.sso.roleName}@${ref.sso.accountId}` : undefined),
      arn: cluster?.arn,
      version,
      platformVersion: cluster?.platformVersion,
      supportType: cluster?.supportType,
    },
    generatedAt: now.toISOString(),
    support: { ok: true, value: { status, versions: versions.ok ? versions.value : undefined } },
    metric,
    insights,
    storedVersions,
    manifests,
    addons,
    nodegroups,
    fargateProfiles,
    nodes,
  };
}
