// What the stand-in remembers per EKS cluster (moto keeps the cluster itself): the fields moto drops from
// CreateCluster, seeded health issues, access entries with their policies, add-ons and Pod Identity associations.
export type AuthenticationMode = 'API' | 'API_AND_CONFIG_MAP' | 'CONFIG_MAP';

export interface AccessEntryRecord {
  entry: Record<string, unknown> & { principalArn: string; type: string };
  policies: Map<string, Record<string, unknown>>;
}

export interface ClusterExtras {
  accessConfig: { authenticationMode: AuthenticationMode; bootstrapClusterCreatorAdminPermissions: boolean };
  upgradePolicy: { supportType: 'STANDARD' | 'EXTENDED' };
  health: { issues: { code: string; message: string; resourceIds?: string[] }[] };
  accessEntries: Map<string, AccessEntryRecord>;
  addons: Map<string, Record<string, unknown> & { addonVersion: string }>;
  podIdentity: Map<string, Record<string, unknown> & { associationId: string; namespace: string; serviceAccount: string }>;
}

export class EksState {
  private readonly clusters = new Map<string, ClusterExtras>();

  private key(region: string, name: string): string {
    return `${region}/${name}`;
  }

  /**
   * A cluster made some other way than through the stand-in (directly in moto) gets what EKS gives a cluster
   * created through its API with no options: CONFIG_MAP authentication and extended support.
   */
  get(region: string, name: string): ClusterExtras {
    const k = this.key(region, name);
    let c = this.clusters.get(k);
    if (!c) {
      c = {
        accessConfig: { authenticationMode: 'CONFIG_MAP', bootstrapClusterCreatorAdminPermissions: true },
        upgradePolicy: { supportType: 'EXTENDED' },
        health: { issues: [] },
        accessEntries: new Map(),
        addons: new Map(),
        podIdentity: new Map(),
      };
      this.clusters.set(k, c);
    }
    return c;
  }

  drop(region: string, name: string): void {
    this.clusters.delete(this.key(region, name));
  }
}
