import rule from '../../../../src/lint/rules/pdb-missing';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const pdb = (labels: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {${labels}}\n`;

ruleTester(rule, {
  valid: [
    { name: 'single replica', code: deployment('', '', 1) },
    { name: 'PDB in another file', code: deployment(), files: { 'pdb.yaml': pdb('app: web') } },
  ],
  invalid: [
    { code: deployment(), errors: [{ line: 4, column: 9, message: 'has no PodDisruptionBudget' }] },
    { name: 'PDB selects other pods', code: deployment(), files: { 'pdb.yaml': pdb('app: api') }, errors: [{ line: 4, column: 9 }] },
  ],
});
