import { mergeIn, setIn } from '../edit';
import { defineRule } from '../rule';
import type { TextEdit } from '../types';
import { get, isObj } from '../walk';

const TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
const TARGET = 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type';
// Values of the type annotation that the AWS Load Balancer Controller reconciles ("nlb-ip" is its legacy spelling).
const LBC_TYPES = new Set(['external', 'nlb-ip']);

export default defineRule({
  meta: {
    id: 'lb-controller-annotations',
    category: 'eks',
    defaultSeverity: 'info',
    description: 'A LoadBalancer Service would be provisioned by the legacy in-tree controller, not the AWS Load Balancer Controller.',
    rationale:
      'Without the AWS Load Balancer Controller annotations (aws-load-balancer-type: external, aws-load-balancer-nlb-target-type) or loadBalancerClass service.k8s.aws/nlb, the in-tree cloud provider handles the Service: a Classic Load Balancer (or, with type nlb, an NLB) with instance targets only, no IPv6, no pod IP targets and none of the controller\'s health-check and lifecycle fixes. The EKS Best Practices Guide (networking: load balancing) recommends the AWS Load Balancer Controller with NLB IP targets.',
    fixable: 'suggest',
  },
  check(ctx) {
    for (const o of ctx.objects) {
      if (o.kind !== 'Service' || get(o.value, ['spec', 'type']) !== 'LoadBalancer') continue;
      // Any loadBalancerClass takes the Service away from the in-tree controller (service.k8s.aws/nlb is the AWS one).
      const cls = get(o.value, ['spec', 'loadBalancerClass']);
      if (typeof cls === 'string' && cls !== '') continue;
      const ann = get(o.value, ['metadata', 'annotations']);
      const type = isObj(ann) ? ann[TYPE] : undefined;
      if (isObj(ann) && ((typeof type === 'string' && LBC_TYPES.has(type)) || ann[TARGET] !== undefined)) continue;
      if (type === 'nlb') {
        const edits = () => combine(setIn(o, ['metadata', 'annotations', TYPE], 'external'), mergeIn(o, ['metadata', 'annotations'], { [TARGET]: 'ip' }));
        ctx.report({
          object: o,
          path: ['metadata', 'annotations', TYPE],
          message: 'asks the in-tree controller for a Network Load Balancer with instance targets; use the AWS Load Balancer Controller (aws-load-balancer-type: external with nlb-target-type ip) for IP targets and IPv6.',
          suggest: [{ title: 'Use the AWS Load Balancer Controller (NLB, IP targets)', edits }],
        });
        continue;
      }
      ctx.report({
        object: o,
        path: ['spec', 'type'],
        message: 'is a LoadBalancer Service without AWS Load Balancer Controller annotations: the in-tree controller makes a Classic Load Balancer. Annotate it for the controller (and add aws-load-balancer-scheme: internet-facing if it must be public; the controller defaults to internal).',
        // Another value of the type annotation is the author's choice: don't offer to overwrite it.
        suggest: type !== undefined ? [] : [{ title: 'Use the AWS Load Balancer Controller (NLB, IP targets)', edits: () => mergeIn(o, ['metadata', 'annotations'], { [TYPE]: 'external', [TARGET]: 'ip' }) }],
      });
    }
  },
});

function combine(...parts: (TextEdit[] | undefined)[]): TextEdit[] | undefined {
  return parts.every((p) => p !== undefined) ? parts.flat() as TextEdit[] : undefined;
}
