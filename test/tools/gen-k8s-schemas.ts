// Generates src/lint/data/k8s-schemas.json, the schemas the `schema` rule validates built-in objects against, from
// the Kubernetes OpenAPI v3 documents (api/openapi-spec/v3/*.json) of the k8s.io/kubernetes module of each minor
// version, which the Go module proxy serves. Run: `npx tsx test/tools/gen-k8s-schemas.ts` (needs `go`; downloads
// about 20 MB per version into the Go module cache). Only the facts the rule needs are kept: each type's fields with
// a short type code, required fields and enums; definitions shared by several versions are stored once.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The newest patch of each minor version: every version EKS supports (standard and extended) and a few older. */
export const SOURCE_VERSIONS = ['v1.28.15', 'v1.29.6', 'v1.30.14', 'v1.31.14', 'v1.32.13', 'v1.33.13', 'v1.34.4', 'v1.35.4', 'v1.36.3', 'v1.37.2'];

type OpenApi = Record<string, unknown> & {
  type?: string;
  format?: string;
  enum?: unknown[];
  $ref?: string;
  allOf?: OpenApi[];
  oneOf?: OpenApi[];
  items?: OpenApi;
  properties?: Record<string, OpenApi>;
  additionalProperties?: OpenApi | boolean;
  required?: string[];
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
};

/** Definitions that are scalars on the wire, whatever their Go type: encoded inline as their scalar code. */
const SCALAR_DEFS: Record<string, string> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'q',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'q',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 's',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 's',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Duration': 's',
  'io.k8s.apimachinery.pkg.runtime.RawExtension': 'a',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': 'a',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': 'a',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': 'a',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': 'a',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': 'a',
};

/**
 * Values the API server's validation accepts for well-known string fields. The committed OpenAPI documents carry
 * no `enum` (only prose such as "One of Always, Never, IfNotPresent"), so these come from the same types' Go
 * constants (k8s.io/api core/v1, apps/v1, batch/v1, networking/v1 types.go), applied to every version that has the
 * field. `[` marks a list of such strings.
 */
const ENUMS: Record<string, string> = {
  'io.k8s.api.core.v1.Container.imagePullPolicy': 'Always|IfNotPresent|Never',
  'io.k8s.api.core.v1.EphemeralContainer.imagePullPolicy': 'Always|IfNotPresent|Never',
  'io.k8s.api.core.v1.Container.terminationMessagePolicy': 'File|FallbackToLogsOnError',
  'io.k8s.api.core.v1.PodSpec.restartPolicy': 'Always|OnFailure|Never',
  'io.k8s.api.core.v1.PodSpec.dnsPolicy': 'ClusterFirst|ClusterFirstWithHostNet|Default|None',
  'io.k8s.api.core.v1.PodSpec.preemptionPolicy': 'PreemptLowerPriority|Never',
  'io.k8s.api.core.v1.ContainerPort.protocol': 'TCP|UDP|SCTP',
  'io.k8s.api.core.v1.ServicePort.protocol': 'TCP|UDP|SCTP',
  'io.k8s.api.core.v1.ServiceSpec.type': 'ClusterIP|NodePort|LoadBalancer|ExternalName',
  'io.k8s.api.core.v1.ServiceSpec.sessionAffinity': 'ClientIP|None',
  'io.k8s.api.core.v1.ServiceSpec.externalTrafficPolicy': 'Cluster|Local',
  'io.k8s.api.core.v1.ServiceSpec.internalTrafficPolicy': 'Cluster|Local',
  'io.k8s.api.core.v1.Toleration.operator': 'Exists|Equal',
  'io.k8s.api.core.v1.Toleration.effect': 'NoSchedule|PreferNoSchedule|NoExecute',
  'io.k8s.api.core.v1.Taint.effect': 'NoSchedule|PreferNoSchedule|NoExecute',
  'io.k8s.api.core.v1.SeccompProfile.type': 'RuntimeDefault|Unconfined|Localhost',
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec.accessModes': '[ReadWriteOnce|ReadOnlyMany|ReadWriteMany|ReadWriteOncePod',
  'io.k8s.api.apps.v1.DeploymentStrategy.type': 'Recreate|RollingUpdate',
  'io.k8s.api.apps.v1.StatefulSetSpec.podManagementPolicy': 'OrderedReady|Parallel',
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy.type': 'RollingUpdate|OnDelete',
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy.type': 'RollingUpdate|OnDelete',
  'io.k8s.api.batch.v1.CronJobSpec.concurrencyPolicy': 'Allow|Forbid|Replace',
  'io.k8s.api.networking.v1.HTTPIngressPath.pathType': 'Exact|Prefix|ImplementationSpecific',
  'io.k8s.api.networking.v1.NetworkPolicySpec.policyTypes': '[Ingress|Egress',
};

// Type codes: s string, i integer, n number, b boolean, q int-or-string / quantity (string or number), a anything,
// o a free-form map, e:A|B an enum of strings, [T an array of T, {T a map of T, #Name a definition.
function code(s: OpenApi | undefined): string {
  if (!s) return 'a';
  const ref = s.$ref ?? s.allOf?.find((x) => x.$ref)?.$ref;
  if (ref) {
    const name = ref.replace('#/components/schemas/', '');
    return SCALAR_DEFS[name] ?? `#${name}`;
  }
  if (s['x-kubernetes-preserve-unknown-fields']) return 'a';
  if (s['x-kubernetes-int-or-string'] || s.format === 'int-or-string') return 'q';
  switch (s.type) {
    case 'string':
      return Array.isArray(s.enum) && s.enum.length && s.enum.every((v) => typeof v === 'string') ? `e:${(s.enum as string[]).join('|')}` : 's';
    case 'integer':
      return 'i';
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'array':
      return `[${code(s.items)}`;
    case 'object':
      if (s.properties) return 'a'; // an inline object type: not used by built-in kinds' fields
      if (s.additionalProperties && typeof s.additionalProperties === 'object') return `{${code(s.additionalProperties)}`;
      return 'o';
    default:
      return 'a';
  }
}

interface Def {
  f: Record<string, string>;
  r?: string[];
}

function def(name: string, s: OpenApi): Def | string {
  if (!s.properties) return code({ ...s, $ref: undefined, allOf: undefined });
  const f: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.properties)) {
    const e = ENUMS[`${name}.${k}`];
    const c = code(v);
    f[k] = e && (c === 's' || c === '[s') ? (e.startsWith('[') ? `[e:${e.slice(1)}` : `e:${e}`) : c;
  }
  const out: Def = { f };
  if (s.required?.length) out.r = [...s.required].sort();
  return out;
}

function moduleDir(version: string): string {
  const out = execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], { encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' }, cwd: fs.mkdtempSync('/tmp/wharf-gen-') });
  return (JSON.parse(out) as { Dir: string }).Dir;
}

function main(): void {
  const pool: (Def | string)[] = [];
  const poolIndex = new Map<string, number>();
  const versions: Record<string, { kinds: Record<string, string>; defs: Record<string, number> }> = {};
  for (const version of SOURCE_VERSIONS) {
    const dir = path.join(moduleDir(version), 'api/openapi-spec/v3');
    const schemas: Record<string, OpenApi> = {};
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      Object.assign(schemas, (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { components?: { schemas?: Record<string, OpenApi> } }).components?.schemas ?? {});
    }
    const kinds: Record<string, string> = {};
    const defs: Record<string, number> = {};
    for (const [name, s] of Object.entries(schemas)) {
      if (name in SCALAR_DEFS) continue;
      const d = def(name, s);
      const key = JSON.stringify(d);
      let i = poolIndex.get(key);
      if (i === undefined) {
        i = pool.push(d) - 1;
        poolIndex.set(key, i);
      }
      defs[name] = i;
      const props = s.properties ?? {};
      if (!('apiVersion' in props && 'kind' in props && 'metadata' in props)) continue;
      for (const gvk of s['x-kubernetes-group-version-kind'] ?? []) {
        if (gvk.kind.endsWith('List') || gvk.kind === 'DeleteOptions' || gvk.kind === 'WatchEvent') continue;
        kinds[`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`] = name;
      }
    }
    const minor = version.replace(/^v(\d+\.\d+)\.\d+$/, '$1');
    versions[minor] = { kinds, defs };
    console.error(`${version}: ${Object.keys(kinds).length} kinds, ${Object.keys(defs).length} definitions, pool ${pool.length}`);
  }
  const out = {
    source: `k8s.io/kubernetes ${SOURCE_VERSIONS.join(', ')}: api/openapi-spec/v3 (Apache-2.0), generated by test/tools/gen-k8s-schemas.ts`,
    versions,
    pool,
  };
  const file = path.resolve(__dirname, '../../src/lint/data/k8s-schemas.json');
  fs.writeFileSync(file, JSON.stringify(out));
  console.error(`wrote ${path.relative(process.cwd(), file)}: ${(fs.statSync(file).size / 1024).toFixed(0)} KB`);
}

main();
