import rule from '../../../../src/lint/rules/pdb-blocks-drain';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const pdb = (budget: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  ${budget}\n  selector:\n    matchLabels: {app: web}\n`;

ruleTester(rule, {
  valid: [
    { code: pdb('maxUnavailable: 1') },
    { name: 'minAvailable below replicas', code: pdb('minAvailable: 2'), files: { 'd.yaml': deployment('', '', 3) } },
  ],
  invalid: [
    { name: 'maxUnavailable 0', code: pdb('maxUnavailable: 0'), errors: [{ line: 6, column: 19, message: 'maxUnavailable: 0' }] },
    { name: '0%', code: pdb('maxUnavailable: "0%"'), errors: [{ line: 6, column: 19 }] },
    { name: '100%', code: pdb('minAvailable: 100%'), errors: [{ line: 6, column: 17, message: 'minAvailable: 100%' }] },
    { name: 'minAvailable = replicas', code: pdb('minAvailable: 3'), files: { 'd.yaml': deployment('', '', 3) }, errors: [{ line: 6, column: 17, message: 'Deployment web runs 3', relatedLine: 6 }] },
  ],
});
