// The tree's "Port Forwards" group and rows, over real PortForward objects that are not started (no network): what a
// row says, its contextValue flags (the menus' `http` and `waiting`), and the group listing every forward.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { KubeClient } from '../../../src/kube/client';
import { PortForward } from '../../../src/kube/port-forward';
import { PortForwardNode, PortForwardsNode, entryLabel, entryUrl, type ForwardEntry } from '../../../src/views/nodes/port-forward';
import { FakeBackend, treeContext } from './fakes';

const cluster = { profile: 'dev', region: 'eu-west-1', clusterName: 'prod' };
const client = new KubeClient('prod', { server: 'https://127.0.0.1:1' }, { token: async () => 't', renew: async () => 't' });

function entry(id: string, o: { remote: number | string; local: number; kind?: 'pod' | 'service'; state?: PortForward['state']; portName?: string; open?: number }): ForwardEntry {
  const f = new PortForward({ client, target: o.kind === 'service' ? { kind: 'service', namespace: 'shop', name: 'web' } : { kind: 'workload', resource: 'Deployment', namespace: 'shop', name: 'web' }, remotePort: o.remote });
  f.localPort = o.local;
  f.state = o.state ?? 'forwarding';
  f.current = f.state === 'waiting' ? undefined : { pod: 'web-7d9f-abcde', port: 8080, resourceVersion: '1' };
  f.open = o.open ?? 0;
  return { id, forward: f, cluster, portName: o.portName };
}

describe('port-forward tree rows', () => {
  const ctx = treeContext(new FakeBackend());

  it('a row: local address, target, pod now used, open connections; `http` for a web port', () => {
    const e = entry('1', { remote: 8080, local: 18080, open: 2 });
    const v = new PortForwardNode(new PortForwardsNode(ctx, { entries: () => [e] }), ctx, e).treeItem();
    assert.equal(v.label, 'localhost:18080');
    assert.equal(v.description, '→ deployment/web in shop port 8080 · pod web-7d9f-abcde · 2 open');
    assert.equal(v.contextValue, 'portForward.http');
    assert.equal(entryUrl(e), 'http://localhost:18080/');
    assert.equal(entryLabel(e), 'localhost:18080 → deployment/web in shop port 8080');
  });

  it('a Service port mapped to another container port, waiting for a pod, not a web port', () => {
    const e = entry('2', { remote: 5432, local: 15432, kind: 'service', state: 'waiting' });
    const v = new PortForwardNode(new PortForwardsNode(ctx, { entries: () => [e] }), ctx, e).treeItem();
    assert.equal(v.contextValue, 'portForward.waiting');
    assert.match(v.description ?? '', /waiting for a ready pod/);
    assert.equal(v.icon && 'codicon' in v.icon ? v.icon.codicon : '', 'clock');
  });

  it('the group lists every forward, in order, and counts them', async () => {
    const entries = [entry('1', { remote: 8080, local: 18080 }), entry('2', { remote: 'https', local: 18443 })];
    const group = new PortForwardsNode(ctx, { entries: () => entries });
    assert.equal(group.treeItem().description, '2 forwards');
    assert.equal(group.treeItem().contextValue, 'portForwards');
    const rows = await group.children();
    assert.deepEqual(rows.map((r) => r.treeItem().label), ['localhost:18080', 'localhost:18443']);
    assert.deepEqual(rows.map((r) => r.id), ['portForwards/pf:1', 'portForwards/pf:2']);
    assert.equal(rows[1].treeItem().contextValue, 'portForward.http');
  });
});

describe('port-forward menus (package.json)', () => {
  // The item menus' `viewItem =~ /re/` clauses, read from the manifest and run against the contextValues the tree gives.
  const menus = (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus['view/item/context'];
  const commandsFor = (contextValue: string) =>
    menus
      .filter((m) => {
        const re = /viewItem =~ \/(.*)\//.exec(m.when ?? '')?.[1];
        return re !== undefined && new RegExp(re).test(contextValue);
      })
      .map((m) => m.command);

  it('Port Forward… on ready pods, workloads and Services; Stop and Open in Browser on forward rows', () => {
    for (const cv of ['pod.ready', 'pod.fargate.running', 'deployment', 'statefulSet.unhealthy', 'daemonSet', 'service', 'service.loadBalancer']) assert.ok(commandsFor(cv).includes('wharf.kube.portForward'), cv);
    for (const cv of ['pod.pending', 'pod.crashloop', 'configMap', 'namespace', 'portForward']) assert.ok(!commandsFor(cv).includes('wharf.kube.portForward'), cv);
    assert.deepEqual([...new Set(commandsFor('portForward.http'))].sort(), ['wharf.kube.openPortForward', 'wharf.kube.stopPortForward']);
    assert.deepEqual([...new Set(commandsFor('portForward.waiting'))], ['wharf.kube.stopPortForward']);
    assert.deepEqual(commandsFor('portForwards'), ['wharf.kube.listPortForwards']);
  });
});
