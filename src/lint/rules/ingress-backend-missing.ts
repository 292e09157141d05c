import { defineRule } from '../rule';
import type { KObject } from '../source';
import { get, isObj, namespaceOf } from '../walk';
import type { Workspace } from '../workspace';
import type { Path } from '../types';

/** Namespaces whose Services the workspace holds: only there is a missing backend Service a finding. */
function namespacesWithServices(ws: Workspace): Set<string> {
  return ws.memo('rules/ingress-backend-missing:namespaces', () => new Set(ws.ofKind('Service').map(namespaceOf)));
}

/** Every backend Service name of an Ingress with its path: networking.k8s.io/v1 and the old v1beta1 shape. */
function backends(ingress: KObject): { name: string; path: Path }[] {
  const out: { name: string; path: Path }[] = [];
  const add = (backend: unknown, at: Path) => {
    if (!isObj(backend)) return;
    const v1 = get(backend, ['service', 'name']);
    if (typeof v1 === 'string') out.push({ name: v1, path: [...at, 'service', 'name'] });
    else if (typeof backend.serviceName === 'string') out.push({ name: backend.serviceName, path: [...at, 'serviceName'] });
  };
  const spec = ingress.value.spec;
  if (!isObj(spec)) return out;
  add(spec.defaultBackend, ['spec', 'defaultBackend']);
  add(spec.backend, ['spec', 'backend']);
  if (Array.isArray(spec.rules)) {
    spec.rules.forEach((r, i) => {
      const paths = get(r, ['http', 'paths']);
      if (Array.isArray(paths)) paths.forEach((p, j) => isObj(p) && add(p.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend']));
    });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'ingress-backend-missing',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'An Ingress routes to a Service that its namespace does not define in the workspace.',
    rationale:
      'An Ingress backend that names a missing Service answers 503 (ingress-nginx) or fails to register targets (the AWS Load Balancer Controller reports the error on the Ingress), usually after a Service was renamed. Reported only when the workspace holds Services of the Ingress\'s namespace, so Services managed elsewhere stay quiet.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const ing of ctx.objects) {
      if (ing.kind !== 'Ingress') continue;
      const ns = namespaceOf(ing);
      if (!namespacesWithServices(ctx.workspace).has(ns)) continue;
      for (const b of backends(ing)) {
        if (ctx.workspace.find('Service', ns, b.name)) continue;
        ctx.report({ object: ing, path: b.path, prefer: 'value', message: `routes to Service "${b.name}", which namespace "${ns}" does not define in the workspace: requests get 503; fix the name or add the Service.` });
      }
    }
  },
});
