import { setIn } from '../edit';
import { defineRule } from '../rule';
import type { KObject } from '../source';
import { atLeast } from '../version';
import { containers, get } from '../walk';
import { hasPorts, serviceTargeting } from './_probes';

export default defineRule({
  meta: {
    id: 'prestop-sleep',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container that receives traffic has no preStop hook, so its shutdown races endpoint removal.',
    rationale:
      'On termination the kubelet sends SIGTERM while kube-proxy and the AWS Load Balancer Controller are still removing the pod from Service endpoints and target groups, so requests keep arriving at a process that is exiting. The EKS Best Practices Guide (networking: load balancing, "gracefully handle the client requests") recommends a preStop hook that sleeps (its example is 10 seconds) so the pod leaves rotation before SIGTERM.',
    fixable: 'fix',
    crossDocument: true,
    options: {
      sleepSeconds: {
        type: 'number',
        default: 10,
        description: 'Seconds the inserted preStop hook sleeps (the EKS Best Practices Guide\'s example; keep it below terminationGracePeriodSeconds minus shutdown time).',
      },
    },
  },
  check(ctx) {
    const seconds = ctx.options.sleepSeconds as number;
    // The sleep action needs no `sleep` binary in the image (distroless images have none); it is on by default
    // from Kubernetes 1.30 (beta, GA in 1.34). Before that only an exec hook can wait.
    const sleepAction = atLeast(ctx.targetVersion, '1.30');
    const hook = sleepAction ? { sleep: { seconds } } : { exec: { command: ['sleep', String(seconds)] } };
    for (const pod of ctx.pods()) {
      // Jobs run to completion; nothing routes requests to them that a preStop sleep would protect.
      if (pod.object.kind === 'Job' || pod.object.kind === 'CronJob') continue;
      for (const c of containers(pod, ['containers'])) {
        if (get(c.container, ['lifecycle', 'preStop']) !== undefined) continue;
        const ports = hasPorts(c.container);
        const service: KObject | undefined = ports ? undefined : serviceTargeting(ctx.workspace, c);
        if (!ports && !service) continue;
        const via = ports ? 'declares ports' : `is selected by Service ${service!.name}`;
        ctx.report({
          object: pod.object,
          path: c.path,
          message: `container "${c.name}" ${via} but has no preStop hook: requests still arrive while it shuts down; sleep ${seconds}s in preStop${sleepAction ? '' : ' (an exec hook: the image needs a `sleep` binary)'}.`,
          fix: { title: `Add a ${seconds}s preStop sleep`, edits: () => setIn(pod.object, [...c.path, 'lifecycle', 'preStop'], hook) },
          ...(ports ? {} : { related: [{ object: service!, path: ['spec', 'selector'], message: `Service ${service!.name} sends traffic to these pods` }] }),
        });
      }
    }
  },
});
