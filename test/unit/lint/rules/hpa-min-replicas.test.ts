import rule from '../../../../src/lint/rules/hpa-min-replicas';
import { ruleTester } from '../rule-tester';

const hpa = (min: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n${min}  maxReplicas: 5\n`;

ruleTester(rule, {
  valid: [{ code: hpa('  minReplicas: 2\n') }],
  invalid: [
    { code: hpa('  minReplicas: 1\n'), errors: [{ line: 7, column: 16, message: 'has minReplicas 1' }], suggestionOutput: hpa('  minReplicas: 2\n') },
    { name: 'missing', code: hpa(''), errors: [{ line: 5, column: 1, message: '1 by default' }], suggestionOutput: hpa('') + '  minReplicas: 2\n' },
  ],
});
