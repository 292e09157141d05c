import { defineRule } from '../rule';
import { get, isObj } from '../walk';

// The catalog's list (GuardDuty's sensitive mounts plus the container runtime sockets), written in canonical form:
// on the EKS AMIs /var/run is a symlink to /run, so both spellings reach the same socket. CRI-O's socket is added
// for clusters that don't run containerd. Each entry says what the pod gets, for the message.
const SENSITIVE: readonly (readonly [string, string])[] = [
  ['/', "the node's whole filesystem"],
  ['/etc', "the node's configuration and credentials"],
  ['/root', "root's home directory (SSH keys, cloud credentials)"],
  ['/proc', "every process on the node and the kernel's settings"],
  ['/sys', "the kernel's and devices' settings"],
  ['/var/lib/kubelet', "the kubelet's credentials and every pod's volumes and tokens"],
  ['/run/docker.sock', 'the Docker socket, which can start privileged containers'],
  ['/run/containerd', 'the containerd socket, which can start privileged containers'],
  ['/run/crio', 'the CRI-O socket, which can start privileged containers'],
];

// Public, read-mostly files under /etc that node agents mount for good reason (time zone, CA bundle, machine id
// for log correlation): nothing in them helps an attacker, so flagging them would only teach people to suppress.
const BENIGN_UNDER_ETC = ['/etc/localtime', '/etc/timezone', '/etc/machine-id', '/etc/os-release', '/etc/ssl/certs', '/etc/pki/tls/certs', '/etc/pki/ca-trust/extracted', '/etc/ca-certificates'];

/** Lexically normalised: no empty or `.` segments, `..` resolved, no trailing slash. */
export function normalizeHostPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** The path the node resolves: /var/run and /run are one directory. */
export function canonicalHostPath(p: string): string {
  const n = normalizeHostPath(p);
  return n === '/var/run' || n.startsWith('/var/run/') ? n.slice('/var'.length) : n;
}

const within = (p: string, dir: string) => dir === '/' || p === dir || p.startsWith(dir + '/');

export interface SensitiveMatch {
  /** The catalog entry hit. */
  entry: string;
  what: string;
  /** The mount is the entry, lies below it, or contains it (mounting /var/lib exposes /var/lib/kubelet). */
  relation: 'is' | 'under' | 'contains';
}

export function sensitiveHostPath(p: string): SensitiveMatch | undefined {
  const c = canonicalHostPath(p);
  if (BENIGN_UNDER_ETC.some((b) => within(c, b))) return undefined;
  // The most specific entry first: /var/lib/kubelet/pods is "under the kubelet's directory", not "under /".
  let best: SensitiveMatch | undefined;
  for (const [entry, what] of SENSITIVE) {
    if (c === entry) return { entry, what, relation: 'is' };
    if (entry !== '/' && within(c, entry)) best = { entry, what, relation: 'under' };
    else if (!best && c !== '/' && within(entry, c)) best = { entry, what, relation: 'contains' };
  }
  return best;
}

export default defineRule({
  meta: {
    id: 'no-sensitive-hostpath',
    category: 'security',
    defaultSeverity: 'error',
    description: 'A pod mounts a sensitive host path (/, /etc, /proc, the kubelet\'s or the container runtime\'s files).',
    rationale:
      'A container that mounts the node\'s root, /etc, /root, /proc, /sys, the kubelet directory or the container runtime socket can read credentials and take over the node. Amazon GuardDuty reports these mounts (PrivilegeEscalation:Kubernetes/ContainerWithSensitiveMount), and the EKS Best Practices Guide (security: pod security) asks to avoid hostPath or to restrict it to specific read-only directories. Paths below these, and directories that contain them (/var/lib, /run), count too; /var/run and /run are the same directory on the node.',
    fixable: 'none',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      const volumes = pod.spec.volumes;
      if (!Array.isArray(volumes)) continue;
      volumes.forEach((v, i) => {
        if (!isObj(v)) return;
        const p = get(v, ['hostPath', 'path']);
        if (typeof p !== 'string' || !p.startsWith('/')) return;
        const hit = sensitiveHostPath(p);
        if (!hit) return;
        const clean = normalizeHostPath(p);
        const shown = clean === p.replace(/(.)\/+$/, '$1') ? p : `${p} (${clean})`;
        const where = hit.relation === 'is' ? ',' : hit.relation === 'under' ? `, inside ${hit.entry},` : `, which contains ${hit.entry},`;
        ctx.report({
          object: pod.object,
          path: [...pod.specPath, 'volumes', i, 'hostPath', 'path'],
          message: `volume "${String(v.name)}" mounts the host path ${shown}${where} giving the pod ${hit.what}; mount a narrower, non-sensitive directory read-only or use another volume type.`,
        });
      });
    }
  },
});
