import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../../src/lint/rules/topology-spread';
import { deployment } from '../fixtures';
import { lintWith, ruleTester } from '../rule-tester';

const hpa = (max: number, ns = '') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
${ns}spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: ${max}
`;
const zoneSpread = (key: string) => `      topologySpreadConstraints:\n      - {maxSkew: 1, topologyKey: ${key}, whenUnsatisfiable: ScheduleAnyway}\n`;
const inserted = '      - maxSkew: 1\n        topologyKey: topology.kubernetes.io/zone\n        whenUnsatisfiable: ScheduleAnyway\n        labelSelector:\n          matchLabels:\n            app: web\n';
const instanceType = '      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: node.kubernetes.io/instance-type\n        whenUnsatisfiable: ScheduleAnyway\n';

ruleTester(rule, {
  valid: [
    { name: 'one replica, no HPA', code: deployment('', '', 1) },
    { name: 'zone spread', code: deployment(zoneSpread('topology.kubernetes.io/zone')) },
    { name: 'hostname spread', code: deployment(zoneSpread('kubernetes.io/hostname')) },
    { name: 'deprecated zone label', code: deployment(zoneSpread('failure-domain.beta.kubernetes.io/zone')) },
    {
      name: 'required pod anti-affinity',
      code: deployment('      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector: {matchLabels: {app: web}}\n            topologyKey: kubernetes.io/hostname\n'),
    },
    { name: 'DaemonSet (one per node already)', code: deployment().replace('Deployment', 'DaemonSet').replace('  replicas: 3\n', '') },
    { name: 'HPA that never scales past 1', code: deployment('', '', 1), files: { 'hpa.yaml': hpa(1) } },
    { name: 'HPA of another namespace', code: deployment('', '', 1), files: { 'hpa.yaml': hpa(5, '  namespace: other\n') } },
    { name: 'Job', code: deployment().replace('apps/v1\nkind: Deployment', 'batch/v1\nkind: Job').replace('  replicas: 3\n', '  parallelism: 3\n') },
  ],
  invalid: [
    { name: 'a ReplicationController runs replicas too', code: deployment().replace('apps/v1\nkind: Deployment', 'v1\nkind: ReplicationController'), errors: [{ line: 12, column: 5, message: 'ReplicationController web: runs 3 replicas' }] },
    {
      name: 'three replicas, nothing set',
      code: deployment(),
      errors: [{ line: 12, column: 5, endColumn: 9, message: 'Deployment web: runs 3 replicas with no topology spread constraint' }],
      suggestionOutput: deployment() + '      topologySpreadConstraints:\n' + inserted,
    },
    {
      name: 'one replica but an HPA may scale it out',
      code: deployment('', '', 1),
      files: { 'hpa.yaml': hpa(5) },
      errors: [{ line: 12, column: 5, message: 'may scale to 5 replicas', relatedLine: 8 }],
    },
    {
      name: 'HPA in the same file',
      code: deployment('', '', 1) + '---\n' + hpa(4),
      errors: [{ line: 12, column: 5, message: 'may scale to 4 replicas', relatedLine: 24 }],
    },
    {
      name: 'a spread over another key: append a zone constraint',
      code: deployment(instanceType),
      errors: [{ line: 13, column: 7, endColumn: 32 }],
      suggestionOutput: deployment(instanceType + inserted),
    },
    {
      name: 'flow sequence of constraints',
      code: deployment('      topologySpreadConstraints: [{maxSkew: 1, topologyKey: node.kubernetes.io/instance-type, whenUnsatisfiable: ScheduleAnyway}]\n'),
      errors: [{ line: 13, column: 7 }],
      suggestionOutput: deployment(
        '      topologySpreadConstraints: [{maxSkew: 1, topologyKey: node.kubernetes.io/instance-type, whenUnsatisfiable: ScheduleAnyway}, {"maxSkew":1,"topologyKey":"topology.kubernetes.io/zone","whenUnsatisfiable":"ScheduleAnyway","labelSelector":{"matchLabels":{"app":"web"}}}]\n',
      ),
    },
    {
      name: 'empty anti-affinity lists do not spread anything',
      code: deployment('      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution: []\n'),
      errors: [{ line: 12, column: 5 }],
    },
    {
      name: 'StatefulSet',
      code: deployment().replace('kind: Deployment', 'kind: StatefulSet'),
      errors: [{ line: 12, column: 5, message: 'StatefulSet web:' }],
    },
    {
      name: 'ReplicaSet',
      code: deployment('', '', 2).replace('kind: Deployment', 'kind: ReplicaSet'),
      errors: [{ line: 12, column: 5, message: 'runs 2 replicas' }],
    },
  ],
});

it('topology-spread: no suggestion when the template has no labels to select', () => {
  const code = deployment().replace('      labels: {app: web}\n', '      annotations: {a: b}\n');
  const [f] = lintWith(rule, { code });
  assert.ok(f, 'still reported');
  assert.equal(f.suggestions, undefined);
});
