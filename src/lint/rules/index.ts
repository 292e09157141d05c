// The rule registry, in catalog order. Each rule lives in its own file named by its id.
import type { Rule } from '../rule';
import automountToken from './automount-token';
import dropCapabilities from './drop-capabilities';
import imageRegistryAllowed from './image-registry-allowed';
import imageTagPinned from './image-tag-pinned';
import noClusterAdminBinding from './no-cluster-admin-binding';
import noDefaultServiceAccount from './no-default-service-account';
import noHostNamespaces from './no-host-namespaces';
import noPrivilegeEscalation from './no-privilege-escalation';
import noPrivileged from './no-privileged';
import noSecretsInEnv from './no-secrets-in-env';
import noSensitiveHostpath from './no-sensitive-hostpath';
import noStaticAwsCredentials from './no-static-aws-credentials';
import rbacWildcards from './rbac-wildcards';
import readOnlyRootFs from './read-only-root-fs';
import replicasMin from './replicas-min';
import runAsNonRoot from './run-as-non-root';
import seccompProfile from './seccomp-profile';

export { docsUrl } from './docs';

export const allRules: readonly Rule[] = [
  replicasMin,
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
