// What a node's name and ARN are, the `wharf:` document URIs, and which task definition a node opens.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EcsService, EcsTask, EksCluster } from '../../../src/aws/model';
import { decodeDocQuery, docPath, encodeDocQuery, refOf, type DocRequest } from '../../../src/commands/explorer/doc-uri';
import { arnNeedsAccount, arnOf, nameOf } from '../../../src/commands/explorer/target-info';
import { targetOf } from '../../../src/commands/explorer/targets';
import { RESOURCES } from '../../../src/kube/resources';
import type { NodeTarget } from '../../../src/views/target';

const clusterArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/payments';
const task: EcsTask = { arn: `arn:aws:ecs:us-east-1:123456789012:task/payments/5a1b`, id: '5a1b', clusterArn, execEnabled: true, taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:7', containers: [{ name: 'app' }] };
const service = { name: 'api', arn: 'arn:aws:ecs:us-east-1:123456789012:service/payments/api', clusterArn, deployments: [], taskSets: [] } as unknown as EcsService;

describe('names and ARNs of nodes', () => {
  it('ECS nodes carry their ARNs; containers have a name only', () => {
    const scope = { region: 'us-east-1', profile: 'wharf-admin' };
    assert.equal(arnOf({ type: 'ecsTask', ...scope, clusterArn, task }), task.arn);
    assert.equal(arnOf({ type: 'ecsService', ...scope, clusterArn, service }), service.arn);
    assert.equal(nameOf({ type: 'ecsTask', ...scope, clusterArn, task }), '5a1b');
    assert.equal(nameOf({ type: 'ecsContainer', ...scope, clusterArn, task, container: { name: 'app' } }), 'app');
    assert.equal(arnOf({ type: 'ecsContainer', ...scope, clusterArn, task, container: { name: 'app' } }), undefined);
  });

  it('an EKS cluster not yet described gets its ARN from the account, in the Region\'s partition', () => {
    const t: NodeTarget = { type: 'eksCluster', region: 'cn-north-1', clusterName: 'c1' };
    assert.equal(arnNeedsAccount(t), true);
    assert.equal(arnOf(t, '123456789012'), 'arn:aws-cn:eks:cn-north-1:123456789012:cluster/c1');
    const described: NodeTarget = { ...t, cluster: { arn: 'arn:aws-cn:eks:cn-north-1:1:cluster/c1' } as EksCluster };
    assert.equal(arnNeedsAccount(described), false);
    assert.equal(arnOf(described), 'arn:aws-cn:eks:cn-north-1:1:cluster/c1');
  });

  it('a node group row (its target is the cluster\'s) names the node group', () => {
    const t = { type: 'eksCluster', region: 'us-east-1', clusterName: 'shop-prod', nodegroup: { name: 'spot', arn: 'arn:aws:eks:us-east-1:1:nodegroup/shop-prod/spot/x' } } as NodeTarget;
    assert.equal(nameOf(t), 'spot');
    assert.equal(arnOf(t), 'arn:aws:eks:us-east-1:1:nodegroup/shop-prod/spot/x');
  });

  it('reads the target of a tree element, or a target itself', () => {
    const t: NodeTarget = { type: 'region', region: 'eu-west-1' };
    assert.equal(targetOf({ id: 'x', target: t }), t);
    assert.equal(targetOf(t), t);
    assert.equal(targetOf({ target: { type: 'nope' } }), undefined);
    assert.equal(targetOf(undefined), undefined);
  });
});

describe('wharf: document URIs', () => {
  const ref = { region: 'us-east-1', profile: 'wharf-viewer', clusterName: 'shop-prod' };

  it('paths name the object and pick the language by extension', () => {
    assert.equal(docPath({ doc: 'yaml', ref, resource: RESOURCES.pods, namespace: 'shop', name: 'storefront-7d9f' }), '/shop-prod/shop/pods/storefront-7d9f.yaml');
    assert.equal(docPath({ doc: 'describe', ref, resource: RESOURCES.nodes, name: 'ip-10-0-2-44.ec2.internal' }), '/shop-prod/nodes/ip-10-0-2-44.ec2.internal.describe.md');
    assert.equal(docPath({ doc: 'taskDefinition', scope: { region: 'us-east-1' }, arn: task.taskDefinitionArn! }), '/us-east-1/task-definitions/api:7.json');
    assert.equal(docPath({ doc: 'diagnosis', ref, failure: { kind: 'forbidden', message: 'no' } }), '/shop-prod/access-diagnosis.md');
  });

  it('the query round-trips the request, and a foreign query is refused', () => {
    const reqs: DocRequest[] = [
      { doc: 'yaml', ref, resource: RESOURCES.deployments, namespace: 'shop', name: 'checkout' },
      { doc: 'taskDefinition', scope: { region: 'eu-west-1', sso: { session: 'corp', accountId: '123456789012', roleName: 'Dev' } }, arn: 'arn:aws:ecs:eu-west-1:1:task-definition/x:1' },
      { doc: 'diagnosis', ref, failure: { kind: 'forbidden', status: 403, message: 'pods is forbidden: User "x" cannot list resource "pods"', verb: 'list', resource: 'pods' } },
    ];
    for (const r of reqs) {
      const q = encodeDocQuery(r);
      assert.match(q, /^[A-Za-z0-9_-]+$/, 'URI-safe');
      assert.deepEqual(decodeDocQuery(q), r);
    }
    assert.throws(() => decodeDocQuery(Buffer.from('{"doc":"rm -rf"}').toString('base64url')), /not a Wharf document/);
  });

  it('refOf keeps only what selects credentials, Region and cluster (no cached cluster data in URIs)', () => {
    const big = { type: 'eksCluster', ...ref, cluster: { name: 'shop-prod', caPem: '-----BEGIN CERTIFICATE-----' } } as unknown as typeof ref;
    assert.deepEqual(refOf(big), { region: 'us-east-1', profile: 'wharf-viewer', clusterName: 'shop-prod' });
  });
});
