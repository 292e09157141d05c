// Every EKS operation's HTTP binding, as the SDK's own schema declares it (generated once from
// @aws-sdk/client-eks dist-cjs), so a call is named for the stats and routed whether it is served here or by moto.
const TABLE = `
  POST /clusters/{clusterName}/certificate-authorities/{certificateAuthorityId}/activate ActivateCertificateAuthority
  POST /clusters/{clusterName}/access-entries/{principalArn}/access-policies AssociateAccessPolicy
  POST /clusters/{clusterName}/encryption-config/associate AssociateEncryptionConfig
  POST /clusters/{clusterName}/identity-provider-configs/associate AssociateIdentityProviderConfig
  POST /clusters/{name}/updates/{updateId}/cancel-update CancelUpdate
  POST /clusters/{clusterName}/access-entries CreateAccessEntry
  POST /clusters/{clusterName}/addons CreateAddon
  POST /clusters/{clusterName}/capabilities CreateCapability
  POST /clusters/{clusterName}/certificate-authorities CreateCertificateAuthority
  POST /clusters CreateCluster
  POST /eks-anywhere-subscriptions CreateEksAnywhereSubscription
  POST /clusters/{clusterName}/fargate-profiles CreateFargateProfile
  POST /clusters/{clusterName}/node-groups CreateNodegroup
  POST /clusters/{clusterName}/pod-identity-associations CreatePodIdentityAssociation
  DELETE /clusters/{clusterName}/access-entries/{principalArn} DeleteAccessEntry
  DELETE /clusters/{clusterName}/addons/{addonName} DeleteAddon
  DELETE /clusters/{clusterName}/capabilities/{capabilityName} DeleteCapability
  DELETE /clusters/{clusterName}/certificate-authorities/{certificateAuthorityId} DeleteCertificateAuthority
  DELETE /clusters/{name} DeleteCluster
  DELETE /eks-anywhere-subscriptions/{id} DeleteEksAnywhereSubscription
  DELETE /clusters/{clusterName}/fargate-profiles/{fargateProfileName} DeleteFargateProfile
  DELETE /clusters/{clusterName}/node-groups/{nodegroupName} DeleteNodegroup
  DELETE /clusters/{clusterName}/pod-identity-associations/{associationId} DeletePodIdentityAssociation
  DELETE /cluster-registrations/{name} DeregisterCluster
  GET /clusters/{clusterName}/access-entries/{principalArn} DescribeAccessEntry
  GET /clusters/{clusterName}/addons/{addonName} DescribeAddon
  GET /addons/configuration-schemas DescribeAddonConfiguration
  GET /addons/supported-versions DescribeAddonVersions
  GET /clusters/{clusterName}/capabilities/{capabilityName} DescribeCapability
  GET /clusters/{clusterName}/certificate-authorities/{certificateAuthorityId} DescribeCertificateAuthority
  GET /clusters/{name} DescribeCluster
  GET /cluster-versions DescribeClusterVersions
  GET /eks-anywhere-subscriptions/{id} DescribeEksAnywhereSubscription
  GET /clusters/{clusterName}/fargate-profiles/{fargateProfileName} DescribeFargateProfile
  POST /clusters/{clusterName}/identity-provider-configs/describe DescribeIdentityProviderConfig
  GET /clusters/{clusterName}/insights/{id} DescribeInsight
  GET /clusters/{clusterName}/insights-refresh DescribeInsightsRefresh
  GET /clusters/{clusterName}/node-groups/{nodegroupName} DescribeNodegroup
  GET /clusters/{clusterName}/pod-identity-associations/{associationId} DescribePodIdentityAssociation
  GET /clusters/{name}/updates/{updateId} DescribeUpdate
  DELETE /clusters/{clusterName}/access-entries/{principalArn}/access-policies/{policyArn} DisassociateAccessPolicy
  POST /clusters/{clusterName}/identity-provider-configs/disassociate DisassociateIdentityProviderConfig
  GET /clusters/{clusterName}/access-entries ListAccessEntries
  GET /access-policies ListAccessPolicies
  GET /clusters/{clusterName}/addons ListAddons
  GET /clusters/{clusterName}/access-entries/{principalArn}/access-policies ListAssociatedAccessPolicies
  GET /clusters/{clusterName}/capabilities ListCapabilities
  GET /clusters/{clusterName}/certificate-authorities ListCertificateAuthorities
  GET /clusters ListClusters
  GET /eks-anywhere-subscriptions ListEksAnywhereSubscriptions
  GET /clusters/{clusterName}/fargate-profiles ListFargateProfiles
  GET /clusters/{clusterName}/identity-provider-configs ListIdentityProviderConfigs
  POST /clusters/{clusterName}/insights ListInsights
  GET /clusters/{clusterName}/node-groups ListNodegroups
  GET /clusters/{clusterName}/pod-identity-associations ListPodIdentityAssociations
  GET /tags/{resourceArn} ListTagsForResource
  GET /clusters/{name}/updates ListUpdates
  POST /cluster-registrations RegisterCluster
  POST /clusters/{clusterName}/insights-refresh StartInsightsRefresh
  POST /tags/{resourceArn} TagResource
  DELETE /tags/{resourceArn} UntagResource
  POST /clusters/{clusterName}/access-entries/{principalArn} UpdateAccessEntry
  POST /clusters/{clusterName}/addons/{addonName}/update UpdateAddon
  POST /clusters/{clusterName}/capabilities/{capabilityName} UpdateCapability
  POST /clusters/{name}/update-config UpdateClusterConfig
  POST /clusters/{name}/updates UpdateClusterVersion
  POST /eks-anywhere-subscriptions/{id} UpdateEksAnywhereSubscription
  POST /clusters/{clusterName}/node-groups/{nodegroupName}/update-config UpdateNodegroupConfig
  POST /clusters/{clusterName}/node-groups/{nodegroupName}/update-version UpdateNodegroupVersion
  POST /clusters/{clusterName}/pod-identity-associations/{associationId} UpdatePodIdentityAssociation
`;

export interface EksRoute {
  method: string;
  op: string;
  re: RegExp;
  names: string[];
}

export const EKS_ROUTES: EksRoute[] = TABLE.trim().split("\n").map((line) => {
  const [method, path, op] = line.trim().split(" ");
  const names: string[] = [];
  const re = new RegExp(`^${path.replace(/\{(\w+)\}/g, (_, n: string) => { names.push(n); return "([^/]+)"; })}$`);
  return { method, op, re, names };
});

/** The operation a request is, and its path parameters (decoded). */
export function matchEks(method: string, path: string): { op: string; params: Record<string, string> } | undefined {
  for (const r of EKS_ROUTES) {
    if (r.method !== method) continue;
    const m = r.re.exec(path);
    if (m) return { op: r.op, params: Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return undefined;
}
