import rule from '../../../../src/lint/rules/hpa-min-replicas';
import { ruleTester } from '../rule-tester';

const hpa = (min: string, max = 5) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n${min}  maxReplicas: ${max}\n`;

ruleTester(rule, {
  valid: [
    { name: 'minReplicas 2', code: hpa('  minReplicas: 2\n') },
    { name: 'minReplicas 3', code: hpa('  minReplicas: 3\n', 10) },
    { name: 'not an HPA', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  minReplicas: 1\n' },
  ],
  invalid: [
    {
      name: 'minReplicas 1',
      code: hpa('  minReplicas: 1\n'),
      errors: [{ line: 7, column: 16, endColumn: 17, message: 'HorizontalPodAutoscaler web: has minReplicas 1: a quiet period leaves one pod' }],
      suggestionOutput: hpa('  minReplicas: 2\n'),
    },
    { name: 'missing', code: hpa(''), errors: [{ line: 5, column: 1, endColumn: 5, message: 'sets no minReplicas (1 by default)' }], suggestionOutput: hpa('') + '  minReplicas: 2\n' },
    { name: 'minReplicas 0 (scale to zero)', code: hpa('  minReplicas: 0\n'), errors: [{ line: 7, column: 16, message: 'leaves no pod' }], suggestionOutput: hpa('  minReplicas: 2\n') },
    { name: 'maxReplicas 1: raise both', code: hpa('  minReplicas: 1\n', 1), errors: [{ line: 7, column: 16 }], suggestionOutput: hpa('  minReplicas: 2\n', 2) },
  ],
});
