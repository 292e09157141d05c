// Cluster-level checks from the Amazon EKS Best Practices Guide that only the APIs can answer (DescribeCluster,
// node groups, add-ons, the live CoreDNS Deployment). Same meta shape as the lint rules, but their documentation is
// the guide itself, not the README's rule reference. Admission webhooks' live timeouts and failure policies are the
// lint rules webhook-timeout and webhook-fail-open, run over the live webhook configurations.
import type { RuleMeta } from '../lint/types';

export interface ClusterRule extends RuleMeta {
  docs: string;
}

const GUIDE = 'https://docs.aws.amazon.com/eks/latest/best-practices';

const rule = (id: string, category: RuleMeta['category'], defaultSeverity: RuleMeta['defaultSeverity'], description: string, rationale: string, page: string): ClusterRule => ({
  id, category, defaultSeverity, description, rationale, fixable: 'none', docs: `${GUIDE}/${page}`,
});

export const CLUSTER_RULES: readonly ClusterRule[] = [
  rule('eks-control-plane-logging', 'security', 'warning', 'Control-plane logging is off for the api, audit or authenticator log.',
    'The audit and authenticator logs are the record of who did what to the cluster; without them an incident cannot be reconstructed (EKS Best Practices Guide, Auditing and logging).', 'auditing-and-logging.html'),
  rule('eks-secrets-encryption', 'security', 'warning', 'Kubernetes Secrets are not envelope-encrypted with a KMS key.',
    'Envelope encryption with your own KMS key adds a layer over etcd encryption and lets you audit and revoke access to Secrets (EKS Best Practices Guide, Data encryption and secrets management).', 'data-encryption-and-secrets-management.html'),
  rule('eks-public-endpoint', 'security', 'warning', 'The API server endpoint is public and open to 0.0.0.0/0.',
    'An endpoint reachable from the whole internet is exposed to credential stuffing and to every future API server vulnerability; make it private, or restrict publicAccessCidrs (EKS Best Practices Guide, Identity and access management).', 'identity-and-access-management.html'),
  rule('eks-authentication-mode', 'security', 'warning', 'The cluster authenticates IAM principals through the aws-auth ConfigMap.',
    'Access entries (authentication mode API) are managed through the EKS API with IAM permissions and audit; the aws-auth ConfigMap is easy to break and locks everyone out when it is (EKS Best Practices Guide, Identity and access management).', 'identity-and-access-management.html'),
  rule('coredns-replicas', 'reliability', 'warning', 'CoreDNS runs fewer than 2 replicas.',
    'Every pod resolves names through CoreDNS: one replica is an outage of the whole cluster\'s DNS on a node drain (EKS Best Practices Guide, Cluster services).', 'scale-cluster-services.html'),
  rule('coredns-spread', 'reliability', 'warning', 'CoreDNS replicas are not spread across zones or nodes.',
    'Replicas packed on one node or in one Availability Zone fail together; spread them with topologySpreadConstraints or pod anti-affinity (EKS Best Practices Guide, Cluster services).', 'scale-cluster-services.html'),
  rule('nodegroup-version-skew', 'reliability', 'warning', 'A managed node group runs an older Kubernetes version than the control plane.',
    'Nodes behind the control plane miss fixes and block the next control-plane upgrade once the skew is at the limit Kubernetes supports (EKS Best Practices Guide, Cluster upgrades).', 'cluster-upgrades.html'),
  rule('nodegroup-ami-age', 'security', 'info', 'A managed node group\'s AMI release is more than 90 days old.',
    'AMI releases carry kernel and container runtime security fixes; update node groups regularly (EKS Best Practices Guide, Protecting the infrastructure).', 'protecting-the-infrastructure.html'),
  rule('addon-outdated', 'reliability', 'info', 'An EKS add-on has a newer version for the cluster\'s Kubernetes version.',
    'Add-ons (VPC CNI, CoreDNS, kube-proxy) get fixes between releases and must be within the supported range before a control-plane upgrade (EKS Best Practices Guide, Cluster upgrades).', 'cluster-upgrades.html'),
];

export const CLUSTER_RULE_IDS = new Set(CLUSTER_RULES.map((r) => r.id));

export function clusterRule(id: string): ClusterRule | undefined {
  return CLUSTER_RULES.find((r) => r.id === id);
}
