import { setIn } from '../edit';
import { defineRule } from '../rule';
import { isWindowsPod } from '../windows';
import { get, isObj, type ContainerSite } from '../walk';

function nonRoot(sc: unknown): boolean | undefined {
  if (!isObj(sc)) return undefined;
  if (sc.runAsNonRoot === true) return true;
  if (typeof sc.runAsUser === 'number') return sc.runAsUser > 0;
  if (sc.runAsNonRoot === false) return false;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'run-as-non-root',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'Neither the pod nor the container sets runAsNonRoot: true (or a non-zero runAsUser).',
    rationale:
      'Most images run as root by default; a container escape from a root process starts as root on the node. The EKS Best Practices Guide (security: pod security, "run as non-root") and the restricted Pod Security Standard require runAsNonRoot.',
    fixable: 'suggest',
  },
  check(ctx) {
    const byPod = new Map<unknown, ContainerSite[]>();
    for (const c of ctx.containers()) {
      if (c.list === 'ephemeralContainers' || isWindowsPod(c.pod)) continue;
      const own = nonRoot(c.container.securityContext);
      const effective = own ?? nonRoot(c.pod.spec.securityContext);
      if (effective === true) continue;
      if (own === false) {
        const sc = c.container.securityContext as Record<string, unknown>;
        const key = sc.runAsNonRoot === false ? 'runAsNonRoot' : 'runAsUser';
        ctx.report({ object: c.pod.object, path: [...c.path, 'securityContext', key], message: `container "${c.name}" runs as root (${key}: ${String(sc[key])}).` });
        continue;
      }
      const list = byPod.get(c.pod) ?? [];
      list.push(c);
      byPod.set(c.pod, list);
    }
    for (const list of byPod.values()) {
      const pod = list[0].pod;
      const podLevel = nonRoot(pod.spec.securityContext);
      const names = list.map((c) => `"${c.name}"`).join(', ');
      const explicitPod = podLevel === false;
      const scKey = isObj(pod.spec.securityContext) && pod.spec.securityContext.runAsNonRoot === false ? 'runAsNonRoot' : 'runAsUser';
      ctx.report({
        object: pod.object,
        path: explicitPod ? [...pod.specPath, 'securityContext', scKey] : list.length === 1 ? list[0].path : [...pod.specPath, 'containers'],
        prefer: explicitPod ? 'value' : 'auto',
        message: explicitPod
          ? `the pod runs as root (${scKey}: ${String(get(pod.spec, ['securityContext', scKey]))}).`
          : `container${list.length > 1 ? 's' : ''} ${names} may run as root: set securityContext.runAsNonRoot: true (and a numeric USER in the image).`,
        suggest: [{ title: 'Set runAsNonRoot: true for the pod', edits: setIn(pod.object, [...pod.specPath, 'securityContext', 'runAsNonRoot'], true) }],
      });
    }
  },
});
