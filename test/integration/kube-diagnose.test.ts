// The 403 diagnosis end to end: the viewer's EKS token is accepted by the real API server, RBAC refuses it Secrets,
// and the diagnosis is built from what Wharf reads as the viewer: STS GetCallerIdentity and EKS DescribeCluster,
// ListAccessEntries and ListAssociatedAccessPolicies (from the local AWS: moto behind the stand-in, whose access
// entries mirror the API server's RBAC, as EKS derives one from the other).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { before, describe, it } from 'node:test';
import { EKSClient } from '@aws-sdk/client-eks';
import { STSClient } from '@aws-sdk/client-sts';
import { listAccessEntries } from '../../src/aws/eks-children';
import { describeEksCluster } from '../../src/aws/eks-clusters';
import { getEksToken } from '../../src/aws/eks-token';
import { getCallerIdentity } from '../../src/aws/identity';
import { KubeClient } from '../../src/kube/client';
import { diagnoseAuth } from '../../src/kube/diagnose';
import { KubeError } from '../../src/kube/errors';
import { RESOURCES } from '../../src/kube/resources';
import { requireEnv } from '../env/env';
import { PRINCIPALS, VIEWERS_GROUP } from '../env/kube';
import { seedAws } from '../env/seed-aws';
import { caFile, cluster, server } from './kube-helpers';

const REGION = 'us-east-1';
const POLICY = 'arn:aws:eks::aws:cluster-access-policy/';
const viewerKeys = { accessKeyId: PRINCIPALS.viewer.accessKeyId, secretAccessKey: PRINCIPALS.viewer.secretAccessKey };
const aws = () => ({ region: REGION, endpoint: requireEnv('AWS_ENDPOINT_URL'), credentials: viewerKeys });

describe('401/403 diagnosis against the local AWS and API server', () => {
  before(async () => {
    // The EKS side of the local cluster: same name, access entries that say what the API server's RBAC says.
    await seedAws(requireEnv('AWS_ENDPOINT_URL'), {
      ecs: [],
      eks: [{
        name: cluster(), region: REGION, version: '1.33', authenticationMode: 'API_AND_CONFIG_MAP', supportType: 'STANDARD',
        nodegroups: [], fargateProfiles: [], addons: [], podIdentity: [], healthIssues: [],
        accessEntries: [
          { principalArn: PRINCIPALS.admin.arn, policies: [{ policyArn: `${POLICY}AmazonEKSClusterAdminPolicy`, scope: { type: 'cluster' } }] },
          { principalArn: PRINCIPALS.viewer.arn, kubernetesGroups: [VIEWERS_GROUP], policies: [{ policyArn: `${POLICY}AmazonEKSViewPolicy`, scope: { type: 'cluster' } }] },
        ],
      }],
    });
  });

  it("the viewer's 403 on Secrets names the viewer, what is missing, and the exact fix", async () => {
    const tokens = { token: async () => (await getEksToken({ clusterName: cluster(), region: REGION, credentials: viewerKeys })).token, renew: async () => (await getEksToken({ clusterName: cluster(), region: REGION, credentials: viewerKeys })).token };
    const kube = new KubeClient(cluster(), { server: server(), caPem: fs.readFileSync(caFile(), 'utf8') }, tokens);
    const refused = await kube.list(RESOURCES.secrets, { namespace: 'default' }).then(() => undefined, (e: unknown) => e);
    kube.dispose();
    assert.ok(refused instanceof KubeError && refused.failure.kind === 'forbidden', `expected a 403, got ${String(refused)}`);

    const eks = new EKSClient(aws());
    const [caller, described, entries] = await Promise.all([
      getCallerIdentity(new STSClient(aws())),
      describeEksCluster(eks, REGION, cluster()),
      listAccessEntries(eks, cluster()).catch((e: Error) => ({ error: e.message })),
    ]);
    assert.equal(caller.arn, PRINCIPALS.viewer.arn);
    const d = diagnoseAuth({ failure: refused.failure, cluster: { name: cluster(), region: REGION, arn: described.arn, authenticationMode: described.authenticationMode }, caller, accessEntries: entries });
    const text = d.lines.join('\n');
    assert.match(d.title, /not allowed to list secrets in namespace default/);
    assert.match(text, new RegExp(`${PRINCIPALS.viewer.arn} may not list secrets in namespace default`));
    assert.match(text, /authentication mode: API_AND_CONFIG_MAP/);
    assert.match(text, /An access entry exists for arn:aws:iam::123456789012:user\/wharf-viewer: access policies: AmazonEKSViewPolicy \(cluster-wide\); Kubernetes groups wharf:viewers/);
    assert.match(text, /AmazonEKSViewPolicy does not include Secrets/);
    assert.deepEqual(d.commands, [
      `aws eks associate-access-policy --cluster-name ${cluster()} --region ${REGION} --principal-arn ${PRINCIPALS.viewer.arn} --policy-arn ${POLICY}AmazonEKSAdminViewPolicy --access-scope type=cluster`,
    ]);
  });
});
