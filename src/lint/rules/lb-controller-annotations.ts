import { mergeIn } from '../edit';
import { defineRule } from '../rule';
import { get, isObj } from '../walk';

const TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
const TARGET = 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type';

export default defineRule({
  meta: {
    id: 'lb-controller-annotations',
    category: 'eks',
    defaultSeverity: 'info',
    description: 'A LoadBalancer Service would be provisioned by the in-tree controller, not the AWS Load Balancer Controller.',
    rationale:
      'Without the AWS Load Balancer Controller annotations (or loadBalancerClass service.k8s.aws/nlb) the legacy in-tree cloud provider creates a Classic Load Balancer with instance targets: no IP targets, no IPv6, slower target registration. The EKS Best Practices Guide (networking: load balancing) recommends the AWS Load Balancer Controller with NLB IP targets.',
    fixable: 'suggest',
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'Service' || get(o.value, ['spec', 'type']) !== 'LoadBalancer') continue;
      if (String(get(o.value, ['spec', 'loadBalancerClass']) ?? '').startsWith('service.k8s.aws/')) continue;
      const ann = get(o.value, ['metadata', 'annotations']);
      if (isObj(ann) && (ann[TYPE] === 'external' || ann[TYPE] === 'nlb-ip' || ann[TARGET] !== undefined)) continue;
      ctx.report({
        object: o,
        path: ['spec', 'type'],
        message: 'is a LoadBalancer Service without AWS Load Balancer Controller annotations: the in-tree controller makes a Classic Load Balancer. Annotate it (and set aws-load-balancer-scheme: internet-facing if it must be public).',
        // An existing aws-load-balancer-type (e.g. "nlb", in-tree NLB) is the author's choice: don't override it.
        suggest: isObj(ann) && ann[TYPE] !== undefined ? [] : [{ title: 'Use the AWS Load Balancer Controller (NLB, IP targets)', edits: mergeIn(o, ['metadata', 'annotations'], { [TYPE]: 'external', [TARGET]: 'ip' }) }],
      });
    }
  },
});
