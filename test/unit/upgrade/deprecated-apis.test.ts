// The cluster-side readers' pure parts: the API server's deprecated-API gauge in Prometheus text, and which of a
// CRD's stored versions are stale. Tables of inputs as the API server and real CRDs write them.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeVersionOf, parseDeprecatedApiMetric, staleStoredVersions } from '../../../src/kube/deprecated-apis';
import type { KubeObject } from '../../../src/kube/model';

describe('parseDeprecatedApiMetric', () => {
  const HELP = [
    '# HELP apiserver_requested_deprecated_apis [STABLE] Gauge of deprecated APIs that have been requested, broken out by API group, version, resource, subresource, and removed_release.',
    '# TYPE apiserver_requested_deprecated_apis gauge',
  ].join('\n');
  const cases: [name: string, text: string, expected: unknown[]][] = [
    ['an empty answer', '', []],
    ['help and type lines only', HELP, []],
    [
      'a gauge as kube-apiserver 1.37 writes it',
      `${HELP}\napiserver_requested_deprecated_apis{group="resource.k8s.io",removed_release="1.38",resource="deviceclasses",subresource="",version="v1beta1"} 1\n`,
      [{ group: 'resource.k8s.io', version: 'v1beta1', resource: 'deviceclasses', removedRelease: '1.38' }],
    ],
    [
      'the core group, a subresource, no removal scheduled',
      'apiserver_requested_deprecated_apis{group="",removed_release="",resource="endpoints",subresource="status",version="v1"} 1',
      [{ group: '', version: 'v1', resource: 'endpoints', subresource: 'status' }],
    ],
    ['a zero sample is not a request', 'apiserver_requested_deprecated_apis{group="batch",removed_release="1.25",resource="cronjobs",subresource="",version="v1beta1"} 0', []],
    [
      'another metric with the same prefix is skipped',
      'apiserver_requested_deprecated_apis_total{group="x",resource="y",version="v1"} 3\napiserver_request_total{code="200"} 5',
      [],
    ],
    [
      'labels in any order, a timestamp, spaces and CRLF',
      'apiserver_requested_deprecated_apis{ version="v1beta2", resource="flowschemas", group="flowcontrol.apiserver.k8s.io", removed_release="v1.29" } 1 1733140000000\r\n',
      [{ group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta2', resource: 'flowschemas', removedRelease: '1.29' }],
    ],
    [
      'a quoted brace and escaped quote in a value',
      'apiserver_requested_deprecated_apis{group="a.example.com",resource="things",subresource="x}\\"y",version="v1alpha1"} 1',
      [{ group: 'a.example.com', version: 'v1alpha1', resource: 'things', subresource: 'x}"y' }],
    ],
    [
      'the same API from two lines is listed once',
      'apiserver_requested_deprecated_apis{group="g",resource="r",version="v1beta1"} 1\napiserver_requested_deprecated_apis{group="g",resource="r",version="v1beta1"} 1',
      [{ group: 'g', version: 'v1beta1', resource: 'r' }],
    ],
    ['a malformed label set is skipped', 'apiserver_requested_deprecated_apis{group=g,resource="r",version="v1"} 1', []],
    ['a line without a resource is skipped', 'apiserver_requested_deprecated_apis{group="g",version="v1"} 1', []],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(parseDeprecatedApiMetric(text), expected));
  }
});

const crd = (storedVersions: string[], versions: Record<string, unknown>[], scope = 'Namespaced'): KubeObject => ({
  metadata: { name: 'widgets.example.com' },
  spec: { group: 'example.com', scope, names: { kind: 'Widget', plural: 'widgets' }, versions },
  status: { storedVersions },
} as KubeObject);

describe('staleStoredVersions', () => {
  const v = (name: string, extra: Record<string, unknown> = {}) => ({ name, served: true, storage: false, ...extra });
  const cases: [name: string, obj: KubeObject, expected: [version: string, why: string][]][] = [
    ['only the storage version stored', crd(['v1'], [v('v1', { storage: true }), v('v1beta1', { deprecated: true })]), []],
    ['a deprecated version still stored', crd(['v1beta1', 'v1'], [v('v1', { storage: true }), v('v1beta1', { deprecated: true })]), [['v1beta1', 'deprecated']]],
    ['a version no longer served', crd(['v1alpha1', 'v1'], [v('v1', { storage: true }), v('v1alpha1', { served: false })]), [['v1alpha1', 'not-served']]],
    ['a version gone from spec.versions', crd(['v1beta1', 'v1'], [v('v1', { storage: true })]), [['v1beta1', 'dropped']]],
    ['a served, current old version is fine', crd(['v1beta1', 'v1'], [v('v1', { storage: true }), v('v1beta1')]), []],
    ['no status at all', { metadata: { name: 'x' }, spec: { versions: [] } } as KubeObject, []],
  ];
  for (const [name, obj, expected] of cases) {
    it(name, () => assert.deepEqual(staleStoredVersions(obj).map((s) => [s.version, s.why]), expected));
  }
  it('carries what the report needs: kind, plural, scope, storage version and the warning', () => {
    const [s] = staleStoredVersions(crd(['v1beta1', 'v1'], [v('v1', { storage: true }), v('v1beta1', { deprecated: true, deprecationWarning: 'use v1' })], 'Cluster'));
    assert.deepEqual(
      { kind: s.kind, plural: s.plural, namespaced: s.namespaced, storageVersion: s.storageVersion, warning: s.warning, group: s.group },
      { kind: 'Widget', plural: 'widgets', namespaced: false, storageVersion: 'v1', warning: 'use v1', group: 'example.com' },
    );
  });
});

describe('nodeVersionOf', () => {
  const node = (name: string, labels: Record<string, string>, kubeletVersion?: string) => ({ metadata: { name, labels }, status: { nodeInfo: { kubeletVersion } } }) as KubeObject;
  const cases: [name: string, obj: KubeObject, expected: Partial<ReturnType<typeof nodeVersionOf>>][] = [
    ['a managed node group node', node('ip-1', { 'eks.amazonaws.com/nodegroup': 'general' }, 'v1.31.4-eks-2d98532'), { kubeletVersion: 'v1.31.4-eks-2d98532', nodegroup: 'general', fargate: false }],
    ['a Fargate node', node('fargate-ip-10-0-1-2.ec2.internal', { 'eks.amazonaws.com/compute-type': 'fargate' }, 'v1.30.2-eks-1552ad0'), { fargate: true }],
    ['a Karpenter node', node('ip-2', { 'karpenter.sh/nodepool': 'default' }, 'v1.32.1'), { nodepool: 'default', fargate: false }],
    ['a node without nodeInfo', { metadata: { name: 'bare' } } as KubeObject, { kubeletVersion: '' }],
  ];
  for (const [name, obj, expected] of cases) {
    it(name, () => {
      const got = nodeVersionOf(obj);
      for (const [k, val] of Object.entries(expected)) assert.deepEqual(got[k as keyof typeof got], val, k);
    });
  }
});
