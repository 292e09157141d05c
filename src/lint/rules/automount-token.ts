import { setIn } from '../edit';
import { defineRule } from '../rule';
import { namespaceOf } from '../walk';
import { bindingFor, findServiceAccount, irsaRole, serviceAccountOf } from './_service-account';

export default defineRule({
  meta: {
    id: 'automount-token',
    category: 'security',
    defaultSeverity: 'info',
    description: 'A pod mounts a Kubernetes API token although its ServiceAccount has no role (binding or IRSA) in the workspace.',
    rationale:
      'Unless automountServiceAccountToken is false, every container gets a token for the Kubernetes API that an attacker in the container can use. The EKS Best Practices Guide (security: identity and access management, "disable auto-mounting of service account tokens") asks to mount it only where the application calls the API. A ServiceAccount that a RoleBinding or ClusterRoleBinding in the workspace names, or that carries an IRSA role (eks.amazonaws.com/role-arn), is taken to need it.',
    fixable: 'suggest',
    crossDocument: true,
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      const own = pod.spec.automountServiceAccountToken;
      if (own === false) continue;
      const { name, key } = serviceAccountOf(pod);
      const ns = namespaceOf(pod.object);
      const sa = findServiceAccount(ctx.workspace, ns, name);
      // The pod's field, when set, wins over the ServiceAccount's.
      if (own !== true && sa?.value.automountServiceAccountToken === false) continue;
      if (irsaRole(sa) || bindingFor(ctx.workspace, ns, name)) continue;
      const path = [...pod.specPath, 'automountServiceAccountToken'];
      ctx.report({
        object: pod.object,
        path: own === true ? path : key ? [...pod.specPath, key] : pod.specPath,
        prefer: own === true ? 'value' : 'key',
        message: `${own === true ? 'sets automountServiceAccountToken: true, mounting' : 'mounts'} a Kubernetes API token for ServiceAccount "${name}", which no RoleBinding, ClusterRoleBinding or IRSA role in the workspace uses; unless the application calls the Kubernetes API, set automountServiceAccountToken: false.`,
        suggest: [{ title: 'Set automountServiceAccountToken: false', edits: () => setIn(pod.object, path, false) }],
        ...(sa ? { related: [{ object: sa, message: `ServiceAccount ${name}, without a role or automountServiceAccountToken: false` }] } : {}),
      });
    }
  },
});
