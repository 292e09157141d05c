// API versions Kubernetes stopped serving (or deprecated), from 1.16 to the newest release.
// Source: the Kubernetes "Deprecated API Migration Guide" (kubernetes.io/docs/reference/using-api/deprecation-guide/),
// sections v1.16, v1.22, v1.25, v1.26, v1.27, v1.29, v1.32 (no API version was removed in 1.33 or 1.34), and the
// 1.33 release notes for the v1 Endpoints deprecation. `sameSchema` is true only where the guide lists no notable
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
  // Deprecated, no removal scheduled.
  { apiVersion: 'v1', kinds: ['Endpoints'], deprecatedIn: '1.33', replacement: 'discovery.k8s.io/v1', replacementSince: '1.21', sameSchema: false, note: 'write EndpointSlices instead of Endpoints (the kind is EndpointSlice).' },
];

const index = new Map<string, DeprecatedApi>();
for (const d of DEPRECATED_APIS) for (const k of d.kinds) index.set(`${d.apiVersion}|${k}`, d);

export function lookupDeprecated(apiVersion: string, kind: string): DeprecatedApi | undefined {
  return index.get(`${apiVersion}|${kind}`);
}
