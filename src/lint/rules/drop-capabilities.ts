import { appendTo } from '../edit';
import { defineRule } from '../rule';
import { isWindowsPod } from '../windows';
import { get } from '../walk';

// Capabilities that are as good as root on the node, and what each one hands over.
const DANGEROUS: Record<string, string> = {
  SYS_ADMIN: 'mounts, namespaces and BPF: close to full root',
  NET_ADMIN: 'control of interfaces, routes and iptables',
  NET_RAW: 'raw sockets, for spoofing and ARP or DNS poisoning',
  ALL: 'every capability, as good as root',
};

/** `cap_net_raw` and `NET_RAW` name the same capability; the runtime accepts both. */
function capName(v: unknown): string {
  return String(v).toUpperCase().replace(/^CAP_/, '');
}

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
      const capsPath = [...c.path, 'securityContext', 'capabilities'];
      const caps = get(c.container, ['securityContext', 'capabilities']);
      const drop = get(caps, ['drop']);
      const add = get(caps, ['add']);
      if (!(Array.isArray(drop) && drop.some((d) => capName(d) === 'ALL'))) {
        const dropPath = [...capsPath, 'drop'];
        ctx.report({
          object: c.pod.object,
          path: Array.isArray(drop) ? dropPath : c.path,
          prefer: 'key',
          message: `container "${c.name}" does not drop ALL capabilities, so it keeps the runtime's defaults (NET_RAW among them); add securityContext.capabilities.drop: [ALL] and add back only what it needs.`,
          suggest: [{ title: 'Drop ALL capabilities', edits: () => appendTo(c.pod.object, dropPath, 'ALL') }],
        });
      }
      if (!Array.isArray(add)) continue;
      add.forEach((cap, i) => {
        const name = capName(cap);
        const why = DANGEROUS[name];
        if (!why) return;
        ctx.report({
          object: c.pod.object,
          path: [...capsPath, 'add', i],
          message: `container "${c.name}" adds ${name === 'ALL' ? 'ALL capabilities' : `the capability ${name}`} (${why}); remove it, or grant it only to a node agent that needs it.`,
        });
      });
    }
  },
});
