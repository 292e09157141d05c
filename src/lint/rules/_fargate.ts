// Whether a pod will run on AWS Fargate, shared by the Fargate rules. EKS's Fargate scheduler takes a pod when it
// asks for Fargate by node selector, or when a Fargate profile selector matches its namespace and labels. Profile
// selectors allow `*` (any run of characters) and `?` (exactly one) in the namespace, in label keys and in label
// values (EKS user guide, "Fargate profile wildcards").
import type { FargateProfileSelector } from '../config';
import { isObj, namespaceOf, type PodSite } from '../walk';

const COMPUTE_TYPE = 'eks.amazonaws.com/compute-type';
const WILDCARD = /[*?]/;
const patterns = new Map<string, RegExp>();

function wildcard(pattern: string, value: string): boolean {
  if (!WILDCARD.test(pattern)) return pattern === value;
  let re = patterns.get(pattern);
  if (!re) {
    re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 's');
    patterns.set(pattern, re);
  }
  return re.test(value);
}

function selectorMatches(p: FargateProfileSelector, namespace: string, labels: Record<string, string>): boolean {
  if (!wildcard(p.namespace, namespace)) return false;
  for (const [key, value] of Object.entries(p.labels ?? {})) {
    const v = String(value);
    if (!WILDCARD.test(key)) {
      if (labels[key] === undefined || !wildcard(v, labels[key])) return false;
    } else if (!Object.entries(labels).some(([k, lv]) => wildcard(key, k) && wildcard(v, lv))) return false;
  }
  return true;
}

const memo = new WeakMap<PodSite, { profiles: readonly FargateProfileSelector[]; why: string | undefined }>();

/** Why the pod lands on Fargate ("nodeSelector eks.amazonaws.com/compute-type: fargate", "Fargate profile selector namespace batch-*"), or undefined when it doesn't. */
export function fargateReason(pod: PodSite, profiles: readonly FargateProfileSelector[]): string | undefined {
  const hit = memo.get(pod);
  if (hit && hit.profiles === profiles) return hit.why;
  let why: string | undefined;
  const sel = pod.spec.nodeSelector;
  if (isObj(sel) && sel[COMPUTE_TYPE] === 'fargate') why = `nodeSelector ${COMPUTE_TYPE}: fargate`;
  else if (profiles.length > 0) {
    const ns = namespaceOf(pod.object);
    const p = profiles.find((s) => selectorMatches(s, ns, pod.labels));
    if (p) why = `Fargate profile selector namespace ${p.namespace}${p.labels && Object.keys(p.labels).length ? ` with labels ${Object.entries(p.labels).map(([k, v]) => `${k}=${String(v)}`).join(',')}` : ''}`;
  }
  memo.set(pod, { profiles, why });
  return why;
}
