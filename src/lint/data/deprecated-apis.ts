// API versions Kubernetes stopped serving (or deprecated), from 1.16 to the newest release.
// Sources: the Kubernetes "Deprecated API Migration Guide" (kubernetes.io/docs/reference/using-api/deprecation-guide/),
// sections v1.16, v1.22, v1.25, v1.26, v1.27, v1.29, v1.32; for 1.33 to 1.37, the prerelease lifecycle that
// k8s.io/api v0.37.2 declares for each beta type (APILifecycleDeprecated / APILifecycleRemoved in its
// zz_generated.prerelease-lifecycle.go files), listed here where the GA replacement is known; and the 1.33 release
// notes for the v1 Endpoints deprecation. `sameSchema` is true only where the guide lists no notable
// changes, so rewriting apiVersion alone keeps the object's meaning; that is when the rule offers a fix.

export interface DeprecatedApi {
  apiVersion: string;
  kinds: readonly string[];
  deprecatedIn: string;
  /** Undefined when no removal is scheduled. */
  removedIn?: string;
  /** What to use instead; undefined when nothing replaces it (PodSecurityPolicy). */
  replacement?: string;
  /** Where the replacement became available (it may be newer than the target version). */
  replacementSince?: string;
  /** An older replacement for clusters that don't serve `replacement` yet. */
  fallback?: { apiVersion: string; since: string };
  sameSchema: boolean;
  note?: string;
}

const WORKLOADS = ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'];
const RBAC = ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'];

export const DEPRECATED_APIS: readonly DeprecatedApi[] = [
  // v1.16
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'networking.k8s.io/v1', replacementSince: '1.8', sameSchema: true },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.10', removedIn: '1.16', replacement: 'policy/v1beta1', sameSchema: true, note: 'PodSecurityPolicy itself was removed in 1.25: move to Pod Security Admission.' },
  { apiVersion: 'extensions/v1beta1', kinds: ['DaemonSet', 'Deployment', 'ReplicaSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', sameSchema: false, note: 'apps/v1 requires spec.selector (use the template labels) and changes update-strategy defaults.' },
  { apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'ReplicaSet', 'StatefulSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', sameSchema: false, note: 'apps/v1 requires spec.selector and changes update-strategy defaults.' },
  { apiVersion: 'apps/v1beta2', kinds: WORKLOADS, deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', sameSchema: false, note: 'apps/v1 requires spec.selector and changes update-strategy defaults.' },
  // v1.22
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1', replacementSince: '1.16', sameSchema: false, note: 'v1 defaults failurePolicy to Fail and timeoutSeconds to 10, and requires sideEffects and admissionReviewVersions.' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1', replacementSince: '1.16', sameSchema: false, note: 'v1 requires a structural schema per version.' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1', replacementSince: '1.10', sameSchema: true },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authentication.k8s.io/v1', replacementSince: '1.6', sameSchema: true },
  { apiVersion: 'authorization.k8s.io/v1beta1', kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authorization.k8s.io/v1', replacementSince: '1.6', sameSchema: false, note: 'spec.group is renamed spec.groups.' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'certificates.k8s.io/v1', replacementSince: '1.19', sameSchema: false, note: 'v1 requires spec.signerName and restricts usages.' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'coordination.k8s.io/v1', replacementSince: '1.14', sameSchema: true },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1', replacementSince: '1.19', sameSchema: false, note: 'backend.serviceName/servicePort become backend.service.name/port, and pathType is required.' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1', replacementSince: '1.19', sameSchema: false, note: 'backend.serviceName/servicePort become backend.service.name/port, and pathType is required.' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['IngressClass'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1', replacementSince: '1.19', sameSchema: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: RBAC, deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', replacementSince: '1.8', sameSchema: true },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1', replacementSince: '1.14', sameSchema: true },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.19', sameSchema: true },
  // v1.25
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1', replacementSince: '1.21', sameSchema: true },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'discovery.k8s.io/v1', replacementSince: '1.21', sameSchema: false, note: 'topology is replaced by nodeName, zone and a read-only deprecatedTopology.' },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: '1.19', removedIn: '1.25', replacement: 'events.k8s.io/v1', replacementSince: '1.19', sameSchema: false, note: 'type is limited to Normal and Warning; deprecated* fields are read-only.' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'autoscaling/v2', replacementSince: '1.23', sameSchema: false, note: 'targetAverageUtilization becomes target.averageUtilization with target.type: Utilization.' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'policy/v1', replacementSince: '1.21', sameSchema: false, note: 'an empty spec.selector selects every pod in the namespace in policy/v1.' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.21', removedIn: '1.25', sameSchema: false, note: 'PodSecurityPolicy has no successor API: use Pod Security Admission labels on namespaces (or a policy engine).' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: '1.20', removedIn: '1.25', replacement: 'node.k8s.io/v1', replacementSince: '1.20', sameSchema: true },
  // v1.26
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: '1.29', fallback: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', since: '1.26' }, sameSchema: false, note: 'PriorityLevelConfiguration assuredConcurrencyShares is renamed nominalConcurrencyShares.' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'autoscaling/v2', replacementSince: '1.23', sameSchema: true },
  // v1.27
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: '1.24', removedIn: '1.27', replacement: 'storage.k8s.io/v1', replacementSince: '1.24', sameSchema: true },
  // v1.29
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema'], deprecatedIn: '1.26', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: '1.29', fallback: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', since: '1.26' }, sameSchema: true },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['PriorityLevelConfiguration'], deprecatedIn: '1.26', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: '1.29', fallback: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', since: '1.26' }, sameSchema: false, note: 'assuredConcurrencyShares is renamed nominalConcurrencyShares.' },
  // v1.32
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema'], deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: '1.29', sameSchema: true },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['PriorityLevelConfiguration'], deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: '1.29', sameSchema: false, note: 'in v1 an explicit nominalConcurrencyShares: 0 stays 0 instead of defaulting to 30.' },
  // v1.33 to v1.37: beta versions of APIs that went GA (k8s.io/api v0.37.2 prerelease lifecycle).
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['SelfSubjectReview'], deprecatedIn: '1.30', removedIn: '1.33', replacement: 'authentication.k8s.io/v1', replacementSince: '1.28', sameSchema: true },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'], deprecatedIn: '1.31', removedIn: '1.34', replacement: 'admissionregistration.k8s.io/v1', replacementSince: '1.30', sameSchema: false, note: 'check the policy against the v1 schema before switching.' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['IPAddress', 'ServiceCIDR'], deprecatedIn: '1.34', removedIn: '1.37', replacement: 'networking.k8s.io/v1', replacementSince: '1.33', sameSchema: true },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['VolumeAttributesClass'], deprecatedIn: '1.34', removedIn: '1.37', replacement: 'storage.k8s.io/v1', replacementSince: '1.34', sameSchema: true },
  { apiVersion: 'resource.k8s.io/v1beta1', kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], deprecatedIn: '1.35', removedIn: '1.38', replacement: 'resource.k8s.io/v1', replacementSince: '1.34', sameSchema: false, note: 'device requests are restructured in v1 (exactly / firstAvailable).' },
  { apiVersion: 'resource.k8s.io/v1beta2', kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], deprecatedIn: '1.36', removedIn: '1.39', replacement: 'resource.k8s.io/v1', replacementSince: '1.34', sameSchema: false, note: 'check the claim against the v1 schema before switching.' },
  // Deprecated, no removal scheduled.
  { apiVersion: 'v1', kinds: ['Endpoints'], deprecatedIn: '1.33', replacement: 'discovery.k8s.io/v1', replacementSince: '1.21', sameSchema: false, note: 'write EndpointSlices instead of Endpoints (the kind is EndpointSlice).' },
];

const index = new Map<string, DeprecatedApi>();
for (const d of DEPRECATED_APIS) for (const k of d.kinds) index.set(`${d.apiVersion}|${k}`, d);

export function lookupDeprecated(apiVersion: string, kind: string): DeprecatedApi | undefined {
  return index.get(`${apiVersion}|${kind}`);
}
