// The action prompts: each names the object, the namespace or ECS cluster, the cluster, the Region and the identity,
// and says what happens next. Pure (actions-text.ts), so the wording is checked here; the UI scenario reads it too.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deletePodConfirmation, desiredCountConfirmation, ecsWhere, forceDeploymentConfirmation, kubeWhere, restartConfirmation, scaleConfirmation, scaleConflictText, scalePrompt, stopTaskConfirmation,
} from '../../../src/commands/explorer/actions-text';

const ref = { profile: 'wharf-admin', region: 'us-east-1', clusterName: 'shop-prod' };
const sso = { sso: { session: 'corp', accountId: '111122223333', roleName: 'Dev' }, region: 'eu-west-1', clusterName: 'prod' };
const where = kubeWhere(ref, 'shop');

describe('action prompts', () => {
  const places: [string, string][] = [
    [where, 'namespace shop of cluster shop-prod (us-east-1, profile wharf-admin)'],
    [kubeWhere(sso, 'data'), 'namespace data of cluster prod (eu-west-1, Dev in account 111122223333)'],
    [ecsWhere({ region: 'us-east-1' }, 'arn:aws:ecs:us-east-1:1:cluster/checkout'), 'ECS cluster checkout (us-east-1, profile default)'],
  ];
  for (const [got, want] of places) it(want, () => assert.equal(got, want));

  const prompts: [string, ReturnType<typeof scaleConfirmation>, RegExp, RegExp, string[]][] = [
    ['scale up', scaleConfirmation('Deployment', 'cart', where, 2, 4), /^Scale Deployment cart from 2 to 4 replicas in namespace shop of cluster shop-prod \(us-east-1, profile wharf-admin\)\?$/, /New pods start/, ['Scale']],
    ['scale to one', scaleConfirmation('StatefulSet', 'db', where, 3, 1), /from 3 to 1 replica in/, /2 pods are stopped/, ['Scale']],
    ['scale to zero', scaleConfirmation('Deployment', 'cart', where, 2, 0), /from 2 to 0 replicas/, /Every pod of cart is stopped/, ['Scale']],
    ['scale, HPAs unreadable: hedged', scaleConfirmation('Deployment', 'cart', where, 2, 4), /from 2 to 4/, /An autoscaler \(HPA\) on it may change the count again\.$/, ['Scale']],
    ['scale, no HPA: no hedge', scaleConfirmation('Deployment', 'cart', where, 2, 4, { known: true }), /from 2 to 4/, /as the controller converges\.$/, ['Scale']],
    ['scale within the HPA range', scaleConfirmation('Deployment', 'cart', where, 2, 4, { known: true, hpa: { name: 'cart', min: 2, max: 10 } }), /from 2 to 4/, /HorizontalPodAutoscaler cart \(2-10 replicas\) will change the count again as the load changes\.$/, ['Scale']],
    ['scale outside the HPA range', scaleConfirmation('Deployment', 'cart', where, 2, 20, { known: true, hpa: { name: 'cart', min: 2, max: 10 } }), /from 2 to 20/, /keeps this Deployment between 2 and 10 replicas: it will set the count back into that range.*minReplicas \/ maxReplicas/, ['Scale']],
    ['scale to zero under an HPA', scaleConfirmation('Deployment', 'cart', where, 2, 0, { known: true, hpa: { name: 'cart', min: 2, max: 10 } }), /from 2 to 0/, /leaves it alone at 0 and takes over again once it is scaled up\.$/, ['Scale']],
    ['restart', restartConfirmation('DaemonSet', 'fluent-bit', where), /^Restart the rollout of DaemonSet fluent-bit in namespace shop/, /restartedAt/, ['Restart']],
    ['delete an owned pod', deletePodConfirmation('cart-1', where, { owner: 'ReplicaSet cart-5c4' }), /^Delete pod cart-1 in namespace shop/, /Its ReplicaSet cart-5c4 makes a replacement/, ['Delete', 'Delete Now']],
    ['delete a bare pod stuck terminating', deletePodConfirmation('debug', where, { terminatingSince: '2026-12-02T10:00:00Z' }), /^Delete pod debug/, /gone for good\. It has been terminating since 2026-12-02T10:00:00Z/, ['Delete', 'Delete Now']],
    ['force a deployment', forceDeploymentConfirmation('api', 'ECS cluster checkout (us-east-1, profile wharf-admin)', 'arn:aws:ecs:us-east-1:1:task-definition/api:7'), /^Force a new deployment of service api in ECS cluster checkout/, /from api:7/, ['Deploy']],
    ['desired count', desiredCountConfirmation('api', 'ECS cluster checkout (us-east-1, profile wharf-admin)', 2, 0), /from 2 to 0 in ECS cluster checkout/, /stops every task/, ['Set Desired Count']],
    ['stop a service task', stopTaskConfirmation('abc', 'ECS cluster checkout (…)', 'api', 'Stuck'), /^Stop task abc in ECS cluster checkout/, /Service api starts a replacement.*"Stuck"/, ['Stop Task']],
    ['stop a standalone task', stopTaskConfirmation('abc', 'ECS cluster checkout (…)', undefined, 'Done'), /^Stop task abc/, /standalone task: nothing replaces it/, ['Stop Task']],
  ];
  for (const [what, c, message, detail, buttons] of prompts) {
    it(what, () => {
      assert.match(c.message, message);
      assert.match(c.detail, detail);
      assert.deepEqual(c.buttons, buttons);
    });
  }

  it('the scale prompt names the HPA and its range', () => {
    assert.equal(scalePrompt('namespace shop', 2, 2, { known: true }), 'Replicas in namespace shop. Now 2 desired, 2 existing.');
    assert.equal(scalePrompt('namespace shop', 3, 2, { known: true, hpa: { name: 'cart', min: 2, max: 10 } }), 'Replicas in namespace shop. Now 3 desired, 2 existing. HorizontalPodAutoscaler cart manages it (2-10).');
  });

  it('a conflicting scale says nothing changed and what the count is now', () => {
    assert.match(scaleConflictText('Deployment', 'cart', 5), /^The replica count of Deployment cart changed while the dialog was open \(now 5 desired\); nothing was changed\./);
  });
});
