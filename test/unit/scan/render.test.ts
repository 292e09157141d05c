import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { lintText } from '../../../src/lint/engine';
import { controllerOf, isSystemObject } from '../../../src/scan/owners';
import { LAST_APPLIED, livePath, renderLive } from '../../../src/scan/render';

const live = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'b1f0c1de-1111-2222-3333-444455556666',
    resourceVersion: '4242',
    generation: 3,
    creationTimestamp: '2026-12-01T10:00:00Z',
    labels: { app: 'web' },
    annotations: { [LAST_APPLIED]: '{"apiVersion":"apps/v1"}', 'deployment.kubernetes.io/revision': '3', 'prometheus.io/scrape': 'true' },
    managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
  },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:latest', ports: [{ containerPort: 80 }] }] } } },
  status: { replicas: 1, readyReplicas: 1 },
};

describe('renderLive', () => {
  it('strips status, managed fields, bookkeeping, controllers\' annotations and the last-applied copy, keeping what a person wrote', () => {
    const text = renderLive(live);
    const back = parse(text);
    assert.deepEqual(Object.keys(back), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.deepEqual(back.metadata, { name: 'web', namespace: 'shop', labels: { app: 'web' }, annotations: { 'prometheus.io/scrape': 'true' } });
    assert.deepEqual(back.spec, live.spec);
    assert.ok(!text.includes('managedFields') && !text.includes('resourceVersion') && !text.includes('uid:') && !text.includes('last-applied') && !text.includes('revision'));
  });

  it('drops an annotations map left empty', () => {
    const back = parse(renderLive({ ...live, metadata: { ...live.metadata, annotations: { [LAST_APPLIED]: '{}' } } }));
    assert.equal(back.metadata.annotations, undefined);
  });

  it('lints as the editor would: findings land on the lines of the rendered text', () => {
    const path = livePath('shop-prod', 'deployments', 'web', 'shop');
    assert.equal(path, 'shop-prod/shop/deployments/web.yaml');
    const text = renderLive(live);
    const lines = text.split('\n');
    const findings = lintText(path, text);
    const tag = findings.find((f) => f.ruleId === 'image-tag-pinned');
    assert.ok(tag, findings.map((f) => f.ruleId).join(', '));
    assert.match(lines[tag.location.line - 1], /image: nginx:latest/);
    const replicas = findings.find((f) => f.ruleId === 'replicas-min');
    assert.ok(replicas);
    assert.match(lines[replicas.location.line - 1], /replicas: 1/);
    assert.deepEqual(tag.object, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' });
  });

  it('names cluster-scoped documents under _cluster and keeps names path-safe', () => {
    assert.equal(livePath('c', 'clusterroles', 'system:aggregate/x'), 'c/_cluster/clusterroles/system_aggregate_x.yaml');
  });
});

describe('owners and system objects', () => {
  const owned = (controller: boolean | undefined) => ({ metadata: { name: 'p', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9', uid: 'u', controller }] } });
  it('an object a controller owns is covered by that owner', () => {
    assert.deepEqual(controllerOf(owned(true)), { kind: 'ReplicaSet', name: 'web-7d9' });
    assert.equal(controllerOf(owned(false)), undefined);
    assert.equal(controllerOf(owned(undefined)), undefined);
    assert.equal(controllerOf({ metadata: { name: 'bare' } }), undefined);
  });
  it('system namespaces and bootstrap RBAC are system objects', () => {
    assert.ok(isSystemObject({ metadata: { name: 'coredns', namespace: 'kube-system' } }));
    assert.ok(isSystemObject({ metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } } }));
    assert.ok(isSystemObject({ metadata: { name: 'system:node' } }));
    assert.ok(isSystemObject({ metadata: { name: 'eks:addon-manager' } }));
    assert.ok(!isSystemObject({ metadata: { name: 'web', namespace: 'shop' } }));
    assert.ok(!isSystemObject({ metadata: { name: 'team-admin' } }));
  });
});
