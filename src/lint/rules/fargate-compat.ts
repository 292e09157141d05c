import { runsOnFargate } from '../fargate';
import { defineRule } from '../rule';
import type { Path } from '../types';
import { containers, get, isObj } from '../walk';

export default defineRule({
  meta: {
    id: 'fargate-compat',
    category: 'eks',
    defaultSeverity: 'error',
    description: 'A workload bound for Fargate uses something Fargate does not run (DaemonSet, privileged, host networking, hostPath, GPUs).',
    rationale:
      'Fargate runs each pod in its own micro-VM with no node to share: DaemonSets, privileged containers, hostNetwork, hostPort, hostPath volumes and GPUs are not supported, and such pods stay Pending. The Amazon EKS user guide (Fargate considerations) lists these limits. Fargate profiles come from .wharf.yaml `fargateProfiles` or the compute-type node selector.',
    fixable: 'none',
  },
  check(ctx) {
    for (const pod of ctx.pods()) {
      if (!runsOnFargate(pod, ctx.config.fargateProfiles)) continue;
      const problems: { path: Path; what: string }[] = [];
      if (pod.object.kind === 'DaemonSet') problems.push({ path: ['kind'], what: 'is a DaemonSet' });
      if (pod.spec.hostNetwork === true) problems.push({ path: [...pod.specPath, 'hostNetwork'], what: 'uses hostNetwork' });
      const volumes = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
      volumes.forEach((v, i) => {
        if (isObj(v) && v.hostPath !== undefined) problems.push({ path: [...pod.specPath, 'volumes', i, 'hostPath'], what: `mounts hostPath volume "${String(v.name)}"` });
      });
      for (const c of containers(pod)) {
        if (get(c.container, ['securityContext', 'privileged']) === true) problems.push({ path: [...c.path, 'securityContext', 'privileged'], what: `runs container "${c.name}" privileged` });
        const ports = Array.isArray(c.container.ports) ? c.container.ports : [];
        ports.forEach((p, i) => {
          if (isObj(p) && p.hostPort !== undefined) problems.push({ path: [...c.path, 'ports', i, 'hostPort'], what: `uses hostPort in container "${c.name}"` });
        });
        for (const kind of ['limits', 'requests']) {
          const res = get(c.container, ['resources', kind]);
          const gpu = isObj(res) ? Object.keys(res).find((k) => k.endsWith('/gpu')) : undefined;
          if (gpu) {
            problems.push({ path: [...c.path, 'resources', kind, gpu], what: `requests GPUs (${gpu}) in container "${c.name}"` });
            break;
          }
        }
      }
      for (const p of problems) {
        ctx.report({ object: pod.object, path: p.path, prefer: p.path[0] === 'kind' ? 'value' : 'key', message: `runs on Fargate but ${p.what}, which Fargate does not support: the pod will stay Pending.` });
      }
    }
  },
});
