import rule from '../../../../src/lint/rules/lb-controller-annotations';
import { ruleTester } from '../rule-tester';

const svc = (meta: string, spec = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n${meta}spec:\n  type: LoadBalancer\n${spec}  selector: {app: web}\n`;

ruleTester(rule, {
  valid: [
    { name: 'LBC annotations', code: svc('  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-type: external\n    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip\n') },
    { name: 'loadBalancerClass', code: svc('', '  loadBalancerClass: service.k8s.aws/nlb\n') },
    { name: 'ClusterIP', code: svc('').replace('LoadBalancer', 'ClusterIP') },
  ],
  invalid: [
    {
      name: 'no annotations',
      code: svc(''),
      errors: [{ line: 6, column: 9, message: 'Classic Load Balancer' }],
      suggestionOutput: svc('  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-type: external\n    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip\n'),
    },
    {
      name: 'other annotations',
      code: svc('  annotations:\n    team: web\n'),
      errors: [{ line: 8, column: 9 }],
      suggestionOutput: svc('  annotations:\n    team: web\n    service.beta.kubernetes.io/aws-load-balancer-type: external\n    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip\n'),
    },
  ],
});
