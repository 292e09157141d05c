// `wharf scan` (the dist/cli-scan.js entry): the live best-practice scan of an EKS cluster or one of its namespaces,
// from a terminal or CI. Credentials are the AWS SDK's chain (a profile, SSO, the environment), the Kubernetes
// client and its EKS token are made exactly as the extension makes them (views/connections.ts), and endpoint
// overrides come from .wharf.yaml's eks.endpointOverrides. Output formats and exit codes are `wharf lint`'s.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { isAwsError } from '../aws/errors';
import type { EksCluster } from '../aws/model';
import { describeEksCluster } from '../aws/eks';
import { isKubeError } from '../kube/errors';
import { CONFIG_FILE } from '../lint/config';
import { gatherClusterFacts } from '../scan/cluster-facts';
import { scanSarif } from '../scan/report';
import { counts, runScan } from '../scan/run';
import { Connections } from '../views/connections';
import type { EksClusterRef } from '../views/target';
import { UsageError } from './files';
import { writeJson } from './format-json';
import { formatText } from './format-text';
import { ConfigError, displayPath, loadConfig } from './run';
import { readEndpointOverrides, ScanConfigError } from './scan-config';

declare const WHARF_VERSION: string | undefined;

export const SCAN_USAGE = `Usage: wharf scan --cluster-name NAME --region R [options]

Lints the live objects of an EKS cluster (or one namespace) with Wharf's rules, plus cluster-level checks from the
EKS Best Practices Guide (control-plane logging, secrets encryption, public endpoint, authentication mode, CoreDNS,
node group versions and AMIs, add-on versions). Objects a controller owns are covered by their owner.

Options:
  --cluster-name NAME     the EKS cluster (required)
  --region R              its Region (default: AWS_REGION, AWS_DEFAULT_REGION)
  --profile P             AWS profile (default: the SDK's credential chain, AWS_PROFILE)
  -n, --namespace NS      scan one namespace (no cluster-level checks)
  -A, --all-namespaces    scan every namespace and the cluster-scoped objects (the default)
  --include-system        include kube-system, kube-public, kube-node-lease and system RBAC objects
  --format text|json|sarif  output format (default: text)
  --config FILE           configuration (default: .wharf.yaml here): rules, kubernetesVersion, eks.endpointOverrides
  --k8s-version X.Y       target Kubernetes version for the rules (default: the configuration's, else the cluster's)
  -h, --help              show this help

Exit codes: 0 no errors, 1 errors found or the scan failed, 2 usage or configuration error.
`;

export interface ScanIo {
  out(s: string): void;
  err(s: string): void;
  color: boolean;
  env: NodeJS.ProcessEnv;
}

const defaultIo = (): ScanIo => ({
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  env: process.env,
});

function version(): string {
  return typeof WHARF_VERSION === 'string' ? WHARF_VERSION : '0.0.0-dev';
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        'cluster-name': { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        'all-namespaces': { type: 'boolean', short: 'A', default: false },
        'include-system': { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        'k8s-version': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export async function main(argv: readonly string[], io: ScanIo = defaultIo()): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
    if (values.help) {
      io.out(SCAN_USAGE);
      return 0;
    }
    if (!values['cluster-name']) throw new UsageError('--cluster-name is required');
    if (!['text', 'json', 'sarif'].includes(values.format!)) throw new UsageError(`--format must be text, json or sarif, not "${values.format}"`);
    if (values.namespace && values['all-namespaces']) throw new UsageError('--namespace and --all-namespaces exclude each other');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`wharf scan: ${e.message}\n\n${SCAN_USAGE}`);
    return 2;
  }
  const clusterName = values['cluster-name']!;
  const region = values.region ?? (io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION || undefined);
  if (!region) {
    io.err(`wharf scan: no Region for cluster ${clusterName}: pass --region or set AWS_REGION.\n`);
    return 2;
  }
  const configFile = values.config ?? (fs.existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  let overrides = {};
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig(configFile, values['k8s-version']);
    if (configFile) overrides = readEndpointOverrides(configFile);
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const p of e.problems) io.err(`${displayPath(p.file)}:${p.location.line}:${p.location.column}: ${p.severity}: ${p.message}\n`);
      return 2;
    }
    if (e instanceof UsageError || e instanceof ScanConfigError) {
      io.err(`wharf scan: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const w of loaded.warnings) io.err(`${displayPath(w.file)}:${w.location.line}:${w.location.column}: ${w.severity}: ${w.message}\n`);

  const profile = values.profile ?? (io.env.AWS_PROFILE || undefined);
  const ref: EksClusterRef = { region, clusterName, ...(profile ? { profile } : {}) };
  const conn = new Connections({ endpointOverrides: () => overrides });
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    const session = conn.session(ref);
    const eks = session.eks(region);
    // DescribeCluster gives the endpoint (unless overridden), the version the rules target, and the cluster checks.
    let cluster: EksCluster | undefined;
    let describeFailure: unknown;
    try {
      cluster = await describeEksCluster(eks, region, clusterName, ac.signal);
    } catch (e) {
      if (!(clusterName in overrides)) throw await session.describeError(e);
      describeFailure = await session.describeError(e);
    }
    let config = loaded.config;
    if (!config.kubernetesVersion && cluster?.version) config = loadConfig(configFile, cluster.version).config;
    const client = await conn.kube(ref, cluster, ac.signal);
    const result = await runScan({
      client,
      clusterName,
      region,
      namespace: values.namespace,
      includeSystem: values['include-system'],
      config,
      signal: ac.signal,
      keepTexts: false,
      facts: values.namespace
        ? undefined
        : async () => {
            if (!cluster) throw describeFailure instanceof Error ? describeFailure : new Error('DescribeCluster failed');
            return gatherClusterFacts({ eks, region, clusterName, cluster, kube: client, signal: ac.signal });
          },
    });
    const s = result.stats;
    io.err(`wharf scan: ${clusterName}${values.namespace ? `/${values.namespace}` : ''}: ${s.linted} objects linted of ${s.listed} listed (${s.skippedOwned} owned by a controller, ${s.skippedSystem} system) in ${(s.ms / 1000).toFixed(1)} s\n`);
    for (const n of result.notes) io.err(`wharf scan: note: ${n}\n`);
    if (values.format === 'json') writeJson(result.findings, io.out);
    else if (values.format === 'sarif') io.out(scanSarif(result, version()));
    else io.out(formatText(result.findings, io.color));
    return counts(result.findings).error > 0 ? 1 : 0;
  } catch (e) {
    io.err(`wharf scan: ${failureText(e, clusterName)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    conn.dispose();
  }
}

function failureText(e: unknown, cluster: string): string {
  if (isAwsError(e)) return `${e.message.replace(/\.$/, '')}. ${e.nextStep}`;
  if (isKubeError(e)) {
    const f = e.failure;
    if (f.kind === 'aborted') return 'cancelled';
    if (f.kind === 'unauthorized') return `${cluster} refused the EKS token (401): the identity has no access entry or aws-auth mapping for this cluster. ${f.message}`;
    if (f.kind === 'forbidden') return `${cluster}: ${f.message}`;
    return `${cluster}: ${f.message}`;
  }
  return ((e as Error)?.message ?? String(e)).split('\n')[0];
}
