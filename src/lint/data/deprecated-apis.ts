// API versions Kubernetes deprecated or stopped serving, from 1.16 to the newest release (1.37, November 2026).
//
// Sources, checked entry by entry:
// - the Kubernetes "Deprecated API Migration Guide" (kubernetes.io/docs/reference/using-api/deprecation-guide/),
//   sections v1.16, v1.22, v1.25, v1.26, v1.27, v1.29 and v1.32 (its newest section: the guide lists no removal in
//   1.33 to 1.37): replacements, "available since" versions and "notable changes";
// - for deprecated/removed release numbers, and for the beta APIs the guide doesn't list (1.33 to 1.40), the
//   prerelease lifecycle that k8s.io/api v0.37.2 (Kubernetes 1.37) declares per type: APILifecycleDeprecated,
//   APILifecycleRemoved and APILifecycleReplacement in each group's zz_generated.prerelease-lifecycle.go. The API
//   server stops serving a beta at its "removed" release, and warns from its "deprecated" one;
// - KEP-3962 (MutatingAdmissionPolicy GA in 1.36) and KEP-4974 (v1 Endpoints deprecated in 1.33).
// Alpha versions are left out: they are off by default and may go in any release.
//
// `sameSchema` says whether rewriting apiVersion alone keeps the object's meaning (then the rule offers a fix):
// true where the guide lists "no notable changes", false where fields moved or defaults changed, and a check where
// the change only matters for some objects (it returns why the rewrite isn't safe for this one).

export type SchemaCheck = (value: Record<string, unknown>) => string | undefined;

export interface Replacement {
  apiVersion: string;
  /** The release that first served it. */
  since: string;
  sameSchema: boolean | SchemaCheck;
  /** What changes for the author, when the schema differs. */
  note?: string;
}

export interface DeprecatedApi {
  apiVersion: string;
  kinds: readonly string[];
  deprecatedIn: string;
  /** Undefined when no removal is scheduled. */
  removedIn?: string;
  /** Newest first; the rule picks the first the target version serves. Empty when nothing replaces the API. */
  replacements: readonly Replacement[];
  /** Said when there is no replacement. */
  note?: string;
}

const WORKLOADS = ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'];
const RBAC = ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'];
const APPS_V1_NOTE = 'apps/v1 requires spec.selector and changes defaults (update strategy, revisionHistoryLimit, progressDeadlineSeconds).';
const INGRESS_NOTE = 'backend.serviceName/servicePort become backend.service.name/port.number, spec.backend becomes spec.defaultBackend, and pathType is required.';

const field = (v: Record<string, unknown>, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), v);

// policy/v1beta1 PDB: an empty selector selects no pods; in policy/v1 it selects every pod of the namespace.
const pdbSelector: SchemaCheck = (v) => {
  const sel = field(v, 'spec', 'selector');
  const empty = !sel || typeof sel !== 'object' || Object.values(sel as object).every((x) => x === null || (typeof x === 'object' && Object.keys(x as object).length === 0));
  return empty ? 'its empty spec.selector selects no pods in policy/v1beta1 but every pod of the namespace in policy/v1' : undefined;
};
// PriorityLevelConfiguration: v1beta3 renamed assuredConcurrencyShares to nominalConcurrencyShares.
const noAssuredShares: SchemaCheck = (v) =>
  field(v, 'spec', 'limited', 'assuredConcurrencyShares') !== undefined ? 'spec.limited.assuredConcurrencyShares is renamed nominalConcurrencyShares' : undefined;
// ... and v1 keeps an explicit nominalConcurrencyShares: 0 where v1beta3 turned it into 30.
const noZeroShares: SchemaCheck = (v) =>
  field(v, 'spec', 'limited', 'nominalConcurrencyShares') === 0 ? 'an explicit nominalConcurrencyShares: 0 stays 0 in v1 (v1beta3 made it 30)' : undefined;

const FLOWCONTROL = 'flowcontrol.apiserver.k8s.io';

export const DEPRECATED_APIS: readonly DeprecatedApi[] = [
  // Removed in v1.16.
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: '1.9', removedIn: '1.16', replacements: [{ apiVersion: 'networking.k8s.io/v1', since: '1.8', sameSchema: true }] },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.10', removedIn: '1.16', replacements: [{ apiVersion: 'policy/v1beta1', since: '1.10', sameSchema: true }] },
  { apiVersion: 'extensions/v1beta1', kinds: ['DaemonSet', 'Deployment', 'ReplicaSet'], deprecatedIn: '1.8', removedIn: '1.16', replacements: [{ apiVersion: 'apps/v1', since: '1.9', sameSchema: false, note: APPS_V1_NOTE }] },
  { apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'ReplicaSet', 'StatefulSet'], deprecatedIn: '1.8', removedIn: '1.16', replacements: [{ apiVersion: 'apps/v1', since: '1.9', sameSchema: false, note: APPS_V1_NOTE }] },
  { apiVersion: 'apps/v1beta2', kinds: WORKLOADS, deprecatedIn: '1.9', removedIn: '1.16', replacements: [{ apiVersion: 'apps/v1', since: '1.9', sameSchema: false, note: APPS_V1_NOTE }] },
  { apiVersion: 'apps/v1beta1', kinds: ['ControllerRevision'], deprecatedIn: '1.8', removedIn: '1.16', replacements: [{ apiVersion: 'apps/v1', since: '1.9', sameSchema: true }] },
  { apiVersion: 'apps/v1beta2', kinds: ['ControllerRevision'], deprecatedIn: '1.9', removedIn: '1.16', replacements: [{ apiVersion: 'apps/v1', since: '1.9', sameSchema: true }] },

  // Removed in v1.22.
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: '1.16', removedIn: '1.22',
    replacements: [{ apiVersion: 'admissionregistration.k8s.io/v1', since: '1.16', sameSchema: false, note: 'v1 defaults failurePolicy to Fail, matchPolicy to Equivalent and timeoutSeconds to 10s, and requires sideEffects and admissionReviewVersions.' }],
  },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: '1.16', removedIn: '1.22', replacements: [{ apiVersion: 'apiextensions.k8s.io/v1', since: '1.16', sameSchema: false, note: 'v1 requires spec.scope and a structural schema per version, and moves validation, subresources and printer columns under spec.versions.' }] },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], deprecatedIn: '1.19', removedIn: '1.22', replacements: [{ apiVersion: 'apiregistration.k8s.io/v1', since: '1.10', sameSchema: true }] },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], deprecatedIn: '1.19', removedIn: '1.22', replacements: [{ apiVersion: 'authentication.k8s.io/v1', since: '1.6', sameSchema: true }] },
  {
    apiVersion: 'authorization.k8s.io/v1beta1', kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview'], deprecatedIn: '1.19', removedIn: '1.22',
    replacements: [{ apiVersion: 'authorization.k8s.io/v1', since: '1.6', sameSchema: false, note: 'spec.group is renamed spec.groups.' }],
  },
  { apiVersion: 'authorization.k8s.io/v1beta1', kinds: ['SelfSubjectRulesReview'], deprecatedIn: '1.19', removedIn: '1.22', replacements: [{ apiVersion: 'authorization.k8s.io/v1', since: '1.6', sameSchema: true }] },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: '1.19', removedIn: '1.22', replacements: [{ apiVersion: 'certificates.k8s.io/v1', since: '1.19', sameSchema: false, note: 'v1 requires spec.signerName and spec.usages.' }] },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], deprecatedIn: '1.19', removedIn: '1.22', replacements: [{ apiVersion: 'coordination.k8s.io/v1', since: '1.14', sameSchema: true }] },
  {
    apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.14', removedIn: '1.22',
    replacements: [{ apiVersion: 'networking.k8s.io/v1', since: '1.19', sameSchema: false, note: INGRESS_NOTE }, { apiVersion: 'networking.k8s.io/v1beta1', since: '1.14', sameSchema: true }],
  },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.19', removedIn: '1.22', replacements: [{ apiVersion: 'networking.k8s.io/v1', since: '1.19', sameSchema: false, note: INGRESS_NOTE }] },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['IngressClass'], deprecatedIn: '1.19', removedIn: '1.22', replacements: [{ apiVersion: 'networking.k8s.io/v1', since: '1.19', sameSchema: true }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: RBAC, deprecatedIn: '1.17', removedIn: '1.22', replacements: [{ apiVersion: 'rbac.authorization.k8s.io/v1', since: '1.8', sameSchema: true }] },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.22', replacements: [{ apiVersion: 'scheduling.k8s.io/v1', since: '1.14', sameSchema: true }] },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver'], deprecatedIn: '1.19', removedIn: '1.22', replacements: [{ apiVersion: 'storage.k8s.io/v1', since: '1.19', sameSchema: true }] },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSINode'], deprecatedIn: '1.17', removedIn: '1.22', replacements: [{ apiVersion: 'storage.k8s.io/v1', since: '1.17', sameSchema: true }] },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['StorageClass'], deprecatedIn: '1.19', removedIn: '1.22', replacements: [{ apiVersion: 'storage.k8s.io/v1', since: '1.6', sameSchema: true }] },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['VolumeAttachment'], deprecatedIn: '1.19', removedIn: '1.22', replacements: [{ apiVersion: 'storage.k8s.io/v1', since: '1.13', sameSchema: true }] },

  // Removed in v1.25.
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: '1.21', removedIn: '1.25', replacements: [{ apiVersion: 'batch/v1', since: '1.21', sameSchema: true }] },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: '1.21', removedIn: '1.25', replacements: [{ apiVersion: 'discovery.k8s.io/v1', since: '1.21', sameSchema: false, note: 'topology is replaced by per-endpoint nodeName and zone.' }] },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: '1.22', removedIn: '1.25', replacements: [{ apiVersion: 'events.k8s.io/v1', since: '1.19', sameSchema: false, note: 'type is limited to Normal and Warning, and the deprecated* fields may not be set.' }] },
  {
    apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.22', removedIn: '1.25',
    replacements: [{ apiVersion: 'autoscaling/v2', since: '1.23', sameSchema: false, note: 'targetAverageUtilization becomes target.averageUtilization with target.type: Utilization.' }, { apiVersion: 'autoscaling/v2beta2', since: '1.12', sameSchema: false, note: 'targetAverageUtilization becomes target.averageUtilization with target.type: Utilization.' }],
  },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: '1.21', removedIn: '1.25', replacements: [{ apiVersion: 'policy/v1', since: '1.21', sameSchema: pdbSelector }] },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.21', removedIn: '1.25', replacements: [], note: 'PodSecurityPolicy has no successor API: use Pod Security Admission labels on namespaces, or a policy engine.' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: '1.22', removedIn: '1.25', replacements: [{ apiVersion: 'node.k8s.io/v1', since: '1.20', sameSchema: true }] },

  // Removed in v1.26.
  {
    apiVersion: `${FLOWCONTROL}/v1beta1`, kinds: ['FlowSchema'], deprecatedIn: '1.23', removedIn: '1.26',
    replacements: [
      { apiVersion: `${FLOWCONTROL}/v1`, since: '1.29', sameSchema: true },
      { apiVersion: `${FLOWCONTROL}/v1beta3`, since: '1.26', sameSchema: true },
      { apiVersion: `${FLOWCONTROL}/v1beta2`, since: '1.23', sameSchema: true },
    ],
  },
  {
    apiVersion: `${FLOWCONTROL}/v1beta1`, kinds: ['PriorityLevelConfiguration'], deprecatedIn: '1.23', removedIn: '1.26',
    replacements: [
      { apiVersion: `${FLOWCONTROL}/v1`, since: '1.29', sameSchema: noAssuredShares },
      { apiVersion: `${FLOWCONTROL}/v1beta3`, since: '1.26', sameSchema: noAssuredShares },
      { apiVersion: `${FLOWCONTROL}/v1beta2`, since: '1.23', sameSchema: true },
    ],
  },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.23', removedIn: '1.26', replacements: [{ apiVersion: 'autoscaling/v2', since: '1.23', sameSchema: true }] },

  // Removed in v1.27.
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: '1.24', removedIn: '1.27', replacements: [{ apiVersion: 'storage.k8s.io/v1', since: '1.24', sameSchema: true }] },

  // Removed in v1.29.
  {
    apiVersion: `${FLOWCONTROL}/v1beta2`, kinds: ['FlowSchema'], deprecatedIn: '1.26', removedIn: '1.29',
    replacements: [{ apiVersion: `${FLOWCONTROL}/v1`, since: '1.29', sameSchema: true }, { apiVersion: `${FLOWCONTROL}/v1beta3`, since: '1.26', sameSchema: true }],
  },
  {
    apiVersion: `${FLOWCONTROL}/v1beta2`, kinds: ['PriorityLevelConfiguration'], deprecatedIn: '1.26', removedIn: '1.29',
    replacements: [{ apiVersion: `${FLOWCONTROL}/v1`, since: '1.29', sameSchema: noAssuredShares }, { apiVersion: `${FLOWCONTROL}/v1beta3`, since: '1.26', sameSchema: noAssuredShares }],
  },

  // Removed in v1.32.
  { apiVersion: `${FLOWCONTROL}/v1beta3`, kinds: ['FlowSchema'], deprecatedIn: '1.29', removedIn: '1.32', replacements: [{ apiVersion: `${FLOWCONTROL}/v1`, since: '1.29', sameSchema: true }] },
  { apiVersion: `${FLOWCONTROL}/v1beta3`, kinds: ['PriorityLevelConfiguration'], deprecatedIn: '1.29', removedIn: '1.32', replacements: [{ apiVersion: `${FLOWCONTROL}/v1`, since: '1.29', sameSchema: noZeroShares }] },

  // Removed in v1.33 to v1.37: betas past their lifecycle (k8s.io/api v0.37.2), not in the migration guide.
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['SelfSubjectReview'], deprecatedIn: '1.30', removedIn: '1.33', replacements: [{ apiVersion: 'authentication.k8s.io/v1', since: '1.28', sameSchema: true }] },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'], deprecatedIn: '1.31', removedIn: '1.34',
    replacements: [{ apiVersion: 'admissionregistration.k8s.io/v1', since: '1.30', sameSchema: false, note: 'check the policy against the v1 schema before switching.' }],
  },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['IPAddress', 'ServiceCIDR'], deprecatedIn: '1.34', removedIn: '1.37', replacements: [{ apiVersion: 'networking.k8s.io/v1', since: '1.33', sameSchema: true }] },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['VolumeAttributesClass'], deprecatedIn: '1.34', removedIn: '1.37', replacements: [{ apiVersion: 'storage.k8s.io/v1', since: '1.34', sameSchema: true }] },

  // Deprecated, removal scheduled after 1.37.
  {
    apiVersion: 'resource.k8s.io/v1beta1', kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], deprecatedIn: '1.35', removedIn: '1.38',
    replacements: [{ apiVersion: 'resource.k8s.io/v1', since: '1.34', sameSchema: false, note: 'device requests are restructured in v1 (exactly / firstAvailable).' }],
  },
  {
    apiVersion: 'resource.k8s.io/v1beta2', kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], deprecatedIn: '1.36', removedIn: '1.39',
    replacements: [{ apiVersion: 'resource.k8s.io/v1', since: '1.34', sameSchema: false, note: 'check the object against the v1 schema before switching.' }],
  },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['LeaseCandidate'], deprecatedIn: '1.36', removedIn: '1.39', replacements: [], note: 'no GA version exists yet; only coordination.k8s.io/v1alpha2 follows it.' },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding'], deprecatedIn: '1.37', removedIn: '1.40',
    replacements: [{ apiVersion: 'admissionregistration.k8s.io/v1', since: '1.36', sameSchema: false, note: 'check the policy against the v1 schema before switching.' }],
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['ClusterTrustBundle', 'PodCertificateRequest'], deprecatedIn: '1.37', removedIn: '1.40',
    replacements: [{ apiVersion: 'certificates.k8s.io/v1', since: '1.37', sameSchema: false, note: 'check the object against the v1 schema before switching.' }],
  },
  {
    apiVersion: 'storagemigration.k8s.io/v1beta1', kinds: ['StorageVersionMigration'], deprecatedIn: '1.37', removedIn: '1.40',
    replacements: [{ apiVersion: 'storagemigration.k8s.io/v1', since: '1.37', sameSchema: false, note: 'check the object against the v1 schema before switching.' }],
  },

  // Deprecated, no removal scheduled: a GA API, which Kubernetes keeps serving.
  {
    apiVersion: 'v1', kinds: ['Endpoints'], deprecatedIn: '1.33',
    replacements: [{ apiVersion: 'discovery.k8s.io/v1', since: '1.21', sameSchema: false, note: 'write EndpointSlices instead (the kind changes to EndpointSlice).' }],
  },
];

const index = new Map<string, DeprecatedApi>();
for (const d of DEPRECATED_APIS) for (const k of d.kinds) index.set(`${d.apiVersion}|${k}`, d);

export function lookupDeprecated(apiVersion: string, kind: string): DeprecatedApi | undefined {
  return index.get(`${apiVersion}|${kind}`);
}
