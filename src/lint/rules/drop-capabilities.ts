import { appendTo } from '../edit';
import { defineRule } from '../rule';
import { isWindowsPod } from '../windows';
import { get } from '../walk';

const DANGEROUS = new Set(['SYS_ADMIN', 'NET_ADMIN', 'NET_RAW', 'ALL']);

export default defineRule({
  meta: {
    id: 'drop-capabilities',
    category: 'security',
    defaultSeverity: 'warning',
    description: 'A container keeps the default Linux capabilities (no drop: [ALL]) or adds dangerous ones.',
    rationale:
      'The default capability set includes NET_RAW (spoofing, ARP poisoning) and more than most applications need; SYS_ADMIN and NET_ADMIN are near-root. The EKS Best Practices Guide (security: pod security) and the restricted Pod Security Standard ask to drop ALL and add back only what is needed.',
    fixable: 'suggest',
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.list === 'ephemeralContainers' || isWindowsPod(c.pod)) continue;
      const caps = get(c.container, ['securityContext', 'capabilities']);
      const drop = get(caps, ['drop']);
      const add = get(caps, ['add']);
      if (Array.isArray(add)) {
        add.forEach((cap, i) => {
          const name = String(cap).toUpperCase().replace(/^CAP_/, '');
          if (!DANGEROUS.has(name)) return;
          ctx.report({ object: c.pod.object, path: [...c.path, 'securityContext', 'capabilities', 'add', i], message: `container "${c.name}" adds the capability ${name}, which is close to root on the node.` });
        });
      }
      if (Array.isArray(drop) && drop.some((d) => String(d).toUpperCase() === 'ALL')) continue;
      const dropPath = [...c.path, 'securityContext', 'capabilities', 'drop'];
      ctx.report({
        object: c.pod.object,
        path: Array.isArray(drop) ? dropPath : c.path,
        message: `container "${c.name}" does not drop ALL capabilities; add securityContext.capabilities.drop: [ALL] and add back only what it needs.`,
        suggest: [{ title: 'Drop ALL capabilities', edits: appendTo(c.pod.object, dropPath, 'ALL') }],
      });
    }
  },
});
