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

  affectsLint(e: vscode.ConfigurationChangeEvent): boolean {
    return e.affectsConfiguration(`${Config.section}.lint`);
  }
}
