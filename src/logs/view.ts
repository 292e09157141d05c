// The log view: a read-only virtual document (scheme `wharf-logs`) over a LogDocument, so find, copy, word wrap and
// the minimap work as in any editor. It adapts a plain-Node LogEmitter (pod, workload, ECS task or service logs):
// lines append live (re-rendered at most every 250 ms), a header line says following / stopped and the filter, and
// closing the tab stops the stream (window.tabGroups; onDidCloseTextDocument fires only minutes later). Commands
// (stop, resume, filter) are wired by the command table: it finds the view with `logViewFor(uri)`.
import * as vscode from 'vscode';
import { LogDocument } from './document';
import { describeFilter, type FilterSpec } from './filter';
import { LEVELS } from './level';
import type { LogLevel } from './line';
import type { LogEmitter, LogEnd } from './stream';

export const LOG_SCHEME = 'wharf-logs';
const RENDER_MS = 250;

export interface LogViewOptions {
  /** The tab title, e.g. "shop/cart-7d9f/app". */
  title: string;
  /** Opens the stream; called again by resume(). */
  start: () => LogEmitter;
  /** Lines kept (the wharf.logs.maxLines setting; default 10,000). */
  limit?: number;
  timestamps?: boolean;
  /** Sentences shown under the header (where non-awslogs ECS containers send their logs). */
  preface?: string[];
}

const views = new Map<string, LogView>();
let provider: { emitter: vscode.EventEmitter<vscode.Uri>; disposables: vscode.Disposable[] } | undefined;
let nextId = 1;

function ensureProvider(): NonNullable<typeof provider> {
  if (provider) return provider;
  const emitter = new vscode.EventEmitter<vscode.Uri>();
  const disposables: vscode.Disposable[] = [
    emitter,
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, { onDidChange: emitter.event, provideTextDocumentContent: (uri) => views.get(uri.toString())?.text() ?? '' }),
    vscode.window.tabGroups.onDidChangeTabs(() => {
      const open = new Set<string>();
      for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) if (t.input instanceof vscode.TabInputText) open.add(t.input.uri.toString());
      for (const [key, v] of views) if (!open.has(key) && v.shown) v.dispose();
    }),
  ];
  return (provider = { emitter, disposables });
}

export class LogView implements vscode.Disposable {
  readonly doc: LogDocument;
  /** Set once the tab has been seen open, so the tab watcher does not dispose a view before its tab appears. */
  shown = false;
  private stream?: LogEmitter;
  private state: { following: boolean; end?: LogEnd } = { following: false };
  private timer?: NodeJS.Timeout;
  private renderedVersion = -1;

  constructor(readonly uri: vscode.Uri, private readonly opts: LogViewOptions) {
    this.doc = new LogDocument(opts.limit, { timestamps: opts.timestamps });
  }

  text(): string {
    const { text, shown, hidden } = this.doc.render();
    const status = this.state.following ? 'following' : `stopped${this.state.end && this.state.end.kind !== 'stopped' ? ` (${this.state.end.reason})` : ''}`;
    const filter = describeFilter(this.doc.filter);
    const head = `── ${this.opts.title} · ${status} · ${shown.toLocaleString('en-US')} lines${hidden ? `, ${hidden.toLocaleString('en-US')} hidden by filter ${filter}` : ''} ──`;
    return [head, ...(this.opts.preface ?? []), text].join('\n');
  }

  resume(): void {
    if (this.stream && !this.stream.ended) return;
    const s = (this.stream = this.opts.start());
    this.state = { following: true };
    s.on('line', (l) => this.doc.append(l));
    s.on('notice', (n: string) => this.doc.append({ text: `» ${n}` }));
    s.on('end', (end: LogEnd) => {
      this.state = { following: false, end };
      if (end.kind !== 'stopped' && end.kind !== 'complete') this.doc.append({ text: `» ${end.reason}` });
      this.changed();
    });
    this.changed();
    this.timer ??= setInterval(() => {
      if (this.doc.version !== this.renderedVersion) this.changed();
    }, RENDER_MS);
  }

  stop(): void {
    this.stream?.stop();
  }

  setFilter(spec: FilterSpec): string | undefined {
    const err = this.doc.setFilter(spec);
    if (!err) this.changed();
    return err;
  }

  /** Asks for a filter text (a /regex/ when slashed) and a minimum level. */
  async promptFilter(): Promise<void> {
    const cur = this.doc.filter;
    const input = await vscode.window.showInputBox({
      title: `Filter ${this.opts.title}`, prompt: 'Text to match, or /regular expression/. Empty: no text filter. Hidden lines are kept.',
      value: cur.text ? (cur.regex ? `/${cur.text}/` : cur.text) : '',
      validateInput: (v) => (/^\/.+\/$/.test(v) ? this.tryRegex(v.slice(1, -1)) : undefined),
    });
    if (input === undefined) return;
    const picked = await vscode.window.showQuickPick(['any level', ...LEVELS.map((l) => `${l} and above`)], { title: 'Minimum level' });
    const regex = /^\/.+\/$/.test(input);
    const minLevel = picked && picked !== 'any level' ? (picked.split(' ')[0] as LogLevel) : undefined;
    const err = this.setFilter({ text: regex ? input.slice(1, -1) : input || undefined, regex, minLevel });
    if (err) void vscode.window.showErrorMessage(err);
  }

  private tryRegex(src: string): string | undefined {
    try {
      new RegExp(src);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  }

  private changed(): void {
    this.renderedVersion = this.doc.version;
    provider?.emitter.fire(this.uri);
  }

  dispose(): void {
    this.stream?.stop();
    if (this.timer) clearInterval(this.timer);
    views.delete(this.uri.toString());
    if (!views.size && provider) {
      for (const d of provider.disposables) d.dispose();
      provider = undefined;
    }
  }
}

/** Opens a log view in a new tab and starts its stream. */
export async function openLogView(opts: LogViewOptions): Promise<LogView> {
  ensureProvider();
  const safe = opts.title.replace(/[^\w.\-/]+/g, '_');
  const uri = vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${safe}.log`, query: `v=${nextId++}` });
  const view = new LogView(uri, opts);
  views.set(uri.toString(), view);
  view.resume();
  const opened = await vscode.workspace.openTextDocument(uri);
  // The built-in "log" language colours levels, dates and quoted strings.
  const doc = await vscode.languages.setTextDocumentLanguage(opened, 'log').then((d) => d, () => opened);
  await vscode.window.showTextDocument(doc, { preview: false });
  view.shown = true;
  return view;
}

/** The view shown in `uri`'s tab (for stop / resume / filter commands). */
export function logViewFor(uri: vscode.Uri | undefined): LogView | undefined {
  return uri ? views.get(uri.toString()) : undefined;
}
