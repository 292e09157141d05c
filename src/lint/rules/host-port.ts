import { defineRule } from '../rule';
import { isObj } from '../walk';

export default defineRule({
  meta: {
    id: 'host-port',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A container binds a port of the node (hostPort).',
    rationale:
      'A hostPort ties the pod to a node port: only one such pod fits on each node, so replicas stay Pending once the nodes with the port free run out, and each (hostIP, hostPort, protocol) must be unique. The Kubernetes configuration best practices advise against hostPort unless it is absolutely necessary; use a Service (or hostNetwork only for node agents). DaemonSets run one pod per node anyway and are not reported.',
    fixable: 'none',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.pod.object.kind === 'DaemonSet') continue;
      const ports = c.container.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p, i) => {
        if (!isObj(p) || p.hostPort === undefined || p.hostPort === null || p.hostPort === 0) return;
        ctx.report({
          object: c.pod.object,
          path: [...c.path, 'ports', i, 'hostPort'],
          prefer: 'key',
          message: `container "${c.name}" binds hostPort ${String(p.hostPort)}: only one such pod fits on each node, so replicas stay Pending when nodes run out; expose it through a Service instead.`,
        });
      });
    }
  },
});
