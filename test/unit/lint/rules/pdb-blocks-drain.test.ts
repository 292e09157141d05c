import rule from '../../../../src/lint/rules/pdb-blocks-drain';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

// Line 6 holds the budget; line 8 the selector's labels.
const pdb = (budget: string, labels = 'app: web', ns = '') => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n${ns}spec:\n  ${budget}\n  selector:\n    matchLabels: {${labels}}\n`;
const hpa = (min: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n  minReplicas: ${min}\n  maxReplicas: 10\n`;
const daemonSet = deployment().replace('Deployment', 'DaemonSet').replace('  replicas: 3\n', '');

ruleTester(rule, {
  valid: [
    { name: 'maxUnavailable 1', code: pdb('maxUnavailable: 1') },
    { name: 'maxUnavailable 10% (rounded up to one pod)', code: pdb('maxUnavailable: 10%'), files: { 'd.yaml': deployment() } },
    { name: 'minAvailable below replicas', code: pdb('minAvailable: 2'), files: { 'd.yaml': deployment('', '', 3) } },
    { name: 'minAvailable 50% of 3 needs 2', code: pdb('minAvailable: 50%'), files: { 'd.yaml': deployment('', '', 3) } },
    { name: 'nothing selected: replicas unknown', code: pdb('minAvailable: 3') },
    { name: 'selects other pods', code: pdb('minAvailable: 3', 'app: api'), files: { 'd.yaml': deployment('', '', 3) } },
    { name: 'workload in another namespace', code: pdb('minAvailable: 3', 'app: web', '  namespace: other\n'), files: { 'd.yaml': deployment('', '', 3) } },
    { name: 'a DaemonSet\'s pod count is unknown', code: pdb('minAvailable: 3'), files: { 'd.yaml': daemonSet } },
    { name: 'HPA floor above minAvailable', code: pdb('minAvailable: 1'), files: { 'd.yaml': deployment('', '', 1), 'hpa.yaml': hpa(2) } },
    { name: 'scaled to zero: nothing to evict', code: pdb('minAvailable: 1'), files: { 'd.yaml': deployment('', '', 0) } },
  ],
  invalid: [
    { name: 'maxUnavailable 0', code: pdb('maxUnavailable: 0'), errors: [{ line: 6, column: 19, endColumn: 20, message: 'PodDisruptionBudget web: allows no pod to be evicted (maxUnavailable: 0)' }] },
    { name: 'maxUnavailable "0%"', code: pdb('maxUnavailable: "0%"'), errors: [{ line: 6, column: 19, endColumn: 23, message: 'maxUnavailable: 0%' }] },
    { name: 'minAvailable 100%', code: pdb('minAvailable: 100%'), errors: [{ line: 6, column: 17, message: 'minAvailable: 100%' }] },
    {
      name: 'minAvailable equal to replicas',
      code: pdb('minAvailable: 3'),
      files: { 'd.yaml': deployment('', '', 3) },
      errors: [{ line: 6, column: 17, endColumn: 18, message: 'requires 3 pods available but Deployment web runs 3: no pod can be evicted', relatedLine: 6 }],
    },
    { name: 'minAvailable above replicas, same file', code: pdb('minAvailable: 5') + '---\n' + deployment('', '', 3), errors: [{ line: 6, column: 17, relatedLine: 15 }] },
    {
      name: 'minAvailable at the HPA floor',
      code: pdb('minAvailable: 2'),
      files: { 'd.yaml': deployment('', '', 4), 'hpa.yaml': hpa(2) },
      errors: [{ line: 6, column: 17, message: 'Deployment web may run 2 (HorizontalPodAutoscaler web minReplicas)', relatedLine: 4 }],
    },
    { name: 'a percentage that rounds up to every pod', code: pdb('minAvailable: 67%'), files: { 'd.yaml': deployment('', '', 3) }, errors: [{ line: 6, column: 17, message: 'requires 3 (67%) pods' }] },
    {
      name: 'two workloads counted together',
      code: pdb('minAvailable: 3', 'tier: front'),
      files: {
        'a.yaml': deployment('', '', 2).replace('labels: {app: web}', 'labels: {app: web, tier: front}'),
        'b.yaml': deployment('', '', 1, 'api').replace('labels: {app: api}', 'labels: {app: api, tier: front}'),
      },
      errors: [{ line: 6, column: 17, message: 'but Deployment web runs 2, Deployment api runs 1' }],
    },
  ],
});
