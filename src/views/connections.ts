// The one place that caches what talking to AWS and to clusters costs to set up: an AwsSession per credentials
// scope (profile or sso-session account role), and a KubeClient per EKS cluster with its EKS token source. A
// refresh reuses them; a profile or Region change, signing in, or an MFA code drops them all (dropAll). No `vscode`:
// the MFA prompt comes in as a function.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeEksCluster } from '../aws/eks';
import { EksTokenCache } from '../aws/eks-token';
import type { EksCluster } from '../aws/model';
import { AwsSession } from '../aws/session';
import { KubeClient, KubeError, type ClusterEndpoint } from '../kube/client';
import type { EndpointOverride } from '../config';
import type { AwsScope, EksClusterRef } from './target';

export type Credentials = Omit<AwsScope, 'region'>;

export interface ConnectionOptions {
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** `wharf.eks.endpointOverrides`, read when a cluster's client is made. */
  endpointOverrides?: () => Record<string, EndpointOverride>;
}

export function credentialsKey(c: Credentials): string {
  return c.sso ? `sso:${c.sso.session}/${c.sso.accountId}/${c.sso.roleName}` : `profile:${c.profile ?? ''}`;
}

export function clusterKey(ref: EksClusterRef): string {
  return `${credentialsKey(ref)}|${ref.region}|${ref.clusterName}`;
}

/** The override for a cluster, by name or ARN; `ca` is PEM text or a path to a PEM file. */
export function endpointFromOverride(o: EndpointOverride): ClusterEndpoint {
  let caPem = o.ca;
  if (caPem && !caPem.includes('-----BEGIN')) {
    const file = caPem.startsWith('~') ? path.join(os.homedir(), caPem.slice(1)) : caPem;
    caPem = fs.readFileSync(file, 'utf8');
  }
  return { server: o.url, caPem, tlsServerName: o.tlsServerName };
}

export class Connections {
  private readonly sessions = new Map<string, AwsSession>();
  private readonly clients = new Map<string, Promise<KubeClient>>();
  readonly tokens = new EksTokenCache();

  constructor(private readonly opts: ConnectionOptions = {}) {}

  session(creds: Credentials): AwsSession {
    const key = credentialsKey(creds);
    let s = this.sessions.get(key);
    if (!s) {
      s = new AwsSession({ profile: creds.profile, sso: creds.sso, mfaCodeProvider: this.opts.mfaCodeProvider });
      this.sessions.set(key, s);
    }
    return s;
  }

  /**
   * The cluster's Kubernetes client: the endpoint override for its name (or ARN), else DescribeCluster's endpoint
   * and CA. `cluster` saves the describe when the caller has it already.
   */
  kube(ref: EksClusterRef, cluster?: EksCluster, signal?: AbortSignal): Promise<KubeClient> {
    const key = clusterKey(ref);
    let c = this.clients.get(key);
    if (!c) {
      c = this.makeKube(ref, cluster, signal);
      this.clients.set(key, c);
      // A failure (describe denied, bad override) is not cached: the next expansion tries again.
      c.catch(() => this.clients.get(key) === c && this.clients.delete(key));
    }
    return c;
  }

  private async makeKube(ref: EksClusterRef, known: EksCluster | undefined, signal?: AbortSignal): Promise<KubeClient> {
    const overrides = this.opts.endpointOverrides?.() ?? {};
    const session = this.session(ref);
    let override = overrides[ref.clusterName];
    let cluster = known;
    if (!override) {
      cluster ??= await describeEksCluster(session.eks(ref.region), ref.region, ref.clusterName, signal);
      override = overrides[cluster.arn];
    }
    let endpoint: ClusterEndpoint;
    if (override) endpoint = endpointFromOverride(override);
    else if (cluster?.endpoint) endpoint = { server: cluster.endpoint, caPem: cluster.caPem };
    else throw new KubeError({ kind: 'unreachable', message: `${ref.clusterName} has no API server endpoint yet (status ${cluster?.status ?? 'unknown'})` });
    // The token is signed by this session's credentials; the identity key keeps two identities' tokens apart.
    const tokens = {
      key: async () => {
        const creds = await session.credentialProvider();
        return { clusterName: ref.clusterName, region: ref.region, credentials: creds, identityKey: `${session.label}:${creds.accessKeyId}` };
      },
    };
    let last: string | undefined;
    const source = {
      token: async () => (last = await this.tokens.get(await tokens.key())),
      renew: async () => {
        const k = await tokens.key();
        await this.tokens.invalidate(k, last);
        return (last = await this.tokens.get(k));
      },
    };
    return new KubeClient(ref.clusterName, endpoint, source);
  }

  /** Forget one cluster's client (its refresh after an override change or a 401). */
  dropKube(ref: EksClusterRef): void {
    const key = clusterKey(ref);
    const c = this.clients.get(key);
    this.clients.delete(key);
    void c?.then((k) => k.dispose(), () => undefined);
  }

  /** A profile or Region change, a sign-in, an MFA code: every session, client and token goes. */
  dropAll(): void {
    for (const c of this.clients.values()) void c.then((k) => k.dispose(), () => undefined);
    this.clients.clear();
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
    this.tokens.clear();
  }

  dispose(): void {
    this.dropAll();
  }
}
