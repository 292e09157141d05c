// `.wharf.yaml` at each workspace folder's root: read and validated on first need and whenever it changes; its
// problems are shown on the file itself. The `wharf.lint.*` settings are layered on top (they win).
import * as vscode from 'vscode';
import { CONFIG_FILE, parseConfig, resolveConfig, type ConfigInput, type ResolvedConfig } from '../lint/config';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules } from '../lint/rules';
import type { Finding } from '../lint/types';

export interface FolderConfig {
  uri: vscode.Uri;
  input?: ConfigInput;
  problems: Finding[];
}

export class LintConfigs {
  private readonly folders = new Map<string, FolderConfig>();
  /**
   * One ResolvedConfig per folder until .wharf.yaml or the settings change: the incremental linter keeps its
   * results only while it is handed the same configuration object.
   */
  private readonly resolved = new Map<string, ResolvedConfig>();

  /**
   * `linkLayer`: the layer under `.wharf.yaml` and the settings, from the cluster a file is linked to (its Kubernetes
   * version, editor/cluster-link.ts): an explicit version in either wins over it.
   */
  constructor(
    private readonly settingsLayer: () => ConfigInput,
    private readonly linkLayer: (uri: vscode.Uri) => ConfigInput | undefined = () => undefined,
  ) {}

  async load(folder: vscode.WorkspaceFolder): Promise<FolderConfig> {
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
    let text: string | undefined;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      text = undefined; // no config file: defaults
    }
    const metas = [...allRules.map((r) => r.meta), ...ENGINE_RULES];
    const parsed = text === undefined ? { config: undefined, problems: [] } : parseConfig(uri.fsPath, text, metas);
    const entry: FolderConfig = { uri, input: parsed.config, problems: parsed.problems };
    this.folders.set(folder.uri.toString(), entry);
    this.resolved.clear();
    return entry;
  }

  /** Reads every folder's .wharf.yaml; the caller publishes their problems. */
  async loadAll(): Promise<FolderConfig[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const key of [...this.folders.keys()]) if (!folders.some((f) => f.uri.toString() === key)) this.folders.delete(key);
    return Promise.all(folders.map((f) => this.load(f)));
  }

  /** The settings changed. */
  invalidate(): void {
    this.resolved.clear();
  }

  resolve(uri: vscode.Uri): ResolvedConfig {
    // An untitled document belongs to no folder: it gets the first folder's configuration.
    const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
    const folderKey = folder?.uri.toString() ?? '';
    const link = this.linkLayer(uri);
    // Files of one folder linked to clusters of different versions get one configuration per version.
    const key = link?.kubernetesVersion ? `${folderKey}\n${link.kubernetesVersion}` : folderKey;
    let config = this.resolved.get(key);
    if (!config) {
      config = resolveConfig(link, this.folders.get(folderKey)?.input, this.settingsLayer());
      this.resolved.set(key, config);
    }
    return config;
  }
}
