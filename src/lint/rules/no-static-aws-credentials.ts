import { defineRule } from '../rule';
import type { KObject } from '../source';
import { isObj, namespaceOf } from '../walk';
import { AWS_CREDENTIAL_VARS } from './_aws-credentials';

const ADVICE = 'give the pod an IAM role through IRSA (eks.amazonaws.com/role-arn on its ServiceAccount) or EKS Pod Identity, and stop passing keys to the pod.';

/** Keys of a Secret or ConfigMap that envFrom turns into AWS credential variables, with the data field holding each. */
function credentialKeys(source: KObject, prefix: string): { name: string; field: string }[] {
  const out: { name: string; field: string }[] = [];
  for (const field of ['data', 'stringData']) {
    const data = source.value[field];
    if (!isObj(data)) continue;
    for (const key of Object.keys(data)) if (AWS_CREDENTIAL_VARS.has(prefix + key)) out.push({ name: key, field });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'no-static-aws-credentials',
    category: 'security',
    defaultSeverity: 'error',
    description: 'A pod gets static AWS credentials through AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN.',
    rationale:
      'Keys handed to a pod in its environment are long-lived (IAM user keys) or copied by hand, never rotate with the pod, and leak with the manifest, the Secret or the process environment; taking them from a Secret does not change that. The EKS Best Practices Guide (security: identity and access management) asks for IAM Roles for Service Accounts (IRSA) or EKS Pod Identity, which give each pod short-lived, automatically rotated credentials.',
    fixable: 'none',
    crossDocument: true,
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const env = c.container.env;
      if (Array.isArray(env)) {
        env.forEach((e, i) => {
          if (!isObj(e) || typeof e.name !== 'string' || !AWS_CREDENTIAL_VARS.has(e.name)) return;
          const from = isObj(e.valueFrom) ? e.valueFrom : undefined;
          if (!from && (e.value === undefined || e.value === null || e.value === '')) return;
          const ref = from && (isObj(from.secretKeyRef) ? `Secret "${String(from.secretKeyRef.name)}"` : isObj(from.configMapKeyRef) ? `ConfigMap "${String(from.configMapKeyRef.name)}"` : 'another source');
          ctx.report({
            object: c.pod.object,
            path: [...c.path, 'env', i, 'name'],
            message: ref
              ? `container "${c.name}" takes ${e.name} from ${ref}: still static AWS credentials; ${ADVICE}`
              : `container "${c.name}" sets ${e.name} to a literal: static AWS credentials in the manifest; ${ADVICE}`,
          });
        });
      }
      // envFrom turns every key of a Secret or ConfigMap into a variable: look inside the ones the workspace holds.
      const envFrom = c.container.envFrom;
      if (!Array.isArray(envFrom)) continue;
      envFrom.forEach((e, i) => {
        if (!isObj(e)) return;
        const prefix = typeof e.prefix === 'string' ? e.prefix : '';
        for (const [refKey, kind] of [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const) {
          const ref = e[refKey];
          if (!isObj(ref) || typeof ref.name !== 'string') continue;
          const source = ctx.workspace.find(kind, namespaceOf(c.pod.object), ref.name);
          if (!source) continue;
          const keys = credentialKeys(source, prefix);
          if (keys.length === 0) continue;
          ctx.report({
            object: c.pod.object,
            path: [...c.path, 'envFrom', i, refKey, 'name'],
            message: `container "${c.name}" loads ${keys.map((k) => prefix + k.name).join(', ')} from ${kind} "${ref.name}": static AWS credentials; ${ADVICE}`,
            related: [{ object: source, path: [keys[0].field, keys[0].name], message: `${kind} ${ref.name} holds ${keys.map((k) => k.name).join(', ')}` }],
          });
        }
      });
    }
  },
});
