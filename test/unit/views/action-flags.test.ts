// Workload and pod rows carry noScale / noRestart / noDelete once the access answers say no, re-render when the
// answer arrives, and the menus and `enablement` clauses of package.json read those flags: the entry shows (when
// matches) but is disabled, and the palette (no row in context) stays enabled. The answers come from a fake Backend
// (fakes.ts); the real SelfSubjectAccessReviews are in test/integration/kube-actions.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ActionAccess } from '../../../src/kube/access-review';
import type { KubeObject } from '../../../src/kube/model';
import { RESOURCES } from '../../../src/kube/resources';
import { EksClusterNode } from '../../../src/views/nodes/eks-cluster';
import { PodNode } from '../../../src/views/nodes/pod';
import { WorkloadNode } from '../../../src/views/nodes/workload';
import type { EksClusterRef } from '../../../src/views/target';
import { FakeBackend, treeContext } from './fakes';

const ref = { profile: 'wharf-viewer', region: 'us-east-1', clusterName: 'shop-prod' };
const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

class AccessBackend extends FakeBackend {
  answer: ActionAccess | undefined;
  asked: string[] = [];
  listeners: (() => void)[] = [];
  kubeAccess(r: EksClusterRef, namespace: string, onChange: () => void): ActionAccess | undefined {
    this.asked.push(`${r.profile}/${r.clusterName}/${namespace}`);
    this.listeners.push(onChange);
    return this.answer;
  }
}

const deployment = (kind: string): KubeObject => ({
  apiVersion: 'apps/v1', kind, metadata: { name: 'cart', namespace: 'shop', uid: 'u' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'cart' } } }, status: { replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 },
});
const pod: KubeObject = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cart-1', namespace: 'shop' }, spec: { containers: [{ name: 'app', image: 'nginx' }] },
  status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'nginx', state: { running: {} } }], conditions: [{ type: 'Ready', status: 'True' }] },
};

/** A `viewItem =~ /re/` or `!(viewItem =~ /re/)` clause evaluated as VS Code does; no viewItem (the palette) never matches. */
function holds(clause: string | undefined, viewItem: string | undefined): boolean {
  if (!clause) return true;
  const neg = /^!\(viewItem =~ \/(.+)\/\)$/.exec(clause);
  if (neg) return !(viewItem !== undefined && new RegExp(neg[1]).test(viewItem));
  throw new Error(`unexpected enablement: ${clause}`);
}
const enablement = (id: string) => pkg.contributes.commands.find((c: { command: string }) => c.command === id)?.enablement as string | undefined;
const shownFor = (id: string, viewItem: string) =>
  pkg.contributes.menus['view/item/context'].some((m: { command: string; when: string }) => m.command === id && new RegExp(/viewItem =~ \/(.+)\/$/.exec(m.when)![1]).test(viewItem));

describe('action flags on rows', () => {
  const rows = (b: AccessBackend) => {
    const ctx = treeContext(b);
    const cluster = new EksClusterNode(undefined, ctx, ref, 'shop-prod');
    return {
      ctx,
      workload: (kind: string) => new WorkloadNode(cluster, ctx, ref, kind === 'StatefulSet' ? RESOURCES.statefulsets : kind === 'DaemonSet' ? RESOURCES.daemonsets : RESOURCES.deployments, deployment(kind)),
      pod: () => new PodNode(cluster, ctx, ref, pod),
    };
  };

  const cases: [string, string, ActionAccess | undefined, string][] = [
    ['a Deployment before the answer', 'Deployment', undefined, 'deployment'],
    ['a Deployment for the viewer', 'Deployment', { scaleDeployments: false, restartDeployments: false }, 'deployment.noRestart.noScale'],
    ['a Deployment for the admin', 'Deployment', { scaleDeployments: true, restartDeployments: true }, 'deployment'],
    ['a StatefulSet (lowerCamel, as the menus name it)', 'StatefulSet', { scaleStatefulSets: false }, 'statefulSet.noScale'],
    ['a DaemonSet', 'DaemonSet', { restartDaemonSets: false }, 'daemonSet.noRestart'],
  ];
  for (const [what, kind, answer, cv] of cases) {
    it(`contextValue: ${what}`, () => {
      const b = new AccessBackend();
      b.answer = answer;
      assert.equal(rows(b).workload(kind).treeItem().contextValue, cv);
      assert.deepEqual(b.asked, ['wharf-viewer/shop-prod/shop'], 'asked per identity, cluster and namespace');
    });
  }

  it('a pod row: noDelete when refused; the row re-renders when the answer arrives', () => {
    const b = new AccessBackend();
    const r = rows(b);
    const p = r.pod();
    assert.equal(p.treeItem().contextValue, 'pod.ready');
    b.answer = { deletePods: false };
    for (const l of b.listeners) l();
    assert.deepEqual(r.ctx.changedNodes, [p]);
    assert.equal(p.treeItem().contextValue, 'pod.noDelete.ready');
  });

  const menus: [string, string, string, boolean][] = [
    ['wharf.kube.scale', 'deployment.noRestart.noScale', 'shown, disabled', false],
    ['wharf.kube.scale', 'deployment.unhealthy', 'shown, enabled', true],
    ['wharf.kube.scale', 'statefulSet.noRestart', 'shown, enabled (only restart refused)', true],
    ['wharf.kube.restart', 'statefulSet.noRestart', 'shown, disabled', false],
    ['wharf.kube.restart', 'daemonSet', 'shown, enabled', true],
    ['wharf.kube.deletePod', 'pod.noDelete.running', 'shown, disabled', false],
    ['wharf.kube.deletePod', 'pod.crashloop', 'shown, enabled', true],
  ];
  for (const [id, cv, what, enabled] of menus) {
    it(`${id} on ${cv}: ${what}`, () => {
      assert.ok(shownFor(id, cv), 'the entry shows (disabled, not hidden)');
      assert.equal(holds(enablement(id), cv), enabled);
    });
  }

  it('the palette (no row in context) is never disabled by the flags', () => {
    for (const id of ['wharf.kube.scale', 'wharf.kube.restart', 'wharf.kube.deletePod']) assert.equal(holds(enablement(id), undefined), true, id);
    const hidden = new Set(pkg.contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command));
    for (const id of ['wharf.kube.scale', 'wharf.kube.restart', 'wharf.kube.deletePod', 'wharf.ecs.forceNewDeployment', 'wharf.ecs.setDesiredCount', 'wharf.ecs.stopTask']) assert.ok(!hidden.has(id), `${id} is in the palette`);
  });

  it('ECS entries: Force New Deployment only where ECS deploys; Stop Task not on a stopped task', () => {
    assert.ok(shownFor('wharf.ecs.forceNewDeployment', 'ecsService.execEnabled'));
    assert.ok(!shownFor('wharf.ecs.forceNewDeployment', 'ecsService.external'));
    assert.ok(!shownFor('wharf.ecs.forceNewDeployment', 'ecsService.codeDeploy'));
    assert.ok(shownFor('wharf.ecs.setDesiredCount', 'ecsService.external'));
    assert.ok(shownFor('wharf.ecs.stopTask', 'ecsTask.fargate.running'));
    assert.ok(!shownFor('wharf.ecs.stopTask', 'ecsTask.fargate.stopped'));
  });
});
