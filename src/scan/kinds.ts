// The kinds a scan lists: every kind a lint rule looks at. Context kinds are listed first and kept (parsed) for the
// whole scan, because cross-document rules consult them (a PodDisruptionBudget or HPA for a workload, the Service in
// front of a pod, a ServiceAccount's IRSA role); they are few next to pods and workloads, which are streamed a page
// at a time and dropped once linted. Secrets are never listed: their values have no business in a scan report.
import type { ResourceKind } from '../kube/model';

const kind = (k: string, group: string, version: string, plural: string, namespaced = true): ResourceKind => ({ kind: k, group, version, plural, namespaced });

export const CONTEXT_KINDS: readonly ResourceKind[] = [
  kind('Service', '', 'v1', 'services'),
  kind('ServiceAccount', '', 'v1', 'serviceaccounts'),
  kind('PodDisruptionBudget', 'policy', 'v1', 'poddisruptionbudgets'),
  kind('HorizontalPodAutoscaler', 'autoscaling', 'v2', 'horizontalpodautoscalers'),
];

export const STREAMED_KINDS: readonly ResourceKind[] = [
  kind('Deployment', 'apps', 'v1', 'deployments'),
  kind('StatefulSet', 'apps', 'v1', 'statefulsets'),
  kind('DaemonSet', 'apps', 'v1', 'daemonsets'),
  kind('ReplicaSet', 'apps', 'v1', 'replicasets'),
  kind('ReplicationController', '', 'v1', 'replicationcontrollers'),
  kind('CronJob', 'batch', 'v1', 'cronjobs'),
  kind('Job', 'batch', 'v1', 'jobs'),
  kind('Pod', '', 'v1', 'pods'),
  kind('Role', 'rbac.authorization.k8s.io', 'v1', 'roles'),
  kind('RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings'),
];

/** Listed only when the whole cluster is scanned. */
export const CLUSTER_KINDS: readonly ResourceKind[] = [
  kind('ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', false),
  kind('ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', false),
  kind('ValidatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', false),
  kind('MutatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', false),
];

/** Kinds whose lint rules need the workloads they select (pdb-blocks-drain, hpa-needs-requests): linted last. */
export const NEEDS_WORKLOADS = new Set(['PodDisruptionBudget', 'HorizontalPodAutoscaler']);
/** Workloads a PodDisruptionBudget or HPA may point at. */
export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** The Fargate logging ConfigMap (fargate-logging-config): the one ConfigMap a rule reads, fetched by name. */
export const FARGATE_LOGGING = { kind: kind('ConfigMap', '', 'v1', 'configmaps'), namespace: 'aws-observability', name: 'aws-logging' };
export const NAMESPACE_KIND = kind('Namespace', '', 'v1', 'namespaces', false);
