// The 401/403 diagnosis: what the cluster refused, who Wharf signed in as (the IAM role, not the STS session), how the
// cluster maps IAM to Kubernetes (its authentication mode, its access entries and their policies), what is missing,
// and the exact command an administrator runs to fix it. Pure: the caller gathers the inputs (STS, EKS) it may read.
import type { EksAccessEntry, EksAccessPolicy, EksAuthenticationMode } from '../aws/model';
import type { KubeFailure } from './model';

export interface AuthDiagnosis {
  title: string;
  lines: string[];
  /** Commands or snippets to run, each complete (shell commands, or a YAML entry). */
  commands: string[];
}

export interface DiagnoseInput {
  failure: KubeFailure;
  cluster: { name: string; region: string; arn?: string; authenticationMode?: EksAuthenticationMode };
  caller?: { arn: string; principalArn: string };
  accessEntries?: EksAccessEntry[] | { error: string };
}

const POLICY = 'arn:aws:eks::aws:cluster-access-policy/';
const READ_VERBS = new Set(['get', 'list', 'watch']);

/** arn:aws:sts::1:assumed-role/Role/session -> arn:aws:iam::1:role/Role (the path, if any, is not in the session ARN). */
export function principalOf(arn: string): string {
  const m = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : arn;
}

/** aws-auth's rolearn takes no path: arn:aws:iam::1:role/team/dev -> arn:aws:iam::1:role/dev. */
export function withoutPath(arn: string): string {
  const m = /^(arn:[\w-]+:iam::\d{12}:(?:role|user))\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? `${m[1]}/${m[2]}` : arn;
}

/** Same IAM principal, ignoring a role path (an access entry may carry one; an assumed-role ARN never does). */
function samePrincipal(a: string, b: string): boolean {
  return withoutPath(principalOf(a)) === withoutPath(principalOf(b));
}

const policyName = (arn: string) => arn.replace(POLICY, '');
const scopeText = (p: EksAccessPolicy) => (p.accessScope.type === 'cluster' ? 'cluster-wide' : `namespaces ${(p.accessScope.namespaces ?? []).join(', ') || '(none)'}`);

interface Need {
  policy: string;
  scope: { type: 'cluster' } | { type: 'namespace'; namespace: string };
  why: string;
}

/** The smallest EKS access policy and scope that allows what was refused. */
function needed(f: KubeFailure): Need {
  const verb = f.verb ?? 'list';
  const resource = f.resource ?? 'pods';
  const read = READ_VERBS.has(verb);
  const ns = f.namespace;
  if (read && resource === 'secrets') {
    return { policy: 'AmazonEKSAdminViewPolicy', scope: { type: 'cluster' }, why: 'AmazonEKSViewPolicy does not include Secrets; AmazonEKSAdminViewPolicy reads every resource, Secrets included' };
  }
  if (read) return { policy: 'AmazonEKSViewPolicy', scope: ns ? { type: 'namespace', namespace: ns } : { type: 'cluster' }, why: `read access to ${resource}` };
  if (ns) return { policy: 'AmazonEKSEditPolicy', scope: { type: 'namespace', namespace: ns }, why: `${verb} on ${resource} in ${ns}` };
  return { policy: 'AmazonEKSClusterAdminPolicy', scope: { type: 'cluster' }, why: `${verb} on the cluster-scoped ${resource}` };
}

// Which policies include which: a stronger policy at a wider scope already grants the need.
const STRENGTH: Record<string, number> = { AmazonEKSViewPolicy: 1, AmazonEKSEditPolicy: 2, AmazonEKSAdminViewPolicy: 2, AmazonEKSAdminPolicy: 3, AmazonEKSClusterAdminPolicy: 4 };

function covers(p: EksAccessPolicy, need: Need): boolean {
  const have = policyName(p.policyArn);
  const secrets = need.policy === 'AmazonEKSAdminViewPolicy';
  const strongEnough = secrets ? ['AmazonEKSAdminViewPolicy', 'AmazonEKSEditPolicy', 'AmazonEKSAdminPolicy', 'AmazonEKSClusterAdminPolicy'].includes(have) : (STRENGTH[have] ?? 0) >= (STRENGTH[need.policy] ?? 9) && !(have === 'AmazonEKSAdminViewPolicy' && need.policy === 'AmazonEKSEditPolicy');
  if (!strongEnough) return false;
  if (p.accessScope.type === 'cluster') return true;
  if (need.scope.type !== 'namespace') return false;
  const ns = need.scope.namespace;
  return (p.accessScope.namespaces ?? []).some((n) => n === ns || (n.endsWith('*') && ns.startsWith(n.slice(0, -1))));
}

function accessCommands(cluster: DiagnoseInput['cluster'], principal: string, need: Need, createEntry: boolean): string[] {
  const base = `--cluster-name ${cluster.name} --region ${cluster.region} --principal-arn ${principal}`;
  const scope = need.scope.type === 'cluster' ? 'type=cluster' : `type=namespace,namespaces=${need.scope.namespace}`;
  return [
    ...(createEntry ? [`aws eks create-access-entry ${base}`] : []),
    `aws eks associate-access-policy ${base} --policy-arn ${POLICY}${need.policy} --access-scope ${scope}`,
  ];
}

function awsAuthEntry(principal: string, need: Need): string {
  const arn = withoutPath(principal);
  const isUser = /:user\//.test(arn);
  const group = need.policy === 'AmazonEKSViewPolicy' ? 'wharf-viewers' : 'wharf-editors';
  const role = need.policy === 'AmazonEKSViewPolicy' ? 'view' : 'edit';
  const binding = need.scope.type === 'namespace'
    ? `kubectl create rolebinding ${group} --clusterrole=${role} --group=${group} --namespace ${need.scope.namespace}`
    : `kubectl create clusterrolebinding ${group} --clusterrole=${role} --group=${group}`;
  return [
    `# kubectl edit configmap aws-auth -n kube-system, then add under data.${isUser ? 'mapUsers' : 'mapRoles'}:`,
    isUser ? `- userarn: ${arn}` : `- rolearn: ${arn}`,
    `  username: ${isUser ? arn.split('/').pop() : `${arn.split('/').pop()}:{{SessionName}}`}`,
    '  groups:',
    `    - ${group}`,
    `# and bind the group: ${binding}`,
  ].join('\n');
}

export function diagnoseAuth(input: DiagnoseInput): AuthDiagnosis {
  const { failure, cluster, caller } = input;
  const mode = cluster.authenticationMode;
  const principal = caller?.principalArn ?? (failure.user ? principalOf(failure.user) : undefined);
  const lines: string[] = [];
  const commands: string[] = [];
  const need = needed(failure);
  const entries = Array.isArray(input.accessEntries) ? input.accessEntries : undefined;
  const entry = entries && principal ? entries.find((e) => samePrincipal(e.principalArn, principal)) : undefined;

  if (caller) {
    lines.push(`Wharf signed in as ${caller.arn}${caller.principalArn !== caller.arn ? ` (IAM principal ${caller.principalArn})` : ''}.`);
  } else if (principal) {
    lines.push(`The cluster names the caller ${failure.user ?? principal}; its IAM principal is ${principal}.`);
  }
  lines.push(`Cluster ${cluster.name} (${cluster.region}) authentication mode: ${mode ?? 'unknown (DescribeCluster did not say)'}.`);

  // What the cluster's access entries say about this principal.
  const entryLines = (): void => {
    if (mode === 'CONFIG_MAP') {
      lines.push('The cluster maps IAM principals only through the aws-auth ConfigMap in kube-system (no access entries).');
    } else if (input.accessEntries && !entries) {
      lines.push(`Wharf could not read the cluster's access entries: ${(input.accessEntries as { error: string }).error}. (Reading them needs eks:ListAccessEntries and eks:ListAssociatedAccessPolicies.)`);
    } else if (entries && principal) {
      if (!entry) lines.push(`No access entry exists for ${principal} (${entries.length} entries on the cluster).`);
      else {
        const pols = entry.policies;
        const what = pols === undefined ? 'its access policies could not be read' : pols.length ? `access policies: ${pols.map((p) => `${policyName(p.policyArn)} (${scopeText(p)})`).join('; ')}` : 'no access policies';
        lines.push(`An access entry exists for ${entry.principalArn}${entry.username && entry.username !== entry.principalArn ? ` as user ${entry.username}` : ''}: ${what}${entry.kubernetesGroups.length ? `; Kubernetes groups ${entry.kubernetesGroups.join(', ')} (their rights come from RoleBindings in the cluster)` : ''}.`);
      }
    }
  };

  const fixLines = (): void => {
    if (!principal) {
      lines.push('Find the IAM principal with `aws sts get-caller-identity` (for an assumed role, use the role ARN, not the session ARN).');
      return;
    }
    if (mode === 'CONFIG_MAP') {
      lines.push(`Fix: an administrator adds ${withoutPath(principal)} to the aws-auth ConfigMap (no path in the ARN) with a group bound to the rights needed (${need.why}). Or switch the cluster to API_AND_CONFIG_MAP and use access entries.`);
      commands.push(awsAuthEntry(principal, need));
      return;
    }
    const hasIt = entry?.policies?.some((p) => covers(p, need));
    if (entry && hasIt) {
      lines.push(`The entry's policies already allow ${need.why}; the refusal comes from elsewhere: a policy association still propagating (a few seconds), or a RoleBinding the groups rely on.`);
      return;
    }
    const scope = need.scope.type === 'cluster' ? 'cluster-wide' : `in namespace ${need.scope.namespace}`;
    if (mode === 'API_AND_CONFIG_MAP') lines.push('This cluster also reads the aws-auth ConfigMap; access entries are the supported way.');
    lines.push(
      entry
        ? `Missing: ${need.policy} ${scope} on the access entry (${need.why}). An administrator runs:`
        : `Missing: an access entry for ${principal} with ${need.policy} ${scope} (${need.why}). An administrator runs:`,
    );
    commands.push(...accessCommands(cluster, principal, need, !entry));
  };

  if (failure.kind === 'unauthorized') {
    lines.unshift(`The API server of ${cluster.name} did not accept the EKS token Wharf signed, even after signing a new one (401 Unauthorized).`);
    entryLines();
    if (entry) {
      lines.push(
        'The principal is mapped, so the token itself was refused. Likely causes: this computer\'s clock is off by more than a few minutes (the token carries its signing time); the endpoint reaches a different cluster than its name (check wharf.eks.endpointOverrides); or the credentials were revoked.',
      );
    } else {
      // EKS answers 401, not 403, to a valid IAM identity that maps to no Kubernetes user.
      lines.push('EKS answers 401 when the IAM identity is valid but mapped to nothing in the cluster. Other causes: a clock off by minutes, or an endpoint that reaches another cluster.');
      fixLines();
    }
    return { title: `${cluster.name}: the cluster rejected the token${principal ? ` for ${principal}` : ''}`, lines, commands };
  }

  // 403: authenticated, and RBAC (or an EKS access policy) said no.
  const where = failure.namespace ? `in namespace ${failure.namespace}` : failure.resource?.startsWith('/') ? '' : 'at cluster scope';
  const what = `${failure.verb ?? 'access'} ${failure.resource ?? 'this resource'}${failure.group ? ` (${failure.group})` : ''} ${where}`.trim();
  lines.unshift(`${failure.user ? `${failure.user} may not` : 'Not allowed to'} ${what} (403 Forbidden).`);
  entryLines();
  fixLines();
  return { title: `${cluster.name}: not allowed to ${what}`, lines, commands };
}
