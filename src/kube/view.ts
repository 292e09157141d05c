// What "View YAML" and "Describe" show for any Kubernetes object: YAML as `kubectl get -o yaml` without the managed
// fields, and Markdown with what `kubectl describe` is read for (who it is, who owns it, conditions, containers,
// events with warnings first).
import { stringify } from 'yaml';
import type { KubeObject } from './model';
import { podSummary } from './summaries';

const TOP_ORDER = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ViewYamlOptions {
  /** Show a Secret's values (default: masked, as the tree shows them until revealed). */
  revealSecrets?: boolean;
}

/** The object as YAML: apiVersion, kind, metadata, spec, status first; managedFields dropped; Secret values masked. */
export function viewYaml(obj: KubeObject, opts: ViewYamlOptions = {}): string {
  const metadata: Record<string, unknown> = { ...obj.metadata };
  delete metadata.managedFields;
  const out: Record<string, unknown> = {};
  for (const k of TOP_ORDER) if (obj[k] !== undefined) out[k] = k === 'metadata' ? metadata : obj[k];
  for (const k of Object.keys(obj)) if (!(k in out) && obj[k] !== undefined) out[k] = obj[k];
  if (obj.kind === 'Secret' && !opts.revealSecrets) {
    const mask = (m: unknown) =>
      m && typeof m === 'object' ? Object.fromEntries(Object.entries(m as Record<string, string>).map(([k, v]) => [k, `<hidden: ${secretBytes(v, m === obj.data)} bytes>`])) : m;
    if (out.data) out.data = mask(out.data);
    if (out.stringData) out.stringData = mask(out.stringData);
    // kubectl apply keeps the whole Secret, values included, in this annotation.
    const ann = metadata.annotations as Record<string, string> | undefined;
    if (ann?.[LAST_APPLIED]) metadata.annotations = { ...ann, [LAST_APPLIED]: '<hidden>' };
  }
  return stringify(out, { lineWidth: 0, aliasDuplicateObjects: false });
}

function secretBytes(v: string, base64: boolean): number {
  return base64 ? Buffer.from(String(v), 'base64').length : Buffer.byteLength(String(v));
}

// ---- describe ----

interface EventShape {
  type?: string;
  reason?: string;
  message?: string;
  note?: string;
  count?: number;
  deprecatedCount?: number;
  series?: { count?: number; lastObservedTime?: string };
  lastTimestamp?: string;
  firstTimestamp?: string;
  eventTime?: string;
  deprecatedLastTimestamp?: string;
  source?: { component?: string; host?: string };
  reportingController?: string;
  metadata?: { creationTimestamp?: string };
}

/** "42s", "5m", "3h", "12d", as kubectl prints ages. */
export function age(iso: string | undefined, now: Date): string {
  if (!iso) return '';
  const s = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 1000));
  if (Number.isNaN(s)) return '';
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172_800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

const cell = (v: unknown) => String(v ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const table = (head: string[], rows: unknown[][]) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
const kv = (m: Record<string, string> | undefined) => (m && Object.keys(m).length ? Object.entries(m).map(([k, v]) => `\`${k}=${v}\``).join(', ') : '<none>');

function lastSeen(e: EventShape): string | undefined {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.deprecatedLastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
}

/** Events of an object, warnings first, then newest first (core v1 or events.k8s.io/v1 shapes). */
export function sortEvents<T>(events: T[]): T[] {
  const w = (e: EventShape) => (e.type === 'Warning' ? 0 : 1);
  const t = (e: EventShape) => Date.parse(lastSeen(e) ?? '') || 0;
  return [...events].sort((a, b) => w(a as EventShape) - w(b as EventShape) || t(b as EventShape) - t(a as EventShape));
}

/** Markdown for "Describe": identity, labels, owner, conditions, containers, events. */
export function describe(obj: KubeObject, events: KubeObject[] = [], now: Date = new Date()): string {
  const md = obj.metadata;
  const out: string[] = [`# ${obj.kind ?? 'Object'} ${md.namespace ? `${md.namespace}/` : ''}${md.name}`, ''];
  const owners = (md.ownerReferences ?? []).map((o) => `${o.kind}/${o.name}`).join(', ');
  const rows: [string, unknown][] = [
    ['Name', md.name],
    ['Namespace', md.namespace],
    ['Kind', obj.apiVersion ? `${obj.kind} (${obj.apiVersion})` : obj.kind],
    ['Created', md.creationTimestamp ? `${md.creationTimestamp} (${age(md.creationTimestamp, now)} ago)` : undefined],
    ['Deleting since', md.deletionTimestamp],
    ['Controlled by', owners || undefined],
    ['Labels', kv(md.labels)],
    ['Annotations', md.annotations ? Object.keys(md.annotations).filter((k) => k !== LAST_APPLIED).map((k) => `\`${k}\``).join(', ') || '<none>' : '<none>'],
  ];
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const status = (obj.status ?? {}) as Record<string, unknown>;
  let pod: ReturnType<typeof podSummary> | undefined;
  if (obj.kind === 'Pod') {
    pod = podSummary(obj);
    rows.push(['Status', pod.status], ['Ready', `${pod.ready}/${pod.total}`], ['Restarts', pod.restarts], ['Node', pod.node ? `${pod.node}${pod.fargate ? ' (Fargate)' : ''}` : '<none>'], ['IP', pod.ip]);
    if (spec.serviceAccountName) rows.push(['Service account', spec.serviceAccountName]);
  } else if (spec.replicas !== undefined) {
    rows.push(['Replicas', `${spec.replicas} desired, ${status.readyReplicas ?? 0} ready, ${status.updatedReplicas ?? 0} updated, ${status.availableReplicas ?? 0} available`]);
  }
  out.push(table(['Field', 'Value'], rows.filter(([, v]) => v !== undefined && v !== '')), '');

  const conditions = (status.conditions ?? []) as { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[];
  if (conditions.length) {
    out.push('## Conditions', '', table(['Type', 'Status', 'Reason', 'Message', 'Since'], conditions.map((c) => [c.type, c.status, c.reason, c.message, age(c.lastTransitionTime, now)])), '');
  }

  if (pod?.containers.length) {
    out.push('## Containers', '');
    const last = (c: (typeof pod.containers)[number]) =>
      c.lastTermination ? `${c.lastTermination.reason ?? 'Terminated'} (exit ${c.lastTermination.exitCode ?? '?'})${c.lastTermination.finishedAt ? `, ${age(c.lastTermination.finishedAt, now)} ago` : ''}` : '';
    out.push(table(['Name', 'Kind', 'Image', 'State', 'Reason', 'Ready', 'Restarts', 'Last termination'], pod.containers.map((c) => [c.name, c.kind, c.image, c.state, c.reason, c.ready ? 'yes' : 'no', c.restarts, last(c)])), '');
  }

  out.push('## Events', '');
  if (events.length === 0) out.push('No events (the API server keeps them for about an hour).');
  else {
    const shown = sortEvents(events as unknown as EventShape[]).map((e) => [
      e.type,
      e.reason,
      age(lastSeen(e), now),
      e.count ?? e.deprecatedCount ?? e.series?.count ?? 1,
      e.source?.component ?? e.reportingController,
      e.message ?? e.note,
    ]);
    out.push(table(['Type', 'Reason', 'Last seen', 'Count', 'From', 'Message'], shown));
  }
  return out.join('\n') + '\n';
}

/** The field selector for an object's core v1 events (list RESOURCES.events with it, in the object's namespace). */
export function eventFieldSelector(obj: KubeObject): string {
  const md = obj.metadata;
  return [
    `involvedObject.name=${md.name}`,
    md.namespace ? `involvedObject.namespace=${md.namespace}` : '',
    obj.kind ? `involvedObject.kind=${obj.kind}` : '',
    md.uid ? `involvedObject.uid=${md.uid}` : '',
  ].filter(Boolean).join(',');
}
