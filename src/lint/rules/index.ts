// The rule registry, in catalog order. Each rule lives in its own file named by its id.
import type { Rule } from '../rule';
import automountToken from './automount-token';
import deprecatedApi from './deprecated-api';
import dropCapabilities from './drop-capabilities';
import ephemeralStorageRequest from './ephemeral-storage-request';
import fargateCompat from './fargate-compat';
import fargateLoggingConfig from './fargate-logging-config';
import fargateSizing from './fargate-sizing';
import hostPort from './host-port';
import hpaMinReplicas from './hpa-min-replicas';
import hpaNeedsRequests from './hpa-needs-requests';
import imagePullPolicy from './image-pull-policy';
import imageRegistryAllowed from './image-registry-allowed';
import imageTagPinned from './image-tag-pinned';
import ingressBackendMissing from './ingress-backend-missing';
import lbControllerAnnotations from './lb-controller-annotations';
import linuxNodeSelector from './linux-node-selector';
import livenessEqualsReadiness from './liveness-equals-readiness';
import memoryLimit from './memory-limit';
import networkPolicy from './network-policy';
import noBarePods from './no-bare-pods';
import noClusterAdminBinding from './no-cluster-admin-binding';
import noDefaultNamespace from './no-default-namespace';
import noDefaultServiceAccount from './no-default-service-account';
import noHostNamespaces from './no-host-namespaces';
import noPrivilegeEscalation from './no-privilege-escalation';
import noPrivileged from './no-privileged';
import noSecretsInEnv from './no-secrets-in-env';
import noSensitiveHostpath from './no-sensitive-hostpath';
import noStaticAwsCredentials from './no-static-aws-credentials';
import pdbBlocksDrain from './pdb-blocks-drain';
import pdbMissing from './pdb-missing';
import prestopSleep from './prestop-sleep';
import rbacWildcards from './rbac-wildcards';
import readOnlyRootFs from './read-only-root-fs';
import readinessProbe from './readiness-probe';
import replicasMin from './replicas-min';
import resourceRequests from './resource-requests';
import runAsNonRoot from './run-as-non-root';
import schema from './schema';
import seccompProfile from './seccomp-profile';
import serviceSelectsNothing from './service-selects-nothing';
import stsRegionalEndpoints from './sts-regional-endpoints';
import terminationGrace from './termination-grace';
import topologySpread from './topology-spread';
import webhookFailOpen from './webhook-fail-open';
import webhookTimeout from './webhook-timeout';
import windowsNodeSelector from './windows-node-selector';

export { docsUrl } from './docs';

export const allRules: readonly Rule[] = [
  replicasMin,
  noBarePods,
  topologySpread,
  pdbMissing,
  pdbBlocksDrain,
  readinessProbe,
  livenessEqualsReadiness,
  prestopSleep,
  terminationGrace,
  resourceRequests,
  memoryLimit,
  hpaNeedsRequests,
  hpaMinReplicas,
  imagePullPolicy,
  ephemeralStorageRequest,
  hostPort,
  serviceSelectsNothing,
  ingressBackendMissing,
  noPrivileged,
  noPrivilegeEscalation,
  noHostNamespaces,
  noSensitiveHostpath,
  runAsNonRoot,
  readOnlyRootFs,
  dropCapabilities,
  seccompProfile,
  noDefaultServiceAccount,
  automountToken,
  noSecretsInEnv,
  noStaticAwsCredentials,
  noClusterAdminBinding,
  rbacWildcards,
  networkPolicy,
  noDefaultNamespace,
  imageTagPinned,
  imageRegistryAllowed,
  stsRegionalEndpoints,
  fargateCompat,
  fargateSizing,
  windowsNodeSelector,
  linuxNodeSelector,
  webhookTimeout,
  webhookFailOpen,
  lbControllerAnnotations,
  fargateLoggingConfig,
  deprecatedApi,
  schema,
];
