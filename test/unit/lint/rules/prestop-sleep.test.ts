import rule from '../../../../src/lint/rules/prestop-sleep';
import { deployment } from '../fixtures';
import { ruleTester } from '../rule-tester';

const ports = '        ports:\n        - containerPort: 8080\n';
const svc = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n`;

ruleTester(rule, {
  valid: [
    { name: 'no traffic', code: deployment() },
    { name: 'has a hook', code: deployment('', ports + '        lifecycle:\n          preStop:\n            sleep: {seconds: 5}\n') },
    { name: 'a Service selects other pods', code: deployment(), files: { 's.yaml': svc.replace('app: web', 'app: api') } },
  ],
  invalid: [
    {
      name: 'ports, sleep action on 1.30+',
      code: deployment('', ports),
      errors: [{ line: 14, column: 15, message: 'has no preStop hook' }],
      output: deployment('', ports + '        lifecycle:\n          preStop:\n            sleep:\n              seconds: 10\n'),
    },
    {
      name: 'before 1.30: exec sleep',
      code: deployment('', ports),
      config: { kubernetesVersion: '1.29', rules: { 'prestop-sleep': { sleepSeconds: 15 } } },
      errors: [{ line: 14, column: 15, message: 'sleep 15s' }],
      output: deployment('', ports + '        lifecycle:\n          preStop:\n            exec:\n              command:\n              - sleep\n              - "15"\n'),
    },
    {
      name: 'selected by a Service in another file',
      code: deployment(),
      files: { 's.yaml': svc },
      errors: [{ line: 14, column: 15, relatedLine: 4 }],
      output: deployment('', '        lifecycle:\n          preStop:\n            sleep:\n              seconds: 10\n'),
    },
  ],
});
