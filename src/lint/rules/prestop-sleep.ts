import { setIn } from '../edit';
import { defineRule } from '../rule';
import { atLeast } from '../version';
import { containers } from '../walk';

export default defineRule({
  meta: {
    id: 'prestop-sleep',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container that receives traffic has no preStop hook, so shutdown races endpoint removal.',
    rationale:
      'On termination the kubelet sends SIGTERM while the endpoint is still being removed from Services and from AWS load balancer targets; requests keep arriving at a process that is exiting. The EKS Best Practices Guide (reliability: applications, and the AWS Load Balancer Controller guidance) recommends a preStop sleep so the pod leaves rotation first.',
    fixable: 'fix',
    crossDocument: true,
    options: {
      sleepSeconds: { type: 'number', default: 10, description: 'Seconds the inserted preStop hook sleeps.' },
    },
  },
  check(ctx) {
    const seconds = ctx.options.sleepSeconds as number;
    for (const pod of ctx.pods()) {
      if (pod.object.kind === 'Job' || pod.object.kind === 'CronJob') continue;
      let service: ReturnType<typeof ctx.workspace.selecting>[number] | undefined;
      let looked = false;
      for (const c of containers(pod, ['containers'])) {
        if (c.container.lifecycle !== undefined && (c.container.lifecycle as Record<string, unknown>).preStop !== undefined) continue;
        const hasPorts = Array.isArray(c.container.ports) && c.container.ports.length > 0;
        if (!hasPorts && !looked) {
          service = ctx.workspace.selecting('Service', pod, ['spec', 'selector'])[0];
          looked = true;
        }
        if (!hasPorts && !service) continue;
        // The sleep action needs no binary in the image; it is on by default from Kubernetes 1.30.
        const hook = atLeast(ctx.targetVersion, '1.30') ? { sleep: { seconds } } : { exec: { command: ['sleep', String(seconds)] } };
        ctx.report({
          object: pod.object,
          path: c.path,
          message: `container "${c.name}" receives traffic but has no preStop hook: requests arrive while it shuts down; sleep ${seconds}s in preStop.`,
          fix: { title: `Add a ${seconds}s preStop sleep`, edits: setIn(pod.object, [...c.path, 'lifecycle', 'preStop'], hook) },
          ...(!hasPorts && service ? { related: [{ object: service, message: `Service ${service.name} sends it traffic` }] } : {}),
        });
      }
    }
  },
});
