// The rule registry, in catalog order. Each rule lives in its own file named by its id.
import type { Rule } from '../rule';
import automountToken from './automount-token';
import dropCapabilities from './drop-capabilities';
import hpaMinReplicas from './hpa-min-replicas';
import hpaNeedsRequests from './hpa-needs-requests';
import imagePullPolicy from './image-pull-policy';
import imageRegistryAllowed from './image-registry-allowed';
import imageTagPinned from './image-tag-pinned';
import livenessEqualsReadiness from './liveness-equals-readiness';
import memoryLimit from './memory-limit';
import noBarePods from './no-bare-pods';
import noClusterAdminBinding from './no-cluster-admin-binding';
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
import seccompProfile from './seccomp-profile';
import terminationGrace from './termination-grace';
import topologySpread from './topology-spread';

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
  imageTagPinned,
  imageRegistryAllowed,
];
