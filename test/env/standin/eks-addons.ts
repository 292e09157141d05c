// EKS add-ons, the add-on catalogue, upgrade insights, Pod Identity associations and the version calendar: served
// from the stand-in's state and catalogue (moto 5.2.5 answers all of these with an HTML 404).
import { createHash, randomUUID } from 'node:crypto';
import { ADDON_CATALOG, EKS_VERSIONS, addonInfo, clusterVersionInfo, defaultAddonVersion, insightSummary, insightsFor, versionStatus } from './eks-catalog';
import { clusterOf, inUse, invalidParameter, notFound, type ClusterRef, type EksCall } from './eks-common';
import { numberParam, paginate, sendJson } from './http';

/** Handles the call if it is one of these operations; false: not ours. */
export async function handleEksAddons(call: EksCall, body: Record<string, unknown>): Promise<boolean> {
  switch (call.op) {
    case 'ListAddons': await listAddons(call); return true;
    case 'DescribeAddon': await describeAddon(call); return true;
    case 'CreateAddon': await createAddon(call, body); return true;
    case 'DeleteAddon': await deleteAddon(call); return true;
    case 'DescribeAddonVersions': describeAddonVersions(call); return true;
    case 'ListInsights': await listInsights(call, body); return true;
    case 'DescribeInsight': await describeInsight(call); return true;
    case 'ListPodIdentityAssociations': await listPodIdentity(call); return true;
    case 'CreatePodIdentityAssociation': await createPodIdentity(call, body); return true;
    case 'DescribePodIdentityAssociation': await describePodIdentity(call); return true;
    case 'DeletePodIdentityAssociation': await deletePodIdentity(call); return true;
    case 'DescribeClusterVersions': describeClusterVersions(call); return true;
    default: return false;
  }
}

const q = (call: EksCall) => call.inc.url.searchParams;
const page = <T>(call: EksCall, items: T[], maxResults = numberParam(q(call).get('maxResults')), nextToken = q(call).get('nextToken') ?? undefined) =>
  paginate(items, maxResults, nextToken, { invalid: (m) => invalidParameter(m) });

async function listAddons(call: EksCall): Promise<void> {
  const c = await clusterOf(call);
  const p = page(call, [...c.extras.addons.keys()]);
  sendJson(call.inc.res, 200, { addons: p.items, nextToken: p.nextToken });
}

function addonOf(c: ClusterRef, name: string) {
  const a = c.extras.addons.get(name);
  if (!a) throw notFound(`No addon: ${name} found in cluster: ${c.name}`, { clusterName: c.name, addonName: name });
  return a;
}

async function describeAddon(call: EksCall): Promise<void> {
  const c = await clusterOf(call);
  sendJson(call.inc.res, 200, { addon: addonOf(c, call.params.addonName) });
}

async function createAddon(call: EksCall, b: Record<string, unknown>): Promise<void> {
  const c = await clusterOf(call);
  const name = b.addonName as string | undefined;
  const entry = ADDON_CATALOG.find((a) => a.name === name);
  if (!name || !entry) throw invalidParameter(`Addon ${name ?? ''} specified is not supported in ${c.version} cluster`, { clusterName: c.name, addonName: name });
  if (c.extras.addons.has(name)) throw inUse(`Addon already exists.`, { clusterName: c.name, addonName: name });
  const version = (b.addonVersion as string | undefined) ?? defaultAddonVersion(entry, c.version);
  if (!version || !entry.versions.some((v) => v.version === version && v.clusters.includes(c.version))) {
    throw invalidParameter(`Addon version specified is not supported`, { clusterName: c.name, addonName: name });
  }
  const now = call.ctx.now() / 1000;
  const addon = {
    addonName: name,
    clusterName: c.name,
    status: 'ACTIVE',
    addonVersion: version,
    health: { issues: [] },
    addonArn: `arn:aws:eks:${call.region}:${call.ctx.account}:addon/${c.name}/${name}/${randomUUID()}`,
    createdAt: now,
    modifiedAt: now,
    serviceAccountRoleArn: b.serviceAccountRoleArn as string | undefined,
    tags: (b.tags as Record<string, string> | undefined) ?? {},
    configurationValues: b.configurationValues as string | undefined,
    podIdentityAssociations: [],
  };
  c.extras.addons.set(name, addon);
  // Just made: EKS reports CREATING first; it is ACTIVE by the next DescribeAddon.
  sendJson(call.inc.res, 200, { addon: { ...addon, status: 'CREATING' } });
}

async function deleteAddon(call: EksCall): Promise<void> {
  const c = await clusterOf(call);
  const a = addonOf(c, call.params.addonName);
  c.extras.addons.delete(call.params.addonName);
  sendJson(call.inc.res, 200, { addon: { ...a, status: 'DELETING' } });
}

function describeAddonVersions(call: EksCall): void {
  const p = q(call);
  const k8s = p.get('kubernetesVersion') ?? undefined;
  const name = p.get('addonName');
  const list = (k: string) => p.getAll(k).flatMap((v) => v.split(',')).filter(Boolean);
  const [types, publishers, owners] = [list('types'), list('publishers'), list('owners')];
  const infos = ADDON_CATALOG
    .filter((a) => (!name || a.name === name) && (!types.length || types.includes(a.type)) && (!publishers.length || publishers.includes(a.publisher)) && (!owners.length || owners.includes(a.owner)))
    .map((a) => addonInfo(a, k8s))
    .filter((a) => a !== undefined);
  const pg = page(call, infos);
  sendJson(call.inc.res, 200, { addons: pg.items, nextToken: pg.nextToken });
}

async function insightsOf(call: EksCall): Promise<{ c: ClusterRef; insights: Record<string, unknown>[] }> {
  const c = await clusterOf(call);
  const addons = Object.fromEntries([...c.extras.addons.values()].map((a) => [a.addonName as string, a.addonVersion]));
  return { c, insights: insightsFor({ clusterName: c.name, version: c.version, addons, healthIssues: c.extras.health.issues.length, now: call.ctx.now() }) };
}

async function listInsights(call: EksCall, b: Record<string, unknown>): Promise<void> {
  const { insights } = await insightsOf(call);
  const f = (b.filter ?? {}) as { categories?: string[]; kubernetesVersions?: string[]; statuses?: string[] };
  const hit = insights.filter((i) =>
    (!f.categories?.length || f.categories.includes(i.category as string))
    && (!f.kubernetesVersions?.length || f.kubernetesVersions.includes(i.kubernetesVersion as string))
    && (!f.statuses?.length || f.statuses.includes((i.insightStatus as { status: string }).status)));
  const pg = page(call, hit.map(insightSummary), b.maxResults as number | undefined, b.nextToken as string | undefined);
  sendJson(call.inc.res, 200, { insights: pg.items, nextToken: pg.nextToken });
}

async function describeInsight(call: EksCall): Promise<void> {
  const { c, insights } = await insightsOf(call);
  const hit = insights.find((i) => i.id === call.params.id);
  if (!hit) throw notFound(`No insight found for id: ${call.params.id}.`, { clusterName: c.name });
  sendJson(call.inc.res, 200, { insight: hit });
}

/** EKS association ids: `a-` and 17 lower-case letters and digits. */
function associationId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = createHash('sha256').update(randomUUID()).digest();
  return `a-${Array.from(bytes.subarray(0, 17), (b) => alphabet[b % alphabet.length]).join('')}`;
}

const summary = (a: Record<string, unknown>) => {
  const { clusterName, namespace, serviceAccount, associationArn, associationId: id, ownerArn } = a;
  return { clusterName, namespace, serviceAccount, associationArn, associationId: id, ownerArn };
};

async function listPodIdentity(call: EksCall): Promise<void> {
  const c = await clusterOf(call);
  const ns = q(call).get('namespace');
  const sa = q(call).get('serviceAccount');
  const all = [...c.extras.podIdentity.values()].filter((a) => (!ns || a.namespace === ns) && (!sa || a.serviceAccount === sa));
  const pg = page(call, all.map(summary));
  sendJson(call.inc.res, 200, { associations: pg.items, nextToken: pg.nextToken });
}

async function createPodIdentity(call: EksCall, b: Record<string, unknown>): Promise<void> {
  const c = await clusterOf(call);
  const { namespace, serviceAccount, roleArn } = b as { namespace?: string; serviceAccount?: string; roleArn?: string };
  if (!namespace || !serviceAccount || !roleArn) throw invalidParameter('namespace, serviceAccount and roleArn are required.', { clusterName: c.name });
  if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(roleArn)) throw invalidParameter(`The specified roleArn is invalid: ${roleArn}`, { clusterName: c.name });
  const dup = [...c.extras.podIdentity.values()].find((a) => a.namespace === namespace && a.serviceAccount === serviceAccount);
  if (dup) throw inUse(`Association already exists: ${dup.associationId}`, { clusterName: c.name });
  const id = associationId();
  const now = call.ctx.now() / 1000;
  const a = {
    clusterName: c.name, namespace, serviceAccount, roleArn,
    associationArn: `arn:aws:eks:${call.region}:${call.ctx.account}:podidentityassociation/${c.name}/${id}`,
    associationId: id,
    tags: (b.tags as Record<string, string> | undefined) ?? {},
    createdAt: now, modifiedAt: now,
    disableSessionTags: (b.disableSessionTags as boolean | undefined) ?? false,
    targetRoleArn: b.targetRoleArn as string | undefined,
  };
  c.extras.podIdentity.set(id, a);
  sendJson(call.inc.res, 200, { association: a });
}

function associationOf(c: ClusterRef, id: string) {
  const a = c.extras.podIdentity.get(id);
  if (!a) throw notFound(`Association not found: ${id}`, { clusterName: c.name });
  return a;
}

async function describePodIdentity(call: EksCall): Promise<void> {
  const c = await clusterOf(call);
  sendJson(call.inc.res, 200, { association: associationOf(c, call.params.associationId) });
}

async function deletePodIdentity(call: EksCall): Promise<void> {
  const c = await clusterOf(call);
  const a = associationOf(c, call.params.associationId);
  c.extras.podIdentity.delete(a.associationId);
  sendJson(call.inc.res, 200, { association: a });
}

function describeClusterVersions(call: EksCall): void {
  const p = q(call);
  const now = call.ctx.now();
  const wanted = p.getAll('clusterVersions').flatMap((v) => v.split(',')).filter(Boolean);
  const versionStatusFilter = p.get('versionStatus');
  const legacyStatus = p.get('status');
  const includeAll = p.get('includeAll') === 'true';
  const defaultOnly = p.get('defaultOnly') === 'true';
  const clusterType = p.get('clusterType');
  const infos = [...EKS_VERSIONS].reverse()
    .filter((v) => !wanted.length || wanted.includes(v.version))
    // Without includeAll, EKS lists only the versions it still supports.
    .filter((v) => includeAll || wanted.length > 0 || versionStatus(v, now) !== 'UNSUPPORTED')
    .map((v) => clusterVersionInfo(v, now))
    .filter((v) => (!versionStatusFilter || v.versionStatus === versionStatusFilter) && (!legacyStatus || v.status === legacyStatus))
    .filter((v) => !defaultOnly || v.defaultVersion)
    .filter(() => !clusterType || clusterType === 'eks');
  const pg = page(call, infos);
  sendJson(call.inc.res, 200, { clusterVersions: pg.items, nextToken: pg.nextToken });
}
