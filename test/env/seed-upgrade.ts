// What the upgrade readiness report finds in a cluster, made for real in the local API server:
// - a CRD whose old version (v1beta1) is deprecated but still served and still in status.storedVersions, with
//   objects written while it was the storage version (as an operator's CRD looks after an upgrade that moved storage);
// - requests to a deprecated built-in API, resource.k8s.io/v1beta1 (deprecated in 1.35, removed in 1.38; the API
//   servers serve it through --runtime-config, kube.ts), so apiserver_requested_deprecated_apis reports it;
// - kubelet versions: the first node at the cluster's version, the second two minor versions behind.
// Seeding converges: a second run finds what the first made and leaves it.
import { FIRST_NODE, setKubeletVersion } from './kwok';
import { apply, kubeRequest, type AdminCreds } from './kube-api';

export const UPGRADE_CRD = 'reportschedules.shop.example.com';
export const UPGRADE_CRD_GROUP = 'shop.example.com';
export const DEPRECATED_DEVICE_CLASS = 'gpu.shop.example.com';
export const LAGGING_NODE = 'ip-10-0-2-44.ec2.internal';

const schema = {
  openAPIV3Schema: {
    type: 'object',
    properties: { spec: { type: 'object', properties: { schedule: { type: 'string' }, report: { type: 'string' } } } },
  },
};
const version = (name: string, storage: boolean, deprecated: boolean) => ({
  name, served: true, storage, schema,
  ...(deprecated ? { deprecated: true, deprecationWarning: `${UPGRADE_CRD_GROUP}/${name} ReportSchedule is deprecated; use ${UPGRADE_CRD_GROUP}/v1` } : {}),
});

async function until(what: string, probe: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`seed-upgrade: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Kubelet versions as EKS AMIs report them: "v1.33.5-eks-3025e55". */
export const eksKubelet = (minor: string, patch = 5) => `v${minor}.${patch}-eks-3025e55`;

/** `eksVersion`: the EKS cluster's Kubernetes version ("1.33"), which the nodes are measured against. */
export async function seedUpgradeFixtures(c: AdminCreds, eksVersion: string, namespace = 'batch'): Promise<void> {
  await apply(c, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  const crdPath = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${UPGRADE_CRD}`;
  const existing = await kubeRequest<{ status?: { storedVersions?: string[] } }>(c, 'GET', crdPath);
  if (existing.status === 404) {
    // First as it was: v1beta1 the storage version.
    await apply(c, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: UPGRADE_CRD },
      spec: { group: UPGRADE_CRD_GROUP, scope: 'Namespaced', names: { plural: 'reportschedules', singular: 'reportschedule', kind: 'ReportSchedule' }, versions: [version('v1beta1', true, false)] },
    });
    await until('the CRD to be established', async () => {
      const r = await kubeRequest<{ status?: { conditions?: { type: string; status: string }[] } }>(c, 'GET', crdPath);
      return r.body.status?.conditions?.some((x) => x.type === 'Established' && x.status === 'True') ?? false;
    });
    for (const [name, schedule] of [['nightly-sales', '0 2 * * *'], ['weekly-inventory', '0 6 * * 1']]) {
      await until(`ReportSchedule ${name}`, async () => {
        const r = await kubeRequest(c, 'POST', `/apis/${UPGRADE_CRD_GROUP}/v1beta1/namespaces/${namespace}/reportschedules`, {
          apiVersion: `${UPGRADE_CRD_GROUP}/v1beta1`, kind: 'ReportSchedule', metadata: { name }, spec: { schedule, report: name },
        });
        return r.status < 300 || r.status === 409;
      });
    }
  }
  // Then the operator's upgrade: v1 stores, v1beta1 stays served but deprecated. storedVersions keeps v1beta1.
  const r = await kubeRequest(c, 'PATCH', crdPath, { spec: { versions: [version('v1', true, false), version('v1beta1', false, true)] } });
  if (r.status >= 300) throw new Error(`seed-upgrade: could not move ${UPGRADE_CRD} to v1: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  // An old client still reading the deprecated version. The API server counts the request as deprecated only once
  // its handler has taken in the CRD change, so read until /metrics shows it.
  await until('a read through the deprecated CRD version to show in /metrics', async () => {
    await kubeRequest(c, 'GET', `/apis/${UPGRADE_CRD_GROUP}/v1beta1/namespaces/${namespace}/reportschedules`);
    const m = await kubeRequest<string>(c, 'GET', '/metrics');
    return typeof m.body === 'string' && m.body.split('\n').some((l) => l.startsWith('apiserver_requested_deprecated_apis{') && l.includes(`group="${UPGRADE_CRD_GROUP}"`));
  });

  // The deprecated built-in API, written and read through its deprecated version.
  await apply(c, '/apis/resource.k8s.io/v1beta1/deviceclasses', {
    apiVersion: 'resource.k8s.io/v1beta1', kind: 'DeviceClass', metadata: { name: DEPRECATED_DEVICE_CLASS },
    spec: { selectors: [{ cel: { expression: 'device.driver == "gpu.shop.example.com"' } }] },
  });
  const dc = await kubeRequest(c, 'GET', `/apis/resource.k8s.io/v1beta1/deviceclasses/${DEPRECATED_DEVICE_CLASS}`);
  if (dc.status !== 200) throw new Error(`seed-upgrade: resource.k8s.io/v1beta1 is not served (${dc.status}): is --runtime-config set (kube.ts)?`);

  const minor = Number(eksVersion.split('.')[1]);
  await setKubeletVersion(c, FIRST_NODE, eksKubelet(eksVersion));
  const lagging = await kubeRequest(c, 'GET', `/api/v1/nodes/${LAGGING_NODE}`);
  if (lagging.status === 200) await setKubeletVersion(c, LAGGING_NODE, eksKubelet(`1.${minor - 2}`, 9));
}
