import rule from '../../../../src/lint/rules/lb-controller-annotations';
import { ruleTester } from '../rule-tester';

const svc = (meta: string, spec = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n${meta}spec:\n  type: LoadBalancer\n${spec}  selector: {app: web}\n`;
const ann = (...lines: string[]) => `  annotations:\n${lines.map((l) => `    ${l}\n`).join('')}`;
const lbc = ['service.beta.kubernetes.io/aws-load-balancer-type: external', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip'];

ruleTester(rule, {
  valid: [
    { name: 'LBC annotations', code: svc(ann(...lbc)) },
    { name: 'type external alone', code: svc(ann(lbc[0])) },
    { name: 'legacy nlb-ip', code: svc(ann('service.beta.kubernetes.io/aws-load-balancer-type: nlb-ip')) },
    { name: 'nlb-target-type alone', code: svc(ann('service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: instance')) },
    { name: 'loadBalancerClass service.k8s.aws/nlb', code: svc('', '  loadBalancerClass: service.k8s.aws/nlb\n') },
    { name: 'another loadBalancerClass: not the in-tree controller', code: svc('', '  loadBalancerClass: io.cilium/bgp-control-plane\n') },
    { name: 'ClusterIP', code: svc('').replace('LoadBalancer', 'ClusterIP') },
  ],
  invalid: [
    {
      name: 'no annotations',
      code: svc(''),
      errors: [{ line: 6, column: 9, endColumn: 21, message: 'Service web: is a LoadBalancer Service without AWS Load Balancer Controller annotations: the in-tree controller makes a Classic Load Balancer' }],
      suggestionOutput: svc(ann(...lbc)),
    },
    { name: 'other annotations kept', code: svc(ann('team: web')), errors: [{ line: 8, column: 9 }], suggestionOutput: svc(ann('team: web', ...lbc)) },
    {
      name: 'in-tree NLB',
      code: svc(ann('service.beta.kubernetes.io/aws-load-balancer-type: nlb', 'team: web')),
      errors: [{ line: 6, column: 56, message: 'in-tree controller for a Network Load Balancer with instance targets' }],
      suggestionOutput: svc(ann(lbc[0], 'team: web', lbc[1])),
    },
    { name: 'an unknown type value: no suggestion', code: svc(ann('service.beta.kubernetes.io/aws-load-balancer-type: clb')), errors: [{ line: 8, column: 9, message: 'Classic Load Balancer' }] },
  ],
});
