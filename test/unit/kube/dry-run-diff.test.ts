// The normalisation behind "Diff with Live": what is stripped, what is kept, and a stable rendering.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../src/kube/model';
import { diffPair, renderDiff } from '../../../src/kube/dry-run-diff';

const manifest = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'web:2' }] } } },
};

// What the API server returns: defaults everywhere, bookkeeping, status, keys in its own order.
const serverSide = (image: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject => ({
  // (KubeObject's metadata type lists what the explorer reads; the server sends more, such as generation.)
  status: { replicas, readyReplicas: replicas },
  spec: {
    template: {
      spec: { dnsPolicy: 'ClusterFirst', containers: [{ terminationMessagePath: '/dev/termination-log', image, name: 'app', imagePullPolicy: 'IfNotPresent' }], restartPolicy: 'Always' },
      metadata: { labels: { app: 'web' }, creationTimestamp: null },
    },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    selector: { matchLabels: { app: 'web' } },
    revisionHistoryLimit: 10,
    replicas,
    ...extra,
  },
  metadata: {
    uid: 'u-1', resourceVersion: '812', ...{ generation: 4 }, creationTimestamp: '2026-12-01T00:00:00Z', namespace: 'shop', name: 'web', labels: { app: 'web' },
    managedFields: [{ manager: 'wharf', operation: 'Apply' }],
    annotations: { 'deployment.kubernetes.io/revision': '4' },
  },
  kind: 'Deployment',
  apiVersion: 'apps/v1',
});

describe('diffPair', () => {
  it('strips managed fields, status and the defaults both sides share; keeps what changes and the namespace', () => {
    const { live, planned } = diffPair(manifest, serverSide('web:1', 2), serverSide('web:2', 3));
    const expectLive = {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'web:1' }] } } },
    };
    assert.deepEqual(live, expectLive);
    assert.deepEqual(planned, { ...expectLive, spec: { ...expectLive.spec, replicas: 3, template: { ...expectLive.spec.template, spec: { containers: [{ name: 'app', image: 'web:2' }] } } } });
  });

  it('keeps a field the manifest does not set when the apply would change it', () => {
    const { live, planned } = diffPair(manifest, serverSide('web:2', 3, { paused: true }), serverSide('web:2', 3));
    assert.equal((live!.spec as Record<string, unknown>).paused, true);
    assert.equal((planned.spec as Record<string, unknown>).paused, undefined);
  });

  it('shows a new object as the manifest fields only, with no left side', () => {
    const { live, planned } = diffPair(manifest, undefined, serverSide('web:2', 3));
    assert.equal(live, undefined);
    assert.deepEqual(planned, { ...manifest, metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } } });
  });

  it('orders keys: apiVersion, kind, metadata (name, namespace, labels...), spec; name first in list items', () => {
    const { planned } = diffPair({ ...manifest, metadata: { ...manifest.metadata, namespace: 'shop' } }, undefined, serverSide('web:2', 3));
    assert.deepEqual(Object.keys(planned), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.deepEqual(Object.keys(planned.metadata as object), ['name', 'namespace', 'labels']);
    const c = ((planned.spec as { template: { spec: { containers: object[] } } }).template.spec.containers[0]);
    assert.deepEqual(Object.keys(c), ['name', 'image']);
  });

  it('never shows Secret values', () => {
    const secret = (v: string): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { same: 'c2FtZQ==', pw: v } });
    const { live, planned } = diffPair({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { same: 'c2FtZQ==', pw: 'bmV3' } }, secret('b2xk'), secret('bmV3'));
    assert.deepEqual(live!.data, { same: '<hidden>', pw: '<hidden: live value>' });
    assert.deepEqual(planned.data, { same: '<hidden>', pw: '<hidden: new value>' });
  });
});

describe('renderDiff', () => {
  it('renders every object under the same header on both sides, stable text', () => {
    const entries = [
      { label: 'Deployment shop/web', manifest, live: serverSide('web:1', 3), planned: serverSide('web:2', 3) },
      { label: 'ConfigMap shop/new', manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'new' }, data: { a: '1' } }, planned: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'new', namespace: 'shop', uid: 'x' }, data: { a: '1' } } },
      { label: 'Service shop/bad', manifest: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad' } }, refusal: 'Service "bad" is invalid: spec.ports: Required value' },
    ];
    const a = renderDiff(entries);
    assert.deepEqual(renderDiff(entries), a, 'same input, same text');
    const left = parseAllDocuments(a.left).map((d) => d.toJS());
    const right = parseAllDocuments(a.right).map((d) => d.toJS());
    assert.equal(right.length, 3);
    assert.equal(left[1], null, 'a new object has an empty left side');
    assert.equal(right[1].data.a, '1');
    assert.match(a.left, /^# Deployment shop\/web \(changed\)$/m);
    assert.match(a.right, /^# ConfigMap shop\/new \(new\)$/m);
    assert.match(a.right, /# Service "bad" is invalid: spec.ports: Required value/);
    assert.equal(parse(a.right.split('---\n')[0]).spec.template.spec.containers[0].image, 'web:2');
    assert.doesNotMatch(a.left + a.right, /managedFields|resourceVersion|status:|terminationMessagePath/);
  });
});
