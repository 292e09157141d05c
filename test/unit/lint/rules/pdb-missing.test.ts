import rule from '../../../../src/lint/rules/pdb-missing';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const pdb = (selector: string, apiVersion = 'policy/v1', ns = '') => `apiVersion: ${apiVersion}\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n${ns}spec:\n  maxUnavailable: 1\n  selector: ${selector}\n`;
const hpa = (max: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n  maxReplicas: ${max}\n`;

ruleTester(rule, {
  valid: [
    { name: 'single replica', code: deployment('', '', 1) },
    { name: 'PDB in another file', code: deployment(), files: { 'pdb.yaml': pdb('{matchLabels: {app: web}}') } },
    { name: 'PDB in the same file', code: deployment() + '---\n' + pdb('{matchLabels: {app: web}}') },
    { name: 'PDB by matchExpressions', code: deployment(), files: { 'pdb.yaml': pdb('{matchExpressions: [{key: app, operator: In, values: [api, web]}]}') } },
    { name: 'policy/v1 empty selector selects every pod of the namespace', code: deployment(), files: { 'pdb.yaml': pdb('{}') } },
    { name: 'DaemonSet', code: deployment().replace('Deployment', 'DaemonSet').replace('  replicas: 3\n', '') },
    { name: 'HPA that never scales past 1', code: deployment('', '', 1), files: { 'hpa.yaml': hpa(1) } },
    { name: 'suppressed on the line', code: deployment().replace('  name: web\n', '  # wharf-disable-next-line pdb-missing\n  name: web\n') },
  ],
  invalid: [
    { name: 'no PDB at all', code: deployment(), errors: [{ line: 4, column: 9, endColumn: 12, message: 'Deployment web: runs 3 replicas but no PodDisruptionBudget selects its pods' }] },
    { name: 'PDB selects other pods', code: deployment(), files: { 'pdb.yaml': pdb('{matchLabels: {app: api}}') }, errors: [{ line: 4, column: 9, message: 'k8s-pdb' }] },
    { name: 'PDB in another namespace', code: deployment(), files: { 'pdb.yaml': pdb('{matchLabels: {app: web}}', 'policy/v1', '  namespace: other\n') }, errors: [{ line: 4, column: 9 }] },
    { name: 'policy/v1beta1 empty selector selects nothing', code: deployment(), files: { 'pdb.yaml': pdb('{}', 'policy/v1beta1') }, errors: [{ line: 4, column: 9 }] },
    { name: 'one replica that an HPA scales out', code: deployment('', '', 1), files: { 'hpa.yaml': hpa(6) }, errors: [{ line: 4, column: 9, message: 'may scale to 6 replicas' }] },
    { name: 'ReplicationController', code: deployment().replace('apps/v1\nkind: Deployment', 'v1\nkind: ReplicationController'), errors: [{ line: 4, column: 9, message: 'ReplicationController web: runs 3 replicas' }] },
    { name: 'StatefulSet', code: deployment().replace('kind: Deployment', 'kind: StatefulSet'), errors: [{ line: 4, column: 9, message: 'StatefulSet web:' }] },
  ],
});
