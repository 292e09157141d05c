// `.wharf.yaml` per workspace folder: parsed and validated on first need and whenever it changes; its problems are
// shown on the file itself. Settings are layered on top.
import * as vscode from 'vscode';
import { CONFIG_FILE, parseConfig, resolveConfig, type ConfigInput, type ResolvedConfig } from '../lint/config';
import { ENGINE_RULES } from '../lint/engine-rules';
import { allRules } from '../lint/rules';
import type { Finding } from '../lint/types';

const METAS = [...allRules.map((r) => r.meta), ...ENGINE_RULES];

interface FolderConfig {
  input?: ConfigInput;
  problems: Finding[];
  uri: vscode.Uri;
}

export class LintConfigs {
  private readonly folders = new Map<string, FolderConfig>();

  constructor(private readonly settingsLayer: () => ConfigInput) {}

  /** Reads every folder's .wharf.yaml; returns the config files and their problems for the caller to publish. */
  async load(folder: vscode.WorkspaceFolder): Promise<FolderConfig> {
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
    let text: string | undefined;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      text = undefined; // no config file: defaults
    }
    const parsed = text === undefined ? { config: undefined, problems: [] } : parseConfig(uri.fsPath, text, METAS);
    const entry: FolderConfig = { input: parsed.config, problems: parsed.problems, uri };
    this.folders.set(folder.uri.toString(), entry);
    return entry;
  }

  async loadAll(): Promise<FolderConfig[]> {
    return Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.load(f)));
  }

  resolve(uri: vscode.Uri): ResolvedConfig {
    // An untitled document belongs to no folder: it gets the first folder's configuration.
    const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
    const entry = folder ? this.folders.get(folder.uri.toString()) : undefined;
    return resolveConfig(entry?.input, this.settingsLayer());
  }
}
