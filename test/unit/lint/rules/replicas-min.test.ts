import rule from '../../../../src/lint/rules/replicas-min';
import { ruleTester } from '../rule-tester';

const deploy = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${spec}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`;

const hpa = (min: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: ${min}
  maxReplicas: 10
`;

ruleTester(rule, {
  valid: [
    { name: 'three replicas', code: deploy('  replicas: 3\n') },
    { name: 'HPA keeps two', code: deploy('  replicas: 1\n'), files: { 'hpa.yaml': hpa(2) } },
    { name: 'HPA in the same file', code: deploy('') + '---\n' + hpa(3) },
    { name: 'DaemonSet is not counted', code: deploy('').replace('Deployment', 'DaemonSet') },
  ],
  invalid: [
    {
      name: 'one replica',
      code: deploy('  replicas: 1\n'),
      errors: [{ line: 6, column: 13, endColumn: 14, message: 'runs 1 replica' }],
      suggestionOutput: deploy('  replicas: 2\n'),
    },
    {
      name: 'replicas missing',
      code: deploy(''),
      errors: [{ line: 5, column: 1, message: 'sets no replicas' }],
      suggestionOutput: deploy('').replace('        image: nginx:1.27\n', '        image: nginx:1.27\n  replicas: 2\n'),
    },
    {
      name: 'HPA allows one',
      code: deploy('  replicas: 1\n'),
      files: { 'hpa.yaml': hpa(1) },
      errors: [{ line: 6, column: 13, relatedLine: 7 }],
    },
  ],
});
