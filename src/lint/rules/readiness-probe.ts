import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'readiness-probe',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container that serves ports has no readinessProbe.',
    rationale:
      'Without a readiness probe a pod receives traffic as soon as its process starts, before it can answer, and keeps receiving it when it stops answering. The EKS Best Practices Guide (reliability: applications, "use readiness probes") asks for one on every serving container.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.list !== 'containers') continue;
      if (!Array.isArray(c.container.ports) || c.container.ports.length === 0) continue;
      if (c.container.readinessProbe !== undefined) continue;
      ctx.report({ object: c.pod.object, path: c.path, message: `container "${c.name}" serves ports but has no readinessProbe, so it gets traffic before it is ready.` });
    }
  },
});
