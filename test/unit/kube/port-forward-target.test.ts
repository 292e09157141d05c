// Which pod and port a forward reaches: readiness, selectors, Service port -> targetPort (named or numbered) ->
// container port, and the ports a person is offered. Objects are written by hand as the API server returns them.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject, ResourceKind } from '../../../src/kube/model';
import { browserUrl, choosePod, containerPort, podIsReady, podPortChoices, resolveTarget, selectorString, servicePortChoices, serviceTargetPort, type TargetClient } from '../../../src/kube/port-forward-target';

const pod = (name: string, o: { ready?: boolean; phase?: string; created?: string; deleting?: boolean; labels?: Record<string, string> } = {}): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', resourceVersion: '7', creationTimestamp: o.created ?? '2026-01-01T00:00:00Z', labels: o.labels ?? { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2026-01-02T00:00:00Z' } : {}) },
    spec: { containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9102 }] }, { name: 'sidecar', ports: [{ containerPort: 15000, protocol: 'TCP' }] }] },
    status: { phase: o.phase ?? 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  }) as KubeObject;

const service = (ports: unknown[], selector: Record<string, string> | undefined = { app: 'web' }): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector, ports } }) as KubeObject;

describe('port-forward targets', () => {
  it('a ready pod is Running, Ready and not terminating', () => {
    assert.equal(podIsReady(pod('a')), true);
    assert.equal(podIsReady(pod('a', { ready: false })), false);
    assert.equal(podIsReady(pod('a', { phase: 'Pending' })), false);
    assert.equal(podIsReady(pod('a', { deleting: true })), false);
  });

  it('label selectors in query syntax', () => {
    assert.equal(selectorString({ app: 'web', tier: 'fe' }), 'app=web,tier=fe');
    assert.equal(
      selectorString({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }, { key: 'canary', operator: 'DoesNotExist' }, { key: 'x', operator: 'Exists' }, { key: 'y', operator: 'NotIn', values: ['z'] }] }),
      'app=web,env in (a,b),!canary,x,y notin (z)',
    );
    assert.equal(selectorString({}), undefined);
    assert.equal(selectorString(undefined), undefined);
  });

  it('the oldest ready pod is chosen; a pod that just went away is avoided while another is ready', () => {
    const pods = [pod('new', { created: '2026-03-01T00:00:00Z' }), pod('old', { created: '2026-01-01T00:00:00Z' }), pod('older-not-ready', { created: '2025-01-01T00:00:00Z', ready: false })];
    assert.equal(choosePod(pods)?.metadata.name, 'old');
    assert.equal(choosePod(pods, new Set(['old']))?.metadata.name, 'new');
    assert.equal(choosePod([pod('only')], new Set(['only']))?.metadata.name, 'only');
    assert.equal(choosePod([pod('x', { ready: false })]), undefined);
  });

  it('container ports by number or by name', () => {
    assert.equal(containerPort(pod('a'), 8080), 8080);
    assert.equal(containerPort(pod('a'), '9102'), 9102);
    assert.equal(containerPort(pod('a'), 'metrics'), 9102);
    assert.throws(() => containerPort(pod('a'), 'grpc'), /no container port named "grpc"/);
  });

  it('Service port -> targetPort: by port number or port name; a missing targetPort is the port itself', () => {
    const svc = service([{ name: 'web', port: 80, targetPort: 'http' }, { name: 'admin', port: 8443, targetPort: 9443 }, { port: 5432 }]);
    assert.equal(serviceTargetPort(svc, 80), 'http');
    assert.equal(serviceTargetPort(svc, 'web'), 'http');
    assert.equal(serviceTargetPort(svc, '8443'), 9443);
    assert.equal(serviceTargetPort(svc, 5432), 5432);
    assert.throws(() => serviceTargetPort(svc, 81), /has no port 81 \(it has web, admin, 5432\)/);
  });

  it('the ports offered: every container port, every Service port with its target', () => {
    const choices = podPortChoices((pod('a') as { spec?: never }).spec);
    assert.deepEqual(choices.map((c) => c.port), [8080, 9102, 15000]);
    assert.equal(choices[0].detail, '8080/TCP (http) · container app');
    assert.deepEqual(servicePortChoices(service([{ name: 'web', port: 80, targetPort: 'http' }])).map((c) => c.detail), ['80/TCP (web) → target port http']);
    assert.deepEqual(podPortChoices(undefined), []);
  });

  it('resolving a Service: its selector finds the pod, the named targetPort becomes the container port', async () => {
    // A stand-in for the two reads (get, list): the resolution logic only; the integration test runs it on a real API server.
    const asked: string[] = [];
    const client: TargetClient = {
      get: async (kind: ResourceKind, name: string) => {
        asked.push(`get ${kind.kind} ${name}`);
        if (kind.kind === 'Service') return service([{ name: 'web', port: 80, targetPort: 'http' }]);
        if (kind.kind === 'Deployment') return { metadata: { name }, spec: { selector: { matchLabels: { app: 'web' } } } } as KubeObject;
        return pod(name);
      },
      list: async (_kind, opts) => {
        asked.push(`list ${opts.labelSelector}`);
        return { items: [pod('web-b', { created: '2026-02-01T00:00:00Z' }), pod('web-a')] };
      },
    };
    assert.deepEqual(await resolveTarget(client, { kind: 'service', namespace: 'shop', name: 'web' }, 80), { pod: 'web-a', port: 8080, resourceVersion: '7' });
    assert.deepEqual(asked, ['get Service web', 'list app=web']);
    assert.equal((await resolveTarget(client, { kind: 'workload', resource: 'Deployment', namespace: 'shop', name: 'web' }, 'metrics', undefined, new Set(['web-a']))).pod, 'web-b');
    await assert.rejects(resolveTarget({ ...client, list: async () => ({ items: [pod('x', { ready: false })] }) }, { kind: 'service', namespace: 'shop', name: 'web' }, 80), /service\/web in shop: none of its 1 pod\(s\) is ready/);
    await assert.rejects(resolveTarget({ ...client, get: async () => service([{ port: 80 }], {}) }, { kind: 'service', namespace: 'shop', name: 'web' }, 80), /has no selector/);
    await assert.rejects(resolveTarget({ ...client, get: async () => pod('p', { phase: 'Pending' }) }, { kind: 'pod', namespace: 'shop', name: 'p' }, 8080), /pod shop\/p is not ready \(Pending\)/);
  });

  it('"Open in Browser" only for web-looking ports', () => {
    assert.equal(browserUrl(18080, [8080]), 'http://localhost:18080/');
    assert.equal(browserUrl(8443, [443, 8443]), 'https://localhost:8443/');
    assert.equal(browserUrl(15432, [5432]), undefined);
    assert.equal(browserUrl(9000, [7000], 'http-api'), 'http://localhost:9000/');
    assert.equal(browserUrl(9000, ['https']), 'https://localhost:9000/');
  });
});
