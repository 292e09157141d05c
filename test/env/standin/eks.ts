// EKS (REST-JSON): the operations moto 5.2.5 lacks are served here from EksState; CreateCluster and DescribeCluster
// go through moto and gain the fields moto drops (accessConfig, upgradePolicy, health). moto stays the owner of the
// clusters themselves: every served call asks it whether the cluster exists, so a typo fails as on AWS.
import { randomUUID } from 'node:crypto';
import { handleEksAddons } from './eks-addons';
import { clusterOf, inUse, invalidParameter, json, notFound, type ClusterRef, type EksCall } from './eks-common';
import type { ClusterExtras } from './eks-state';
import { ApiError, forward, numberParam, paginate, relay, relayJson, restJsonError, sendJson } from './http';

export const ACCESS_POLICIES = ['AmazonEKSAdminPolicy', 'AmazonEKSAdminViewPolicy', 'AmazonEKSClusterAdminPolicy', 'AmazonEKSEditPolicy', 'AmazonEKSViewPolicy']
  .map((n) => `arn:aws:eks::aws:cluster-access-policy/${n}`);
const AUTH_MODES = ['API', 'API_AND_CONFIG_MAP', 'CONFIG_MAP'];
const ENTRY_TYPES = ['STANDARD', 'EC2_LINUX', 'EC2_WINDOWS', 'FARGATE_LINUX', 'EC2', 'HYBRID_LINUX', 'HYPERPOD_LINUX'];

export async function handleEks(call: EksCall): Promise<void> {
  const { inc } = call;
  try {
    switch (call.op) {
      case 'CreateCluster': return await createCluster(call);
      case 'DescribeCluster': return await describeCluster(call);
      case 'DeleteCluster': return await deleteCluster(call);
      case 'CreateNodegroup':
      case 'CreateFargateProfile': return await createCompute(call);
      case 'ListAccessEntries': return await listAccessEntries(call);
      case 'CreateAccessEntry': return await createAccessEntry(call);
      case 'DescribeAccessEntry': return await describeAccessEntry(call);
      case 'DeleteAccessEntry': return await deleteAccessEntry(call);
      case 'ListAssociatedAccessPolicies': return await listAssociatedAccessPolicies(call);
      case 'AssociateAccessPolicy': return await associateAccessPolicy(call);
      case 'DisassociateAccessPolicy': return await disassociateAccessPolicy(call);
      case 'ListAccessPolicies': return listAccessPolicies(call);
      default:
        if (await handleEksAddons(call, json(inc))) return;
        relay(inc.res, await forward(call.ctx.moto, inc.method, inc.url.pathname + inc.url.search, inc.req.headers, inc.body));
    }
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    restJsonError(inc.res, e.status, e.type, { message: e.message, ...e.members });
  }
}

async function createCluster(call: EksCall): Promise<void> {
  const { inc, ctx } = call;
  const body = json(inc);
  const access = (body.accessConfig ?? {}) as { authenticationMode?: string; bootstrapClusterCreatorAdminPermissions?: boolean };
  const upgrade = (body.upgradePolicy ?? {}) as { supportType?: string };
  if (access.authenticationMode && !AUTH_MODES.includes(access.authenticationMode)) throw invalidParameter(`Unsupported authentication mode: ${access.authenticationMode}`);
  if (upgrade.supportType && !['STANDARD', 'EXTENDED'].includes(upgrade.supportType)) throw invalidParameter(`Unsupported support type: ${upgrade.supportType}`);
  const up = await forward(ctx.moto, inc.method, inc.url.pathname, inc.req.headers, inc.body);
  if (up.status !== 200) return relay(inc.res, up);
  const out = JSON.parse(up.body.toString('utf8')) as { cluster: Record<string, unknown> & { name: string; arn: string } };
  call.state.drop(call.region, out.cluster.name);
  const extras = call.state.get(call.region, out.cluster.name);
  extras.accessConfig = {
    authenticationMode: (access.authenticationMode ?? 'CONFIG_MAP') as ClusterExtras['accessConfig']['authenticationMode'],
    bootstrapClusterCreatorAdminPermissions: access.bootstrapClusterCreatorAdminPermissions ?? true,
  };
  extras.upgradePolicy = { supportType: (upgrade.supportType ?? 'EXTENDED') as 'STANDARD' | 'EXTENDED' };
  // As EKS does: with access entries on, the creator gets an entry and cluster admin, unless told not to.
  const creator = inc.scope && ctx.identity(inc.scope.accessKeyId);
  if (creator && extras.accessConfig.authenticationMode !== 'CONFIG_MAP' && extras.accessConfig.bootstrapClusterCreatorAdminPermissions) {
    const rec = putEntry(call, { name: out.cluster.name, arn: out.cluster.arn, version: '', extras }, creator.arn, 'STANDARD', [], undefined);
    rec.policies.set(ACCESS_POLICIES[2], { policyArn: ACCESS_POLICIES[2], accessScope: { type: 'cluster', namespaces: [] }, associatedAt: ctx.now() / 1000, modifiedAt: ctx.now() / 1000 });
  }
  relayJson(inc.res, up, { cluster: withExtras(out.cluster, extras) });
}

function withExtras(cluster: Record<string, unknown>, x: ClusterExtras): Record<string, unknown> {
  return { ...cluster, accessConfig: { ...x.accessConfig }, upgradePolicy: { ...x.upgradePolicy }, health: { issues: x.health.issues.map((i) => ({ ...i })) } };
}

async function describeCluster(call: EksCall): Promise<void> {
  const { inc, ctx } = call;
  const up = await forward(ctx.moto, inc.method, inc.url.pathname, inc.req.headers, inc.body);
  if (up.status !== 200) return relay(inc.res, up);
  const out = JSON.parse(up.body.toString('utf8')) as { cluster: Record<string, unknown> & { name: string } };
  relayJson(inc.res, up, { cluster: withExtras(out.cluster, call.state.get(call.region, out.cluster.name)) });
}

async function deleteCluster(call: EksCall): Promise<void> {
  const { inc, ctx } = call;
  const up = await forward(ctx.moto, inc.method, inc.url.pathname, inc.req.headers, inc.body);
  if (up.status === 200) call.state.drop(call.region, call.params.name);
  relay(inc.res, up);
}

/** Managed node groups and Fargate profiles get their role's access entry, as EKS makes them in API modes. */
async function createCompute(call: EksCall): Promise<void> {
  const { inc, ctx } = call;
  const body = json(inc);
  let sent = inc.body;
  // EKS makes a node group at the cluster's Kubernetes version unless told otherwise; moto uses its own default (1.19).
  if (call.op === 'CreateNodegroup' && !body.version && !body.releaseVersion) {
    const c = await clusterOf(call);
    sent = Buffer.from(JSON.stringify({ ...body, version: c.version }));
  }
  const up = await forward(ctx.moto, inc.method, inc.url.pathname, inc.req.headers, sent);
  if (up.status === 200) {
    const extras = call.state.get(call.region, call.params.clusterName);
    const role = (call.op === 'CreateNodegroup' ? body.nodeRole : body.podExecutionRoleArn) as string | undefined;
    if (role && extras.accessConfig.authenticationMode !== 'CONFIG_MAP' && !extras.accessEntries.has(role)) {
      const c = await clusterOf(call);
      putEntry(call, c, role, call.op === 'CreateNodegroup' ? 'EC2_LINUX' : 'FARGATE_LINUX', [], undefined);
    }
  }
  relay(inc.res, up);
}

/** Access entry operations need the cluster in an access-entry mode, as on EKS. */
async function accessCluster(call: EksCall): Promise<ClusterRef> {
  const c = await clusterOf(call);
  if (c.extras.accessConfig.authenticationMode === 'CONFIG_MAP') {
    throw new ApiError(400, 'InvalidRequestException', "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.", { clusterName: c.name });
  }
  return c;
}

function entryOf(c: ClusterRef, principalArn: string) {
  const rec = c.extras.accessEntries.get(principalArn);
  if (!rec) throw notFound(`The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.`, { clusterName: c.name });
  return rec;
}

/** EKS's default username: the user ARN, or the role's assumed-role session pattern. */
function defaultUsername(principalArn: string, type: string): string {
  if (type === 'EC2_LINUX' || type === 'EC2_WINDOWS') return 'system:node:{{EC2PrivateDNSName}}';
  if (type === 'FARGATE_LINUX') return 'system:node:{{SessionName}}';
  const role = /^arn:(aws[\w-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principalArn);
  return role ? `arn:${role[1]}:sts::${role[2]}:assumed-role/${role[3]}/{{SessionName}}` : principalArn;
}

function putEntry(call: EksCall, c: ClusterRef, principalArn: string, type: string, groups: string[], username: string | undefined, tags: Record<string, string> = {}) {
  const now = call.ctx.now() / 1000;
  const tail = principalArn.replace(/^arn:[^:]+:iam::/, '').replace(/:/, '/');
  const rec = {
    entry: {
      clusterName: c.name,
      principalArn,
      kubernetesGroups: groups,
      accessEntryArn: `arn:aws:eks:${call.region}:${call.ctx.account}:access-entry/${c.name}/${tail.replace(/^(\d{12})\/(user|role)/, '$2/$1')}/${randomUUID()}`,
      createdAt: now,
      modifiedAt: now,
      tags,
      username: username ?? defaultUsername(principalArn, type),
      type,
    },
    policies: new Map<string, Record<string, unknown>>(),
  };
  c.extras.accessEntries.set(principalArn, rec);
  return rec;
}

async function listAccessEntries(call: EksCall): Promise<void> {
  const c = await accessCluster(call);
  const q = call.inc.url.searchParams;
  const policy = q.get('associatedPolicyArn');
  const arns = [...c.extras.accessEntries.values()].filter((r) => !policy || r.policies.has(policy)).map((r) => r.entry.principalArn);
  const page = paginate(arns, numberParam(q.get('maxResults')), q.get('nextToken') ?? undefined, { invalid: (m) => invalidParameter(m) });
  sendJson(call.inc.res, 200, { accessEntries: page.items, nextToken: page.nextToken });
}

async function createAccessEntry(call: EksCall): Promise<void> {
  const c = await accessCluster(call);
  const b = json(call.inc) as { principalArn?: string; kubernetesGroups?: string[]; username?: string; type?: string; tags?: Record<string, string> };
  // Only IAM users and roles: an STS assumed-role session ARN is refused, as EKS refuses it.
  if (!b.principalArn || !/^arn:aws[\w-]*:iam::\d{12}:(role|user)\/.+/.test(b.principalArn)) throw invalidParameter(`The specified principalArn is invalid: invalid ARN`, { clusterName: c.name });
  const type = b.type ?? 'STANDARD';
  if (!ENTRY_TYPES.includes(type)) throw invalidParameter(`The specified type is invalid: ${type}`, { clusterName: c.name });
  if (c.extras.accessEntries.has(b.principalArn)) throw inUse(`The specified access entry resource is already in use on this cluster.`, { clusterName: c.name });
  if (type !== 'STANDARD' && (b.kubernetesGroups?.length || b.username)) throw invalidParameter(`Kubernetes groups and username can only be set for access entries of type STANDARD.`, { clusterName: c.name });
  const rec = putEntry(call, c, b.principalArn, type, b.kubernetesGroups ?? [], b.username, b.tags);
  sendJson(call.inc.res, 200, { accessEntry: rec.entry });
}

async function describeAccessEntry(call: EksCall): Promise<void> {
  const c = await accessCluster(call);
  sendJson(call.inc.res, 200, { accessEntry: entryOf(c, call.params.principalArn).entry });
}

async function deleteAccessEntry(call: EksCall): Promise<void> {
  const c = await accessCluster(call);
  entryOf(c, call.params.principalArn);
  c.extras.accessEntries.delete(call.params.principalArn);
  sendJson(call.inc.res, 200, {});
}

async function listAssociatedAccessPolicies(call: EksCall): Promise<void> {
  const c = await accessCluster(call);
  const rec = entryOf(c, call.params.principalArn);
  const q = call.inc.url.searchParams;
  const page = paginate([...rec.policies.values()], numberParam(q.get('maxResults')), q.get('nextToken') ?? undefined, { invalid: (m) => invalidParameter(m) });
  sendJson(call.inc.res, 200, { clusterName: c.name, principalArn: rec.entry.principalArn, nextToken: page.nextToken, associatedAccessPolicies: page.items });
}

async function associateAccessPolicy(call: EksCall): Promise<void> {
  const c = await accessCluster(call);
  const rec = entryOf(c, call.params.principalArn);
  const b = json(call.inc) as { policyArn?: string; accessScope?: { type?: string; namespaces?: string[] } };
  if (!b.policyArn || !ACCESS_POLICIES.includes(b.policyArn)) throw invalidParameter(`The specified policyArn is invalid: ${b.policyArn ?? ''}`, { clusterName: c.name });
  const scope = b.accessScope ?? {};
  if (scope.type !== 'cluster' && scope.type !== 'namespace') throw invalidParameter('accessScope.type must be one of [cluster, namespace].', { clusterName: c.name });
  if (scope.type === 'namespace' && !scope.namespaces?.length) throw invalidParameter('Namespaces must be specified for an access scope of type namespace.', { clusterName: c.name });
  if (scope.type === 'cluster' && scope.namespaces?.length) throw invalidParameter('Namespaces cannot be specified for an access scope of type cluster.', { clusterName: c.name });
  if (rec.entry.type !== 'STANDARD') throw new ApiError(400, 'InvalidRequestException', 'Access policies can only be associated with access entries of type STANDARD.', { clusterName: c.name });
  const now = call.ctx.now() / 1000;
  const prior = rec.policies.get(b.policyArn);
  const policy = { policyArn: b.policyArn, accessScope: { type: scope.type, namespaces: scope.namespaces ?? [] }, associatedAt: prior?.associatedAt ?? now, modifiedAt: now };
  rec.policies.set(b.policyArn, policy);
  sendJson(call.inc.res, 200, { clusterName: c.name, principalArn: rec.entry.principalArn, associatedAccessPolicy: policy });
}

async function disassociateAccessPolicy(call: EksCall): Promise<void> {
  const c = await accessCluster(call);
  const rec = entryOf(c, call.params.principalArn);
  if (!rec.policies.delete(call.params.policyArn)) throw notFound('The specified policy association could not be found.', { clusterName: c.name });
  sendJson(call.inc.res, 200, {});
}

function listAccessPolicies(call: EksCall): void {
  const q = call.inc.url.searchParams;
  const page = paginate(ACCESS_POLICIES, numberParam(q.get('maxResults')), q.get('nextToken') ?? undefined, { invalid: (m) => invalidParameter(m) });
  sendJson(call.inc.res, 200, { accessPolicies: page.items.map((arn) => ({ name: arn.split('/').pop(), arn })), nextToken: page.nextToken });
}
