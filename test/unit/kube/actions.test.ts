// The request bodies of the Kubernetes actions (as kubectl sends them), the count validation, the row flags that
// disable refused actions, and the access cache's TTL and notifications. The calls themselves run against the local
// API server in test/integration/kube-actions.test.ts.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTION_CHECKS, AccessCache, accessReviewBody, rowFlags, reviewActions, type ActionAccess } from '../../../src/kube/access-review';
import { RESTARTED_AT, autoscalerFor, deleteOptions, restartPatch, restartStamp, scalePatch, validateCount } from '../../../src/kube/actions';
import { KubeError } from '../../../src/kube/errors';

const NOW = new Date('2026-12-02T16:20:31.456Z');

describe('the autoscaler of a workload', () => {
  const hpa = (name: string, ref: Record<string, string>, spec: Record<string, number> = {}, desired?: number) => ({ metadata: { name }, spec: { scaleTargetRef: ref, maxReplicas: 10, ...spec }, status: desired === undefined ? {} : { desiredReplicas: desired } });
  const hpas = [
    hpa('other', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }),
    hpa('cart-hpa', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'cart' }, { minReplicas: 3 }, 4),
    hpa('db', { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }),
    hpa('rollout', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Deployment', name: 'api' }),
  ];
  const cases: [string, string, string, unknown][] = [
    ['the one whose target is the workload', 'Deployment', 'cart', { name: 'cart-hpa', min: 3, max: 10, desired: 4 }],
    ['minReplicas defaults to 1', 'StatefulSet', 'db', { name: 'db', min: 1, max: 10 }],
    ['none for another kind of the same name', 'StatefulSet', 'cart', undefined],
    ['none for a target in another API group', 'Deployment', 'api', undefined],
  ];
  for (const [what, kind, name, want] of cases) it(what, () => assert.deepEqual(autoscalerFor(hpas, kind, name), want));
});

describe('scale', () => {
  const cases: [string, number, string | undefined, unknown][] = [
    ['a count', 5, undefined, { spec: { replicas: 5 } }],
    ['zero', 0, undefined, { spec: { replicas: 0 } }],
    ['conditional on a version', 2, '4711', { metadata: { resourceVersion: '4711' }, spec: { replicas: 2 } }],
  ];
  for (const [what, n, rv, body] of cases) it(`the merge patch of the scale subresource: ${what}`, () => assert.deepEqual(scalePatch(n, rv), body));
  for (const bad of [-1, 1.5, Number.NaN]) it(`refuses ${bad}`, () => assert.throws(() => scalePatch(bad), RangeError));

  const inputs: [string, string | undefined][] = [
    ['3', undefined], [' 12 ', undefined], ['0', undefined], ['1000', undefined],
    ['', 'A whole number, 0 or more'], ['-1', 'A whole number, 0 or more'], ['2.5', 'A whole number, 0 or more'], ['1e3', 'A whole number, 0 or more'], ['three', 'A whole number, 0 or more'],
    ['1001', 'At most 1000'],
  ];
  for (const [text, error] of inputs) it(`the count box says ${error ?? 'nothing'} for "${text}"`, () => assert.equal(validateCount(text), error));
});

describe('rollout restart', () => {
  it('stamps the pod template the way kubectl does (RFC 3339, no fraction)', () => {
    assert.equal(restartStamp(NOW), '2026-12-02T16:20:31Z');
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet']) {
      assert.deepEqual(restartPatch({ kind, spec: {} }, NOW), { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: '2026-12-02T16:20:31Z' } } } } }, kind);
    }
  });
  const refused: [string, { kind?: string; spec?: unknown }, RegExp][] = [
    ['a paused Deployment', { kind: 'Deployment', spec: { paused: true } }, /paused deployment \(run rollout resume first\)/],
    ['a Job', { kind: 'Job', spec: {} }, /a Job cannot be restarted/],
    ['a CronJob', { kind: 'CronJob' }, /a CronJob cannot be restarted/],
    ['no kind', {}, /a resource cannot be restarted/],
  ];
  for (const [what, obj, msg] of refused) {
    it(`refuses ${what}`, () => assert.throws(() => restartPatch(obj as never, NOW), (e: unknown) => e instanceof KubeError && e.failure.kind === 'invalid' && msg.test(e.message)));
  }
  it('a paused StatefulSet has no such field: restarted', () => assert.ok(restartPatch({ kind: 'StatefulSet', spec: { paused: true } }, NOW)));
});

describe('delete a pod', () => {
  const cases: [string, Parameters<typeof deleteOptions>[0], unknown][] = [
    ['plain', {}, { apiVersion: 'v1', kind: 'DeleteOptions' }],
    ['that very pod', { uid: 'u-1' }, { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: 'u-1' } }],
    ['now (grace period 0)', { gracePeriodSeconds: 0, uid: 'u-1' }, { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, preconditions: { uid: 'u-1' } }],
  ];
  for (const [what, o, body] of cases) it(`DeleteOptions: ${what}`, () => assert.deepEqual(deleteOptions(o), body));
});

describe('SelfSubjectAccessReview', () => {
  it('asks about the scale subresource by its own name', () => {
    assert.deepEqual(accessReviewBody(ACTION_CHECKS.scaleDeployments, 'shop'), {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { namespace: 'shop', verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale' } },
    });
    assert.deepEqual((accessReviewBody(ACTION_CHECKS.deletePods, 'shop').spec as { resourceAttributes: unknown }).resourceAttributes, { namespace: 'shop', verb: 'delete', group: '', resource: 'pods' });
  });

  it('a review that fails leaves its action unknown, not refused', async () => {
    // A stub client: which review fails is chosen here; the real server's answers are in the integration test.
    const client = {
      request: async <T>(_m: string, _p: string, o?: { body?: unknown }): Promise<T> => {
        const a = (o?.body as { spec: { resourceAttributes: { verb: string; resource: string; subresource?: string } } }).spec.resourceAttributes;
        if (a.resource === 'daemonsets') throw new KubeError({ kind: 'forbidden', message: 'no' });
        return { status: { allowed: a.verb === 'delete' } } as T;
      },
    };
    assert.deepEqual(await reviewActions(client, 'shop'), {
      scaleDeployments: false, scaleStatefulSets: false, restartDeployments: false, restartStatefulSets: false, deletePods: true,
    });
  });

  const flags: [string, string, ActionAccess | undefined, Record<string, true | undefined>][] = [
    ['not asked yet', 'Deployment', undefined, {}],
    ['all allowed', 'Deployment', { scaleDeployments: true, restartDeployments: true }, { noScale: undefined, noRestart: undefined }],
    ['viewer on a Deployment', 'Deployment', { scaleDeployments: false, restartDeployments: false }, { noScale: true, noRestart: true }],
    ['scale only (patch deployments/scale)', 'Deployment', { scaleDeployments: true, restartDeployments: false }, { noScale: undefined, noRestart: true }],
    ['a StatefulSet reads its own answers', 'StatefulSet', { scaleDeployments: false, scaleStatefulSets: true, restartStatefulSets: true }, { noScale: undefined, noRestart: undefined }],
    ['a DaemonSet has no scale', 'DaemonSet', { restartDaemonSets: false }, { noScale: undefined, noRestart: true }],
    ['unknown is not refused', 'Deployment', {}, { noScale: undefined, noRestart: undefined }],
    ['a pod that may not be deleted', 'Pod', { deletePods: false }, { noDelete: true }],
    ['a pod that may be', 'Pod', { deletePods: true }, { noDelete: undefined }],
  ];
  for (const [what, kind, access, want] of flags) it(`row flags: ${what}`, () => assert.deepEqual(rowFlags(kind, access), want));
});

describe('AccessCache', () => {
  const deny: ActionAccess = { deletePods: false };
  const allow: ActionAccess = { deletePods: true };

  it('answers undefined first, then the review; one load for many rows; notifies only when a flag changes', async () => {
    let t = 0;
    const cache = new AccessCache({ ttlMs: 1000, now: () => t });
    let loads = 0;
    let answer = allow;
    const load = async () => (loads++, answer);
    let notified = 0;
    assert.equal(cache.get('k', load, () => notified++), undefined);
    assert.equal(cache.get('k', load, () => notified++), undefined);
    await new Promise((r) => setImmediate(r));
    assert.equal(loads, 1);
    assert.equal(notified, 0, 'from nothing to all-allowed no row changes');
    assert.deepEqual(cache.get('k', load), allow);
    t = 500;
    cache.get('k', load);
    assert.equal(loads, 1, 'fresh within the TTL');
    t = 1500;
    answer = deny;
    assert.deepEqual(cache.get('k', load, () => notified++), allow, 'stale answers while the review runs');
    await new Promise((r) => setImmediate(r));
    assert.equal(loads, 2);
    assert.equal(notified, 1);
    assert.deepEqual(cache.get('k', load), deny);
    cache.forget();
    assert.equal(cache.get('k', load), undefined);
  });

  it('a failed load is unknown (no flags) until the TTL passes, not retried on every render', async () => {
    let t = 0;
    const cache = new AccessCache({ ttlMs: 1000, now: () => t });
    let loads = 0;
    const load = async (): Promise<ActionAccess> => {
      loads++;
      throw new Error('no client');
    };
    cache.get('k', load);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(cache.get('k', load), {});
    assert.equal(loads, 1);
    t = 2000;
    cache.get('k', load);
    assert.equal(loads, 2);
  });
});
