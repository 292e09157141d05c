// View YAML and Describe from realistic objects.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { KubeObject } from '../../../src/kube/model';
import { age, describe as describeObj, sortEvents, viewYaml } from '../../../src/kube/view';

const NOW = new Date('2026-12-02T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString();

const crashing: KubeObject = {
  // Keys in the server's order would put status and metadata anywhere; View YAML orders them.
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [recommender]', lastTransitionTime: ago(600) }],
    containerStatuses: [{ name: 'recommender', image: 'r:0.9.3', ready: false, restartCount: 8, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(20) } } }],
  },
  spec: { nodeName: 'ip-10-0-1-17.ec2.internal', serviceAccountName: 'recommender', containers: [{ name: 'recommender', image: 'r:0.9.3' }] },
  metadata: {
    name: 'recommendations-5c9d7-abcde',
    namespace: 'shop',
    creationTimestamp: ago(3600),
    labels: { app: 'recommendations' },
    annotations: { 'kubectl.kubernetes.io/restartedAt': ago(7200) },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'recommendations-5c9d7', uid: 'u', controller: true }],
    managedFields: [{ manager: 'kube-controller-manager', operation: 'Update' }],
  },
  kind: 'Pod',
  apiVersion: 'v1',
  extra: { x: 1 },
};

describe('viewYaml', () => {
  it('drops managedFields and orders apiVersion, kind, metadata, spec, status, then the rest', () => {
    const text = viewYaml(crashing);
    assert.doesNotMatch(text, /managedFields/);
    const keys = text.split('\n').filter((l) => /^[a-z]/i.test(l)).map((l) => l.split(':')[0]);
    assert.deepEqual(keys, ['apiVersion', 'kind', 'metadata', 'spec', 'status', 'extra']);
    assert.equal(parse(text).metadata.name, 'recommendations-5c9d7-abcde');
    assert.ok(crashing.metadata.managedFields, 'the object itself is untouched');
  });

  it('masks Secret values (and the last-applied annotation that repeats them) until revealed', () => {
    const secret: KubeObject = {
      apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
      metadata: { name: 'db', namespace: 'shop', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}' } },
      data: { password: Buffer.from('hunter2').toString('base64') },
    };
    const masked = viewYaml(secret);
    assert.doesNotMatch(masked, /aHVudGVyMg|hunter2/);
    assert.match(masked, /password: "<hidden: 7 bytes>"/);
    assert.match(viewYaml(secret, { revealSecrets: true }), /password: aHVudGVyMg==/);
  });
});

describe('describe', () => {
  const events: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1' }, type: 'Normal', reason: 'Pulled', message: 'Container image already present', count: 9, lastTimestamp: ago(30), source: { component: 'kubelet' } },
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e2' }, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container recommender', count: 37, lastTimestamp: ago(5), source: { component: 'kubelet' } },
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e3' }, type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: | pipe', count: 3, lastTimestamp: ago(300), source: { component: 'kubelet' } },
    { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e4' }, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned', lastTimestamp: ago(3600), source: { component: 'default-scheduler' } },
  ];

  it('shows identity, owner, labels, conditions, containers with last termination, and events warnings first, newest first', () => {
    const md = describeObj(crashing, events, NOW);
    assert.match(md, /^# Pod shop\/recommendations-5c9d7-abcde/);
    assert.match(md, /\| Controlled by \| ReplicaSet\/recommendations-5c9d7 \|/);
    assert.match(md, /\| Labels \| `app=recommendations` \|/);
    assert.match(md, /\| Status \| CrashLoopBackOff \|/);
    assert.match(md, /\| Restarts \| 8 \|/);
    assert.match(md, /\| Ready \| False \| ContainersNotReady \| containers with unready status: \[recommender\] \| 10m \|/);
    assert.match(md, /\| recommender \| container \| r:0\.9\.3 \| waiting \| CrashLoopBackOff \| no \| 8 \| Error \(exit 1\), 20s ago \|/);
    const reasons = [...md.matchAll(/^\| (Warning|Normal) \| (\w+) \|/gm)].map((m) => m[2]);
    assert.deepEqual(reasons, ['BackOff', 'Unhealthy', 'Pulled', 'Scheduled']);
    assert.match(md, /Readiness probe failed: \\\| pipe/, 'a | in a message does not break the table');
  });

  it('says when there are no events', () => {
    assert.match(describeObj({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } }, [], NOW), /No events/);
  });

  it('sorts events.k8s.io/v1 shapes too', () => {
    const e = sortEvents([
      { type: 'Normal', eventTime: ago(1) },
      { type: 'Warning', series: { count: 4, lastObservedTime: ago(100) } },
      { type: 'Warning', deprecatedLastTimestamp: ago(10) },
    ]);
    assert.deepEqual(e.map((x) => x.type), ['Warning', 'Warning', 'Normal']);
    assert.equal((e[0] as { deprecatedLastTimestamp?: string }).deprecatedLastTimestamp, ago(10));
  });

  it('prints ages as kubectl does', () => {
    assert.deepEqual([age(ago(42), NOW), age(ago(300), NOW), age(ago(3 * 3600), NOW), age(ago(3 * 86400), NOW)], ['42s', '5m', '3h', '3d']);
  });
});
