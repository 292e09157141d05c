import { setIn } from '../edit';
import { defineRule } from '../rule';
import type { KObject } from '../source';
import { get, isObj, namespaceOf } from '../walk';
import type { Workspace } from '../workspace';

/** A ServiceAccount that something grants permissions to (IRSA or a binding) needs its token mounted. */
function roleBearing(ws: Workspace, sa: KObject | undefined, namespace: string, name: string): boolean {
  if (sa && typeof get(sa.value, ['metadata', 'annotations', 'eks.amazonaws.com/role-arn']) === 'string') return true;
  for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
    for (const b of ws.ofKind(kind)) {
      const subjects = b.value.subjects;
      if (!Array.isArray(subjects)) continue;
      if (subjects.some((s) => isObj(s) && s.kind === 'ServiceAccount' && s.name === name && (s.namespace ?? namespaceOf(b)) === namespace)) return true;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'automount-token',
    category: 'security',
    defaultSeverity: 'info',
    description: 'A pod mounts a Kubernetes API token it has no use for.',
    rationale:
      'Unless automountServiceAccountToken is false, every container gets a token for the Kubernetes API; an attacker in the container can use it. The EKS Best Practices Guide (security: IAM, "disable auto-mounting of service account tokens") asks to mount it only where the application calls the API.',
    fixable: 'suggest',
    crossDocument: true,
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      if (pod.spec.automountServiceAccountToken === false) continue;
      if (pod.spec.automountServiceAccountToken === true) continue; // asked for explicitly
      const name = typeof pod.spec.serviceAccountName === 'string' ? pod.spec.serviceAccountName : 'default';
      const ns = namespaceOf(pod.object);
      const sa = ctx.workspace.find('ServiceAccount', ns, name);
      if (sa && sa.value.automountServiceAccountToken === false) continue;
      if (roleBearing(ctx.workspace, sa, ns, name)) continue;
      ctx.report({
        object: pod.object,
        path: typeof pod.spec.serviceAccountName === 'string' ? [...pod.specPath, 'serviceAccountName'] : pod.specPath,
        prefer: 'key',
        message: `mounts a Kubernetes API token for ServiceAccount "${name}", which nothing grants permissions to; set automountServiceAccountToken: false.`,
        suggest: [{ title: 'Set automountServiceAccountToken: false', edits: setIn(pod.object, [...pod.specPath, 'automountServiceAccountToken'], false) }],
        ...(sa ? { related: [{ object: sa, message: `ServiceAccount ${name}` }] } : {}),
      });
    }
  },
});
