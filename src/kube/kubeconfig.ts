// "Write kubeconfig for this cluster": the entries `aws eks update-kubeconfig` writes (awscli/customizations/eks), and
// their merge into an existing kubeconfig, as pure functions over text. Wharf itself never reads a kubeconfig; this is
// only for a person who asks for one, to use kubectl and other tools. src/kube/kubeconfig-file.ts does the file work.
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';

export const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/** The exec credential plugin a kubeconfig user runs: Wharf's CLI (`<command> [...prefix] token ...`) or the AWS CLI. */
export type ExecPlugin =
  | { kind: 'wharf'; command: string; prefixArgs: string[]; env?: { name: string; value: string }[] }
  | { kind: 'aws'; command?: string };

export interface KubeconfigRequest {
  /** The cluster as DescribeCluster gives it (or an endpoint override). */
  cluster: { name: string; arn: string; endpoint: string; caPem?: string; tlsServerName?: string };
  region: string;
  profile?: string;
  roleArn?: string;
  plugin: ExecPlugin;
}

export interface KubeconfigEntries {
  /** The name of the cluster, user and context alike: the cluster ARN, as the AWS CLI names them. */
  name: string;
  cluster: Record<string, unknown>;
  user: Record<string, unknown>;
  context: Record<string, unknown>;
}

export class KubeconfigError extends Error {}

/** The exec plugin's argv: the same cluster, Region, profile and role for either plugin. */
export function execArgs(req: KubeconfigRequest): { command: string; args: string[] } {
  const common = ['--cluster-name', req.cluster.name];
  if (req.plugin.kind === 'aws') {
    // The AWS CLI's own order (update_kubeconfig.py), with the profile as an argument rather than AWS_PROFILE.
    const args = ['--region', req.region, 'eks', 'get-token', ...common, '--output', 'json'];
    if (req.roleArn) args.push('--role-arn', req.roleArn);
    if (req.profile) args.push('--profile', req.profile);
    return { command: req.plugin.command ?? 'aws', args };
  }
  const args = [...req.plugin.prefixArgs, 'token', ...common, '--region', req.region];
  if (req.profile) args.push('--profile', req.profile);
  if (req.roleArn) args.push('--role-arn', req.roleArn);
  return { command: req.plugin.command, args };
}

export function kubeconfigEntries(req: KubeconfigRequest): KubeconfigEntries {
  const name = req.cluster.arn;
  const cluster: Record<string, unknown> = {};
  // DescribeCluster's certificateAuthority.data is base64 of the PEM, which is what kubeconfig wants.
  if (req.cluster.caPem) cluster['certificate-authority-data'] = Buffer.from(req.cluster.caPem).toString('base64');
  cluster.server = req.cluster.endpoint;
  if (req.cluster.tlsServerName) cluster['tls-server-name'] = req.cluster.tlsServerName;
  const { command, args } = execArgs(req);
  const exec: Record<string, unknown> = { apiVersion: EXEC_API_VERSION, args, command };
  if (req.plugin.kind === 'wharf' && req.plugin.env?.length) exec.env = req.plugin.env;
  return {
    name,
    cluster: { cluster, name },
    user: { name, user: { exec } },
    context: { context: { cluster: name, user: name }, name },
  };
}

/** A new kubeconfig's skeleton, key for key as the AWS CLI starts one. */
const EMPTY = { apiVersion: 'v1', clusters: [], contexts: [], 'current-context': '', kind: 'Config', preferences: {}, users: [] };

export interface MergeResult {
  text: string;
  /** The entries of the same name were already there (a re-run): they were replaced, not duplicated. */
  replaced: boolean;
  /** The existing file had comments; most survive, but those inside a replaced entry are gone. */
  hadComments: boolean;
}

/**
 * Puts the entries into a kubeconfig's text: an entry of the same name (a previous run's) is replaced in place, every
 * other cluster, user, context and setting is left as it was (comments included, except inside a replaced entry).
 * current-context changes only when asked. Throws KubeconfigError when the text is not a kubeconfig, so a file
 * that can't be understood is never overwritten.
 */
export function mergeKubeconfig(existing: string | undefined, entries: KubeconfigEntries, opts: { setCurrentContext: boolean }): MergeResult {
  const blank = existing === undefined || existing.trim() === '';
  const doc: Document = parseDocument(blank ? '' : existing);
  if (doc.errors.length) throw new KubeconfigError(`it is not valid YAML (${doc.errors[0].message.split('\n')[0]})`);
  if (blank || doc.contents === null) doc.contents = doc.createNode(EMPTY);
  if (!isMap(doc.contents)) throw new KubeconfigError('it is not a kubeconfig (its top level is not a mapping)');
  const top: YAMLMap = doc.contents;
  const hadComments = !blank && /(^|\s)#/.test(existing ?? '');
  let replaced = false;
  for (const [key, entry] of [['clusters', entries.cluster], ['users', entries.user], ['contexts', entries.context]] as const) {
    let list: unknown = top.get(key, true);
    // Missing, or `clusters:` with nothing after it (null): start the list.
    if (list === undefined || (isScalar(list) && list.value === null)) {
      list = doc.createNode([]);
      top.set(key, list);
    }
    if (!isSeq(list)) throw new KubeconfigError(`its "${key}" is not a list`);
    const seq = list as YAMLSeq;
    const node = doc.createNode(entry);
    const at = seq.items.findIndex((item) => isMap(item) && item.get('name') === entries.name);
    if (at >= 0) {
      seq.items[at] = node;
      replaced = true;
    } else {
      seq.items.push(node);
    }
  }
  if (opts.setCurrentContext) top.set('current-context', entries.name);
  else if (!top.has('current-context')) top.set('current-context', '');
  // Lists unindented, as kubectl writes them.
  return { text: doc.toString({ lineWidth: 0, indentSeq: false }), replaced, hadComments };
}

/** Where kubectl reads (and `aws eks update-kubeconfig` writes): the first path of KUBECONFIG, else ~/.kube/config. */
export function kubeconfigPath(env: NodeJS.ProcessEnv, home: string, platform: NodeJS.Platform = process.platform): string {
  const sep = platform === 'win32' ? ';' : ':';
  const first = (env.KUBECONFIG ?? '').split(sep).find((p) => p.trim() !== '');
  return first ? path.resolve(first) : path.join(home, '.kube', 'config');
}

/** The backup's name next to the file: config.wharf-backup-20261202T140501Z (UTC, sorts by time). */
export function backupPath(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `${file}.wharf-backup-${stamp}`;
}
