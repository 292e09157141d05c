// A live object as the YAML document a scan lints and the Problems panel shows: what a person would have written,
// not what the server added. Status, managed fields, the server's bookkeeping (resourceVersion, uid,
// creationTimestamp, generation, selfLink), the annotations controllers keep on it and kubectl's last-applied copy
// are stripped; keys keep the server's order
// after apiVersion, kind, metadata, spec. The text is made once and never changes, so findings' offsets stay valid on
// the read-only document.
import type { KubeObject } from '../kube/model';
import { emitYaml } from './emit-yaml';

const TOP_ORDER = ['apiVersion', 'kind', 'metadata', 'spec'];
const DROP_TOP = new Set(['status']);
const DROP_METADATA = new Set(['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink']);
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Annotations Kubernetes' own controllers write on the objects they manage; nobody writes them in a manifest. */
const SERVER_ANNOTATIONS = new Set([
  LAST_APPLIED,
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.daemonset.template.generation',
  'endpoints.kubernetes.io/last-change-trigger-time',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'pv.kubernetes.io/provisioned-by',
  'volume.kubernetes.io/storage-provisioner',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/selected-node',
]);

/** The object without what the server set for its own bookkeeping. */
export function stripLive(obj: KubeObject): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj.metadata ?? {})) {
    if (DROP_METADATA.has(k) || v === undefined) continue;
    if (k === 'annotations' && v && typeof v === 'object') {
      const ann = Object.fromEntries(Object.entries(v as Record<string, string>).filter(([a]) => !SERVER_ANNOTATIONS.has(a)));
      if (Object.keys(ann).length) metadata.annotations = ann;
      continue;
    }
    metadata[k] = v;
  }
  const out: Record<string, unknown> = {};
  for (const k of TOP_ORDER) {
    const v = k === 'metadata' ? metadata : obj[k];
    if (v !== undefined) out[k] = v;
  }
  for (const [k, v] of Object.entries(obj)) if (!(k in out) && !DROP_TOP.has(k) && v !== undefined) out[k] = v;
  return out;
}

/** The YAML text of a live object, as linted and shown. */
export function renderLive(obj: KubeObject): string {
  return emitYaml(stripLive(obj));
}

/**
 * Where a live object's document lives, relative: `<cluster>/<namespace>/<plural>/<name>.yaml`, or
 * `<cluster>/_cluster/<plural>/<name>.yaml` for cluster-scoped kinds. The CLI prints it as the finding's file; the
 * extension makes it the path of a read-only document.
 */
export function livePath(cluster: string, plural: string, name: string, namespace?: string): string {
  const clean = (s: string) => s.replace(/[/\\?#:]/g, '_');
  return `${clean(cluster)}/${namespace ? clean(namespace) : '_cluster'}/${plural}/${clean(name)}.yaml`;
}
