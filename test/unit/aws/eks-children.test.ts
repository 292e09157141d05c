import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EKSClient } from '@aws-sdk/client-eks';
import {
  compareAddonVersions, EKS_DESCRIBE_CONCURRENCY, listAccessEntries, listAddons, listFargateProfiles, listNodegroups, listPodIdentityAssociations,
} from '../../../src/aws/eks';
import { FakeSdkClient, paged, serviceError } from './fake-sdk';

const range = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);

describe('listNodegroups', () => {
  it('pages ListNodegroups, describes each with at most 8 in flight, and maps scaling, health and taints', async () => {
    const names = range(130, 'ng-');
    const eks = new FakeSdkClient({
      ListNodegroups: (input) => paged(names, input, 'nodegroups'),
      DescribeNodegroup: (input) => ({
        nodegroup: {
          nodegroupName: input.nodegroupName, nodegroupArn: `arn:ng/${input.nodegroupName}`, status: 'ACTIVE', version: '1.31', releaseVersion: '1.31.0-20241109',
          amiType: 'AL2023_x86_64_STANDARD', capacityType: 'SPOT', instanceTypes: ['m6i.large'], scalingConfig: { minSize: 1, maxSize: 6, desiredSize: 2 },
          health: { issues: [{ code: 'AsgInstanceLaunchFailures', message: 'no capacity' }] }, labels: { workload: 'x' }, taints: [{ key: 'spot', value: 'true', effect: 'NO_SCHEDULE' }],
        },
      }),
    }, 2);
    const groups = await listNodegroups(eks.as<EKSClient>(), 'prod');
    assert.deepEqual(eks.of('ListNodegroups').map((i) => [i.clusterName, i.maxResults, i.nextToken]), [['prod', 100, undefined], ['prod', 100, '100']]);
    assert.equal(eks.of('DescribeNodegroup').length, 130);
    assert.equal(eks.maxInFlight, EKS_DESCRIBE_CONCURRENCY);
    assert.deepEqual(groups.map((g) => g.name), names);
    assert.deepEqual(groups[0], {
      name: 'ng-0', arn: 'arn:ng/ng-0', status: 'ACTIVE', version: '1.31', releaseVersion: '1.31.0-20241109', amiType: 'AL2023_x86_64_STANDARD', capacityType: 'SPOT',
      instanceTypes: ['m6i.large'], scaling: { min: 1, max: 6, desired: 2 }, healthIssues: [{ code: 'AsgInstanceLaunchFailures', message: 'no capacity', resourceIds: undefined }],
      labels: { workload: 'x' }, taints: [{ key: 'spot', value: 'true', effect: 'NO_SCHEDULE' }],
    });
  });

  it('an abort mid-way stops further describes', async () => {
    const ac = new AbortController();
    let described = 0;
    let sentAtAbort = 0;
    const eks = new FakeSdkClient({
      ListNodegroups: (input) => paged(range(40, 'ng-'), input, 'nodegroups'),
      DescribeNodegroup: (input) => {
        if (++described === 3) {
          ac.abort();
          sentAtAbort = eks.of('DescribeNodegroup').length;
        }
        return { nodegroup: { nodegroupName: input.nodegroupName } };
      },
    }, 5);
    await assert.rejects(listNodegroups(eks.as<EKSClient>(), 'prod', ac.signal), (e: Error) => e.name === 'AbortError');
    await new Promise((r) => setTimeout(r, 50));
    // Those in flight when the abort came were sent; none was sent after it (of 40).
    assert.ok(sentAtAbort >= 3 && sentAtAbort <= EKS_DESCRIBE_CONCURRENCY + 2, `${sentAtAbort} sent before the abort`);
    assert.equal(eks.of('DescribeNodegroup').length, sentAtAbort);
  });
});

describe('listFargateProfiles', () => {
  it('maps selectors (labels only when present) and subnets', async () => {
    const eks = new FakeSdkClient({
      ListFargateProfiles: () => ({ fargateProfileNames: ['system'] }),
      DescribeFargateProfile: () => ({
        fargateProfile: {
          fargateProfileName: 'system', status: 'ACTIVE', podExecutionRoleArn: 'arn:role/fp', subnets: ['s-1'],
          selectors: [{ namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, { namespace: 'etl', labels: {} }],
        },
      }),
    });
    assert.deepEqual(await listFargateProfiles(eks.as<EKSClient>(), 'c'), [{
      name: 'system', arn: undefined, status: 'ACTIVE', podExecutionRoleArn: 'arn:role/fp', subnets: ['s-1'],
      selectors: [{ namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, { namespace: 'etl', labels: undefined }],
    }]);
  });
});

describe('compareAddonVersions', () => {
  const ordered = ['v1.9.0-eksbuild.1', 'v1.10.0', 'v1.10.0-eksbuild.1', 'v1.10.0-eksbuild.2', 'v1.10.0-eksbuild.10', 'v1.10.1-eksbuild.1', 'v1.19.2-eksbuild.1', 'v2.0.0-eksbuild.1'];
  it('orders numerically, build suffixes included', () => {
    const shuffled = [...ordered].reverse().sort(() => 0).sort(compareAddonVersions);
    assert.deepEqual(shuffled, ordered);
    assert.equal(compareAddonVersions('v1.19.2-eksbuild.1', '1.19.2-eksbuild.1'), 0);
  });
});

describe('listAddons', () => {
  const catalogue: Record<string, string[]> = {
    'vpc-cni': ['v1.19.2-eksbuild.1', 'v1.19.2-eksbuild.5', 'v1.18.6-eksbuild.1'],
    coredns: ['v1.11.3-eksbuild.1'],
  };

  it('finds the newest version compatible with the cluster\'s Kubernetes version', async () => {
    const eks = new FakeSdkClient({
      ListAddons: () => ({ addons: ['vpc-cni', 'coredns'] }),
      DescribeAddon: (input) => ({
        addon: {
          addonName: input.addonName, addonVersion: input.addonName === 'vpc-cni' ? 'v1.19.2-eksbuild.1' : 'v1.11.3-eksbuild.1', status: 'ACTIVE',
          serviceAccountRoleArn: input.addonName === 'vpc-cni' ? 'arn:role/cni' : undefined, health: { issues: [] },
        },
      }),
      DescribeAddonVersions: (input) => ({
        addons: [{
          addonName: input.addonName,
          addonVersions: [
            ...catalogue[input.addonName as string].map((v) => ({ addonVersion: v, compatibilities: [{ clusterVersion: input.kubernetesVersion }] })),
            // Listed but not for this Kubernetes version: never offered.
            { addonVersion: 'v9.9.9-eksbuild.1', compatibilities: [{ clusterVersion: '1.99' }] },
          ],
        }],
      }),
    });
    const addons = await listAddons(eks.as<EKSClient>(), 'prod', '1.31');
    assert.deepEqual(eks.of('DescribeAddonVersions').map((i) => [i.addonName, i.kubernetesVersion]), [['vpc-cni', '1.31'], ['coredns', '1.31']]);
    assert.deepEqual(addons, [
      { name: 'vpc-cni', version: 'v1.19.2-eksbuild.1', status: 'ACTIVE', newerVersion: 'v1.19.2-eksbuild.5', serviceAccountRoleArn: 'arn:role/cni', healthIssues: [] },
      { name: 'coredns', version: 'v1.11.3-eksbuild.1', status: 'ACTIVE', newerVersion: undefined, serviceAccountRoleArn: undefined, healthIssues: [] },
    ]);
  });

  it('a denied DescribeAddonVersions leaves newerVersion unset, and is not asked again once denied', async () => {
    const names = range(20, 'addon-');
    const eks = new FakeSdkClient({
      ListAddons: () => ({ addons: names }),
      DescribeAddon: (input) => ({ addon: { addonName: input.addonName, addonVersion: 'v1.0.0' } }),
      DescribeAddonVersions: () => { throw serviceError('AccessDeniedException', 403); },
    }, 2);
    const addons = await listAddons(eks.as<EKSClient>(), 'prod', '1.31');
    assert.deepEqual(addons.map((a) => [a.name, a.version, a.newerVersion]), names.map((n) => [n, 'v1.0.0', undefined]));
    // Only the first wave (in flight together) asked.
    assert.equal(eks.of('DescribeAddonVersions').length, EKS_DESCRIBE_CONCURRENCY);
  });
});

describe('listAccessEntries', () => {
  const principals = ['arn:aws:iam::1:role/admin', 'arn:aws:iam::1:role/viewer'];
  const describe_ = (input: Record<string, unknown>) => ({
    accessEntry: { principalArn: input.principalArn, type: 'STANDARD', username: (input.principalArn as string).split('/')[1], kubernetesGroups: input.principalArn === principals[1] ? ['viewers'] : [] },
  });

  it('gives each entry its groups and associated policies with their scopes', async () => {
    const eks = new FakeSdkClient({
      ListAccessEntries: (input) => paged(principals, input, 'accessEntries'),
      DescribeAccessEntry: describe_,
      ListAssociatedAccessPolicies: (input) => ({
        associatedAccessPolicies: input.principalArn === principals[0]
          ? [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }]
          : [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', accessScope: { type: 'namespace', namespaces: ['shop'] } }],
      }),
    });
    const entries = await listAccessEntries(eks.as<EKSClient>(), 'prod');
    assert.deepEqual(entries, [
      { principalArn: principals[0], type: 'STANDARD', username: 'admin', kubernetesGroups: [], policies: [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }] },
      { principalArn: principals[1], type: 'STANDARD', username: 'viewer', kubernetesGroups: ['viewers'], policies: [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', accessScope: { type: 'namespace', namespaces: ['shop'] } }] },
    ]);
    assert.deepEqual(eks.of('ListAccessEntries'), [{ clusterName: 'prod', maxResults: 100, nextToken: undefined }]);
  });

  it('a denied ListAssociatedAccessPolicies leaves policies undefined instead of failing the list', async () => {
    const eks = new FakeSdkClient({
      ListAccessEntries: (input) => paged(principals, input, 'accessEntries'),
      DescribeAccessEntry: describe_,
      ListAssociatedAccessPolicies: () => { throw serviceError('AccessDeniedException', 403, 'not authorized to perform: eks:ListAssociatedAccessPolicies'); },
    });
    const entries = await listAccessEntries(eks.as<EKSClient>(), 'prod');
    assert.deepEqual(entries.map((e) => [e.principalArn, e.kubernetesGroups, e.policies]), [[principals[0], [], undefined], [principals[1], ['viewers'], undefined]]);
  });

  it('a denied ListAccessEntries is the caller\'s to show', async () => {
    const eks = new FakeSdkClient({ ListAccessEntries: () => { throw serviceError('AccessDeniedException', 403); } });
    await assert.rejects(listAccessEntries(eks.as<EKSClient>(), 'prod'), { name: 'AccessDeniedException' });
  });
});

describe('listPodIdentityAssociations', () => {
  it('lists every page and reads each role from DescribePodIdentityAssociation', async () => {
    const assocs = Array.from({ length: 120 }, (_, i) => ({ associationId: `a-${i}`, namespace: 'shop', serviceAccount: `sa-${i}` }));
    const eks = new FakeSdkClient({
      ListPodIdentityAssociations: (input) => paged(assocs, input, 'associations'),
      DescribePodIdentityAssociation: (input) => ({ association: { ...assocs.find((a) => a.associationId === input.associationId), roleArn: `arn:role/${input.associationId}` } }),
    }, 1);
    const out = await listPodIdentityAssociations(eks.as<EKSClient>(), 'prod');
    assert.equal(out.length, 120);
    assert.deepEqual(out[119], { associationId: 'a-119', namespace: 'shop', serviceAccount: 'sa-119', roleArn: 'arn:role/a-119' });
    assert.deepEqual(eks.of('ListPodIdentityAssociations').map((i) => i.nextToken), [undefined, '100']);
    assert.ok(eks.maxInFlight <= EKS_DESCRIBE_CONCURRENCY);
  });
});
