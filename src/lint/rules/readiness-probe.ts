import { defineRule } from '../rule';
import { hasPorts, isLongRunning, serviceTargeting } from './_probes';

export default defineRule({
  meta: {
    id: 'readiness-probe',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container that declares ports, or that a Service sends traffic to, has no readinessProbe.',
    rationale:
      'Without a readiness probe a pod is added to Service endpoints and load balancer targets as soon as its processes start, before it can answer, and stays there when it stops answering. The EKS Best Practices Guide (reliability: applications, and networking: load balancing, "use readiness probes") asks for one on every container that serves traffic.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      // Native sidecars count towards the pod's readiness too; run-to-completion init containers can't be probed.
      if (!isLongRunning(c) || c.container.readinessProbe !== undefined) continue;
      const ports = hasPorts(c.container);
      // A container may listen without declaring its port; a Service whose target port it must be serving finds it.
      const service = ports || c.pod.object.kind === 'Job' || c.pod.object.kind === 'CronJob' ? undefined : serviceTargeting(ctx.workspace, c);
      if (!ports && !service) continue;
      const via = ports ? 'declares ports' : `is selected by Service ${service!.name}`;
      ctx.report({
        object: c.pod.object,
        path: c.path,
        message: `container "${c.name}" ${via} but has no readinessProbe: it receives traffic before it is ready and while it can't answer; add one (the "k8s-deployment-eks" snippet has an example).`,
        ...(service ? { related: [{ object: service, path: ['spec', 'selector'], message: `Service ${service.name} sends traffic to these pods` }] } : {}),
      });
    }
  },
});
