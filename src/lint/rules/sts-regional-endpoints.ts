import { appendTo, setIn } from '../edit';
import { defineRule } from '../rule';
import type { KObject } from '../source';
import { containers, get, isObj, namespaceOf, type ContainerSite } from '../walk';
import type { Workspace } from '../workspace';
import { atLeast } from '../version';

const ROLE_ARN = 'eks.amazonaws.com/role-arn';
const STS_ANNOTATION = 'eks.amazonaws.com/sts-regional-endpoints';
const ENV = 'AWS_STS_REGIONAL_ENDPOINTS';
// From Kubernetes 1.25 (platform eks.1) EKS's pod identity webhook injects AWS_STS_REGIONAL_ENDPOINTS=regional
// unless the ServiceAccount opts out with the annotation "false"; before, only when it opts in with "true"
// (EKS user guide, "Configure the AWS Security Token Service endpoint for a service account").
const REGIONAL_BY_DEFAULT = '1.25';

/** ServiceAccounts that assume an IAM role (IRSA), by namespace/name; built once per workspace state. */
function irsaAccounts(ws: Workspace): Map<string, KObject> {
  return ws.memo('sts-regional-endpoints:irsa', () => {
    const out = new Map<string, KObject>();
    for (const sa of ws.ofKind('ServiceAccount')) {
      if (typeof get(sa.value, ['metadata', 'annotations', ROLE_ARN]) === 'string') out.set(`${namespaceOf(sa)}/${sa.name}`, sa);
    }
    return out;
  });
}

/** Whether envFrom may set the variable: a referenced ConfigMap/Secret that holds it, or one we can't see. */
function mayComeFromEnvFrom(ws: Workspace, c: ContainerSite): boolean {
  const from = c.container.envFrom;
  if (!Array.isArray(from)) return false;
  const ns = namespaceOf(c.pod.object);
  return from.some((f) => {
    if (!isObj(f)) return false;
    const prefix = typeof f.prefix === 'string' ? f.prefix : '';
    if (prefix && !ENV.startsWith(prefix)) return false;
    const [kind, ref] = isObj(f.configMapRef) ? ['ConfigMap', f.configMapRef] : isObj(f.secretRef) ? ['Secret', f.secretRef] : [undefined, undefined];
    if (!kind || !isObj(ref) || typeof ref.name !== 'string') return false;
    const src = ws.find(kind, ns, ref.name);
    if (!src) return true;
    const key = ENV.slice(prefix.length);
    return (isObj(src.value.data) && key in src.value.data) || (isObj(src.value.stringData) && key in src.value.stringData);
  });
}

export default defineRule({
  meta: {
    id: 'sts-regional-endpoints',
    category: 'eks',
    defaultSeverity: 'info',
    description: 'A pod using IRSA would exchange its token at the global STS endpoint instead of the regional one.',
    rationale:
      'Older AWS SDKs send the IRSA AssumeRoleWithWebIdentity call to the global STS endpoint in us-east-1 unless AWS_STS_REGIONAL_ENDPOINTS=regional: extra latency and a dependency on one Region. The Amazon EKS user guide ("Configure the AWS Security Token Service endpoint for a service account") and the EKS Best Practices Guide (security: identity and access management) recommend regional endpoints; EKS injects the variable by default from Kubernetes 1.25 unless the ServiceAccount opts out.',
    fixable: 'fix',
    crossDocument: true,
  },
  check(ctx) {
    if (ctx.pods().length === 0) return;
    const irsa = irsaAccounts(ctx.workspace);
    if (irsa.size === 0) return;
    const regionalByDefault = atLeast(ctx.targetVersion, REGIONAL_BY_DEFAULT);
    for (const pod of ctx.pods()) {
      const spec = pod.spec;
      const saName = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : typeof spec.serviceAccount === 'string' ? spec.serviceAccount : 'default';
      const sa = irsa.get(`${namespaceOf(pod.object)}/${saName}`);
      if (!sa) continue;
      const optIn = String(get(sa.value, ['metadata', 'annotations', STS_ANNOTATION]) ?? '');
      const injected = optIn === 'true' || (regionalByDefault && optIn !== 'false');
      const related = [{ object: sa, path: ['metadata', 'annotations', optIn ? STS_ANNOTATION : ROLE_ARN], message: `ServiceAccount ${saName} assumes an IAM role${optIn ? ` and sets ${STS_ANNOTATION}: "${optIn}"` : ''}` }];
      for (const c of containers(pod, ['containers'])) {
        const env = Array.isArray(c.container.env) ? c.container.env : [];
        const i = env.findIndex((e) => isObj(e) && e.name === ENV);
        if (i >= 0) {
          const e = env[i] as Record<string, unknown>;
          if (e.value === 'regional' || e.value === undefined) continue; // regional, or from valueFrom: not ours to judge
          // The container overrides whatever the webhook injects: the author chose this value.
          ctx.report({
            object: pod.object,
            path: [...c.path, 'env', i, 'value'],
            message: `container "${c.name}" sets ${ENV}=${String(e.value)}: its AWS SDK exchanges the IRSA token at the global STS endpoint in us-east-1; use "regional".`,
            suggest: [{ title: `Set ${ENV}=regional`, edits: () => setIn(pod.object, [...c.path, 'env', i, 'value'], 'regional') }],
            related,
          });
          continue;
        }
        if (injected || mayComeFromEnvFrom(ctx.workspace, c)) continue;
        const why = optIn === 'false' ? `its ServiceAccount ${saName} opts out of the regional endpoint` : `EKS before Kubernetes ${REGIONAL_BY_DEFAULT} doesn't inject it`;
        ctx.report({
          object: pod.object,
          path: c.path,
          message: `container "${c.name}" uses IRSA (ServiceAccount ${saName}) without ${ENV}=regional and ${why}: older AWS SDKs call the global STS endpoint in us-east-1.`,
          fix: { title: `Add ${ENV}=regional`, edits: () => appendTo(pod.object, [...c.path, 'env'], { name: ENV, value: 'regional' }) },
          related,
        });
      }
    }
  },
});
