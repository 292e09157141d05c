// The read-only documents of the `wharf` scheme, as plain data: what a URI asks for. The path is for people (the
// editor tab shows its last segment, the extension picks the language); the query carries the request as base64url
// JSON, so a reopened tab can fetch its content again. Pure, unit-tested.
import type { KubeFailure, ResourceKind } from '../../kube/model';
import type { AwsScope, EksClusterRef } from '../../views/target';

export const SCHEME = 'wharf';

export type DocRequest =
  | { doc: 'yaml' | 'describe'; ref: EksClusterRef; resource: ResourceKind; namespace?: string; name: string }
  | { doc: 'taskDefinition'; scope: AwsScope; arn: string }
  | { doc: 'diagnosis'; ref: EksClusterRef; failure: KubeFailure }
  | { doc: 'upgrade'; ref: EksClusterRef };

/** Only the fields that select credentials, Region and cluster: no cached data rides along in a URI. */
export function refOf(t: EksClusterRef): EksClusterRef {
  const r: EksClusterRef = { region: t.region, clusterName: t.clusterName };
  if (t.profile !== undefined) r.profile = t.profile;
  if (t.sso) r.sso = { session: t.sso.session, accountId: t.sso.accountId, roleName: t.sso.roleName };
  return r;
}

export function scopeOf(t: AwsScope): AwsScope {
  const s: AwsScope = { region: t.region };
  if (t.profile !== undefined) s.profile = t.profile;
  if (t.sso) s.sso = { session: t.sso.session, accountId: t.sso.accountId, roleName: t.sso.roleName };
  return s;
}

const clean = (s: string) => s.replace(/[/\\?#]/g, '_');

export function docPath(r: DocRequest): string {
  switch (r.doc) {
    case 'yaml':
    case 'describe': {
      const where = r.namespace ? `${clean(r.ref.clusterName)}/${clean(r.namespace)}` : clean(r.ref.clusterName);
      return `/${where}/${clean(r.resource.plural)}/${clean(r.name)}${r.doc === 'yaml' ? '.yaml' : '.describe.md'}`;
    }
    case 'taskDefinition': {
      const familyRevision = r.arn.slice(r.arn.lastIndexOf('/') + 1);
      return `/${clean(r.scope.region)}/task-definitions/${clean(familyRevision)}.json`;
    }
    case 'diagnosis':
      return `/${clean(r.ref.clusterName)}/access-diagnosis.md`;
    case 'upgrade':
      return `/${clean(r.ref.clusterName)}/upgrade-readiness.md`;
  }
}

export function encodeDocQuery(r: DocRequest): string {
  return Buffer.from(JSON.stringify(r), 'utf8').toString('base64url');
}

export function decodeDocQuery(query: string): DocRequest {
  const r = JSON.parse(Buffer.from(query, 'base64url').toString('utf8')) as DocRequest;
  if (!r || !['yaml', 'describe', 'taskDefinition', 'diagnosis', 'upgrade'].includes(r.doc)) throw new Error(`not a Wharf document request: ${query.slice(0, 80)}`);
  return r;
}
