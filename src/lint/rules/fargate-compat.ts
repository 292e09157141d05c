import { defineRule } from '../rule';
import type { Path } from '../types';
import { containers, get, isObj } from '../walk';
import { isWindowsPod } from '../windows';
import { fargateReason } from './_fargate';

/** Extended resources Fargate has no hardware for: GPUs and AWS Inferentia/Trainium (Neuron) devices. */
function acceleratorResource(name: string): boolean {
  return name.endsWith('/gpu') || name.startsWith('aws.amazon.com/neuron');
}

export default defineRule({
  meta: {
    id: 'fargate-compat',
    category: 'eks',
    defaultSeverity: 'error',
    description: 'A workload bound for Fargate uses what Fargate cannot run: DaemonSet, privileged, host network/ports/paths, GPUs, Windows, Arm.',
    rationale:
      'Fargate runs each pod in its own VM with no node to share: the Amazon EKS user guide ("AWS Fargate considerations" and its comparison table) lists DaemonSets, privileged containers, hostNetwork and hostPort, GPUs and Inferentia, Windows and Arm containers as unsupported, and Fargate pods get no hostPath volumes. Such pods are rejected or stay Pending. A pod is bound for Fargate by nodeSelector eks.amazonaws.com/compute-type: fargate or by a Fargate profile selector (.wharf.yaml fargateProfiles).',
    fixable: 'none',
  },
  check(ctx) {
    const profiles = ctx.config.fargateProfiles;
    for (const pod of ctx.pods()) {
      const why = fargateReason(pod, profiles);
      if (!why) continue;
      const problems: { path: Path; what: string }[] = [];
      if (pod.object.kind === 'DaemonSet') problems.push({ path: ['kind'], what: 'is a DaemonSet (run the daemon as a sidecar instead)' });
      if (pod.spec.hostNetwork === true) problems.push({ path: [...pod.specPath, 'hostNetwork'], what: 'uses hostNetwork' });
      const arch = get(pod.spec, ['nodeSelector', 'kubernetes.io/arch']);
      if (arch === 'arm64') problems.push({ path: [...pod.specPath, 'nodeSelector', 'kubernetes.io/arch'], what: 'asks for Arm (arm64) nodes' });
      if (isWindowsPod(pod)) problems.push({ path: pod.specPath, what: 'runs Windows containers' });
      const volumes = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
      volumes.forEach((v, i) => {
        if (isObj(v) && v.hostPath !== undefined) problems.push({ path: [...pod.specPath, 'volumes', i, 'hostPath'], what: `mounts the hostPath volume "${String(v.name)}"` });
      });
      for (const c of containers(pod)) {
        if (get(c.container, ['securityContext', 'privileged']) === true) problems.push({ path: [...c.path, 'securityContext', 'privileged'], what: `runs container "${c.name}" privileged` });
        const ports = Array.isArray(c.container.ports) ? c.container.ports : [];
        ports.forEach((p, i) => {
          if (isObj(p) && p.hostPort !== undefined) problems.push({ path: [...c.path, 'ports', i, 'hostPort'], what: `uses a hostPort in container "${c.name}"` });
        });
        // Requests default to limits for extended resources: report the one the author wrote first.
        for (const kind of ['limits', 'requests']) {
          const res = get(c.container, ['resources', kind]);
          const acc = isObj(res) ? Object.keys(res).find(acceleratorResource) : undefined;
          if (acc) {
            problems.push({ path: [...c.path, 'resources', kind, acc], what: `requests ${acc} in container "${c.name}"` });
            break;
          }
        }
      }
      for (const p of problems) {
        ctx.report({
          object: pod.object,
          path: p.path,
          prefer: p.path[0] === 'kind' ? 'value' : 'key',
          message: `runs on Fargate (${why}) but ${p.what}, which Fargate does not support: the pod will not start there.`,
        });
      }
    }
  },
});
