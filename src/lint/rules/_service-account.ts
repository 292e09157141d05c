// Which ServiceAccount a pod runs as, and whether anything in the workspace gives that ServiceAccount a role.
import type { KObject } from '../source';
import { get, isObj, namespaceOf, type PodSite } from '../walk';
import type { Workspace } from '../workspace';

export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

/**
 * The ServiceAccount a pod runs as and the key that names it. The deprecated `serviceAccount` is an alias the API
 * server copies into an empty `serviceAccountName`, so it counts only when the newer field is unset or empty.
 */
export function serviceAccountOf(pod: PodSite): { name: string; key?: 'serviceAccountName' | 'serviceAccount' } {
  for (const key of ['serviceAccountName', 'serviceAccount'] as const) {
    const v = pod.spec[key];
    if (typeof v === 'string' && v !== '') return { name: v, key };
  }
  return { name: 'default' };
}

export interface Grant {
  binding: KObject;
  subject: number;
}

/**
 * Bindings by the ServiceAccounts they grant to, keyed `namespace/name`; a group of ServiceAccounts
 * (system:serviceaccounts, system:serviceaccounts:<ns>) is keyed `*` or `<ns>/*`. Built once per workspace change.
 */
function grantsIndex(ws: Workspace): Map<string, Grant> {
  return ws.memo('rules/_service-account:grants', () => {
    const index = new Map<string, Grant>();
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      for (const binding of ws.ofKind(kind)) {
        const subjects = binding.value.subjects;
        if (!Array.isArray(subjects)) continue;
        subjects.forEach((s, subject) => {
          if (!isObj(s) || typeof s.name !== 'string') return;
          let key: string | undefined;
          if (s.kind === 'ServiceAccount') key = `${typeof s.namespace === 'string' ? s.namespace : namespaceOf(binding)}/${s.name}`;
          else if (s.kind === 'Group' && s.name === 'system:serviceaccounts') key = '*';
          else if (s.kind === 'Group' && s.name.startsWith('system:serviceaccounts:')) key = `${s.name.slice('system:serviceaccounts:'.length)}/*`;
          else if (s.kind === 'User' && s.name.startsWith('system:serviceaccount:')) key = s.name.slice('system:serviceaccount:'.length).replace(':', '/');
          if (key && !index.has(key)) index.set(key, { binding, subject });
        });
      }
    }
    return index;
  });
}

/** A binding in the workspace that grants `namespace/name` a role, directly or through a ServiceAccount group. */
export function bindingFor(ws: Workspace, namespace: string, name: string): Grant | undefined {
  const index = grantsIndex(ws);
  return index.get(`${namespace}/${name}`) ?? index.get(`${namespace}/*`) ?? index.get('*');
}

/** The workspace's ServiceAccount `namespace/name`, through an index built once per workspace change. */
export function findServiceAccount(ws: Workspace, namespace: string, name: string): KObject | undefined {
  const index = ws.memo('rules/_service-account:accounts', () => {
    const m = new Map<string, KObject>();
    for (const sa of ws.ofKind('ServiceAccount')) {
      const key = `${namespaceOf(sa)}/${sa.name}`;
      if (!m.has(key)) m.set(key, sa);
    }
    return m;
  });
  return index.get(`${namespace}/${name}`);
}

export function irsaRole(sa: KObject | undefined): string | undefined {
  const arn = sa ? get(sa.value, ['metadata', 'annotations', IRSA_ANNOTATION]) : undefined;
  return typeof arn === 'string' && arn !== '' ? arn : undefined;
}
