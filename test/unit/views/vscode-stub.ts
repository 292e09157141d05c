// A stand-in for the `vscode` module, for the provider's unit tests in plain Node: VS Code's API exists only inside
// its extension host, so these few classes mirror the shapes provider.ts uses (TreeItem, ThemeIcon, ThemeColor,
// MarkdownString, EventEmitter, Uri, Disposable, window.showErrorMessage). The real API is exercised by the e2e suite
// in code-server. Import this module before anything that imports `vscode`.
import Module from 'node:module';

class EventEmitter<T> {
  private listeners = new Set<(e: T) => void>();
  event = (fn: (e: T) => void) => {
    this.listeners.add(fn);
    return { dispose: () => this.listeners.delete(fn) };
  };
  fire(e: T) {
    for (const l of this.listeners) l(e);
  }
  dispose() {
    this.listeners.clear();
  }
}

export const errors: string[] = [];

const vscode = {
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  TreeItem: class {
    id?: string;
    description?: string;
    tooltip?: unknown;
    contextValue?: string;
    iconPath?: unknown;
    command?: unknown;
    constructor(
      public label: string,
      public collapsibleState: number,
    ) {}
  },
  ThemeIcon: class {
    constructor(
      public id: string,
      public color?: unknown,
    ) {}
  },
  ThemeColor: class {
    constructor(public id: string) {}
  },
  MarkdownString: class {
    constructor(public value: string) {}
  },
  EventEmitter,
  Uri: {
    file: (p: string) => ({ path: p, toString: () => `file://${p}` }),
    joinPath: (base: { path: string }, ...parts: string[]) => ({ path: [base.path, ...parts].join('/') }),
  },
  Disposable: {
    from: (...ds: { dispose(): unknown }[]) => ({ dispose: () => ds.forEach((d) => d.dispose()) }),
  },
  window: {
    showErrorMessage: async (m: string) => {
      errors.push(m);
      return undefined;
    },
  },
};

const STUB = '/__vscode_stub__.js';
const M = Module as unknown as { _resolveFilename: (r: string, ...a: unknown[]) => string; _cache: Record<string, unknown> };
const resolve = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? STUB : resolve.call(this, request, ...rest);
};
M._cache[STUB] = { id: STUB, filename: STUB, loaded: true, exports: vscode };

export default vscode;
