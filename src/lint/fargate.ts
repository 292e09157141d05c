// Whether a pod will run on AWS Fargate: EKS schedules a pod there when a Fargate profile of the cluster selects
// its namespace and labels (profile selectors allow * and ? wildcards), or when it asks for it by node selector.
import type { FargateProfileSelector } from './config';
import { namespaceOf, type PodSite } from './walk';

function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(value);
}

export function runsOnFargate(pod: PodSite, profiles: readonly FargateProfileSelector[]): boolean {
  const ns = pod.spec.nodeSelector as Record<string, unknown> | undefined;
  if (ns && ns['eks.amazonaws.com/compute-type'] === 'fargate') return true;
  const namespace = namespaceOf(pod.object);
  return profiles.some(
    (p) => wildcard(p.namespace, namespace) && Object.entries(p.labels ?? {}).every(([k, v]) => pod.labels[k] !== undefined && wildcard(String(v), pod.labels[k])),
  );
}
