import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EKSClient } from '@aws-sdk/client-eks';
import { describeEksCluster, listEksClusterNames } from '../../../src/aws/eks';
import { FakeSdkClient, paged } from './fake-sdk';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBdummy\n-----END CERTIFICATE-----\n';

describe('listEksClusterNames', () => {
  const names = Array.from({ length: 250 }, (_, i) => `c-${String(i).padStart(3, '0')}`);

  it('asks for pages of 100 and passes the token on; names only, no describes', async () => {
    const eks = new FakeSdkClient({ ListClusters: (input) => paged(names, input, 'clusters') });
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const page = await listEksClusterNames(eks.as<EKSClient>(), next);
      seen.push(...page.items);
      next = page.next;
      pages++;
    } while (next);
    assert.equal(pages, 3);
    assert.deepEqual(seen, names);
    assert.deepEqual(eks.of('ListClusters').map((i) => [i.maxResults, i.nextToken]), [[100, undefined], [100, '100'], [100, '200']]);
    assert.deepEqual(eks.calls.map((c) => c.op), ['ListClusters', 'ListClusters', 'ListClusters']);
  });

  it('an empty Region is an empty last page', async () => {
    const eks = new FakeSdkClient({ ListClusters: () => ({ clusters: [], nextToken: '' }) });
    assert.deepEqual(await listEksClusterNames(eks.as<EKSClient>()), { items: [], next: undefined });
  });

  it('an aborted signal sends nothing', async () => {
    const eks = new FakeSdkClient({ ListClusters: (input) => paged(names, input, 'clusters') });
    await assert.rejects(listEksClusterNames(eks.as<EKSClient>(), undefined, AbortSignal.abort()), (e: Error) => e.name === 'AbortError');
    assert.equal(eks.calls.length, 0);
  });
});

describe('describeEksCluster', () => {
  it('maps DescribeCluster to plain data: CA as PEM, access config, upgrade policy, health, logging, KMS', async () => {
    const eks = new FakeSdkClient({
      DescribeCluster: (input) => ({
        cluster: {
          name: input.name,
          arn: `arn:aws:eks:eu-west-1:123456789012:cluster/${input.name}`,
          status: 'ACTIVE',
          version: '1.31',
          platformVersion: 'eks.20',
          endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
          certificateAuthority: { data: Buffer.from(PEM).toString('base64') },
          resourcesVpcConfig: { endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['0.0.0.0/0'] },
          accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP', bootstrapClusterCreatorAdminPermissions: true },
          upgradePolicy: { supportType: 'EXTENDED' },
          health: { issues: [{ code: 'Ec2SubnetNotFound', message: 'subnet-1 was deleted', resourceIds: ['subnet-1'] }] },
          createdAt: new Date('2024-10-01T08:00:00Z'),
          tags: { team: 'data' },
          logging: { clusterLogging: [{ types: ['api', 'audit'], enabled: true }, { types: ['scheduler'], enabled: false }] },
          encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k1' } }],
        },
      }),
    });
    const c = await describeEksCluster(eks.as<EKSClient>(), 'eu-west-1', 'data');
    assert.deepEqual(eks.of('DescribeCluster'), [{ name: 'data' }]);
    assert.deepEqual(c, {
      name: 'data',
      arn: 'arn:aws:eks:eu-west-1:123456789012:cluster/data',
      region: 'eu-west-1',
      status: 'ACTIVE',
      version: '1.31',
      platformVersion: 'eks.20',
      endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
      caPem: PEM,
      endpointPublicAccess: true,
      endpointPrivateAccess: false,
      publicAccessCidrs: ['0.0.0.0/0'],
      authenticationMode: 'API_AND_CONFIG_MAP',
      supportType: 'EXTENDED',
      healthIssues: [{ code: 'Ec2SubnetNotFound', message: 'subnet-1 was deleted', resourceIds: ['subnet-1'] }],
      createdAt: '2024-10-01T08:00:00.000Z',
      tags: { team: 'data' },
      loggingEnabled: ['api', 'audit'],
      secretsKmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k1',
    });
  });

  it('a bare cluster (what moto returns) maps without inventing fields', async () => {
    const eks = new FakeSdkClient({ DescribeCluster: () => ({ cluster: { name: 'x', arn: 'arn:x', status: 'CREATING', version: '1.33' } }) });
    const c = await describeEksCluster(eks.as<EKSClient>(), 'us-east-1', 'x');
    assert.equal(c.caPem, undefined);
    assert.equal(c.authenticationMode, undefined);
    assert.equal(c.supportType, undefined);
    assert.deepEqual(c.healthIssues, []);
    assert.deepEqual(c.loggingEnabled, []);
  });
});
