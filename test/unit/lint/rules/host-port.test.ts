import rule from '../../../../src/lint/rules/host-port';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'container ports only', code: pod('    ports: [{containerPort: 8080}]\n') },
    { name: 'hostPort 0 means none', code: pod('    ports: [{containerPort: 8080, hostPort: 0}]\n') },
    { name: 'a DaemonSet runs one pod per node anyway', code: deployment('', '        ports: [{containerPort: 9100, hostPort: 9100}]\n').replace('kind: Deployment', 'kind: DaemonSet').replace('  replicas: 3\n', '') },
    { name: 'not Kubernetes', code: 'containers:\n- ports: [{hostPort: 80}]\n' },
  ],
  invalid: [
    {
      name: 'a Deployment binding a node port',
      code: deployment('', '        ports:\n        - containerPort: 8080\n          hostPort: 80\n'),
      errors: [{ line: 18, column: 11, endColumn: 19, message: 'Deployment web: container "app" binds hostPort 80: only one such pod fits on each node' }],
    },
    {
      name: 'second port of a bare Pod, flow style',
      code: pod('    ports: [{containerPort: 53}, {containerPort: 8053, hostPort: 8053, protocol: UDP}]\n'),
      errors: [{ line: 9, column: 56, endColumn: 64, message: 'hostPort 8053' }],
    },
  ],
});
