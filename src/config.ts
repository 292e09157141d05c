// Typed getters over the `wharf.*` settings. Read on demand (settings can change at any time); nothing cached.
import * as vscode from 'vscode';
import type { ConfigInput, FargateProfileSelector } from './lint/config';

export type LintScope = 'openFiles' | 'workspace';

export interface EndpointOverride {
  url: string;
  ca?: string;
  tlsServerName?: string;
}

export class Config {
  static readonly section = 'wharf';

  private get cfg(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(Config.section);
  }

  get lintEnabled(): boolean {
    return this.cfg.get<boolean>('lint.enable', true);
  }

  get lintScope(): LintScope {
    return this.cfg.get<LintScope>('lint.scope', 'openFiles');
  }

  get debounceMs(): number {
    return Math.max(0, this.cfg.get<number>('lint.debounceMs', 200));
  }

  /** The settings as a lint configuration layer; it wins over .wharf.yaml. Unset settings add nothing. */
  get lintLayer(): ConfigInput {
    const c = this.cfg;
    const layer: ConfigInput = {};
    const rules = c.get<ConfigInput['rules']>('lint.rules');
    if (rules && Object.keys(rules).length) layer.rules = rules;
    const version = c.get<string>('lint.kubernetesVersion');
    if (version) layer.kubernetesVersion = version;
    const registries = c.get<string[]>('lint.registries');
    if (registries && registries.length) layer.registries = registries;
    const fargate = c.get<FargateProfileSelector[]>('lint.fargateProfiles');
    if (fargate && fargate.length) layer.fargateProfiles = fargate;
    return layer;
  }

  get endpointOverrides(): Record<string, EndpointOverride> {
    return this.cfg.get<Record<string, EndpointOverride>>('eks.endpointOverrides', {});
  }

  /**
   * The profiles the explorer shows, as entries: a profile name, or `sso:<session>/<accountId>/<roleName>` for an
   * sso-session account role picked without a profile (see commands/explorer/profile-entry.ts). Empty: the SDK's
   * default credential chain.
   */
  get profiles(): string[] {
    return this.cfg.get<string[]>('profiles', []).filter((p) => typeof p === 'string' && p.trim() !== '');
  }

  /** The Regions the explorer shows. Empty: each profile's own region (or AWS_REGION, else us-east-1). */
  get regions(): string[] {
    return this.cfg.get<string[]>('regions', []).filter((r) => typeof r === 'string' && r.trim() !== '');
  }

  /** Lines a log tab keeps; older ones drop, with a marker line. */
  get logsMaxLines(): number {
    return Math.max(100, this.cfg.get<number>('logs.maxLines', 10_000));
  }

  /** Container streams a workload's logs follow at once. */
  get logsMaxStreams(): number {
    return Math.max(1, this.cfg.get<number>('logs.maxStreams', 20));
  }

  /**
   * ECS Exec through a locally installed session-manager-plugin instead of Wharf's own data channel: its path, or
   * `session-manager-plugin` to find it on PATH. Empty (the default): Wharf speaks the protocol itself.
   */
  get ecsSessionManagerPlugin(): string {
    return (this.cfg.get<string>('ecs.sessionManagerPlugin', '') ?? '').trim();
  }

  /** Seconds between automatic refreshes of the AWS (EKS, ECS) nodes; 0 turns it off. */
  get explorerRefreshIntervalSeconds(): number {
    return Math.max(0, this.cfg.get<number>('explorer.refreshIntervalSeconds', 0));
  }

  /** Sets the explorer's profiles and/or Regions in the user's settings (the explorer refreshes on the change). */
  async setScope(change: { profiles?: string[]; regions?: string[] }): Promise<void> {
    // Where the setting is set now: a workspace value would hide a change made in the user's settings.
    const target = (key: string) => (this.cfg.inspect(key)?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    if (change.profiles) await this.cfg.update('profiles', change.profiles, target('profiles'));
    if (change.regions) await this.cfg.update('regions', change.regions, target('regions'));
  }

  affectsExplorerScope(e: vscode.ConfigurationChangeEvent): boolean {
    return e.affectsConfiguration(`${Config.section}.profiles`) || e.affectsConfiguration(`${Config.section}.regions`);
  }

  affectsLint(e: vscode.ConfigurationChangeEvent): boolean {
    return e.affectsConfiguration(`${Config.section}.lint`);
  }
}
