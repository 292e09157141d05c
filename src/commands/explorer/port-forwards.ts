// The running port-forwards of one explorer: the list the tree's "Port Forwards" group and the status bar item show,
// and what happens when a forward reports something. A forward's stream errors (the kubelet's error channel, a
// dropped connection) go to the output channel and, at most once per forward every NOTIFY_EVERY_MS, to a
// notification; a move to another pod is logged and shown in the status bar; a forward that stops by itself (its pod
// deleted) is removed with a warning that says why.
import * as vscode from 'vscode';
import type { KubeError } from '../../kube/errors';
import type { PortForward } from '../../kube/port-forward';
import { entryLabel, entryUrl, type ForwardEntry, type ForwardSource } from '../../views/nodes/port-forward';
import type { EksClusterRef } from '../../views/target';
import type { ExplorerHost } from './host';

const NOTIFY_EVERY_MS = 10_000;

export class PortForwards implements ForwardSource, vscode.Disposable {
  private readonly list: ForwardEntry[] = [];
  private readonly item: vscode.StatusBarItem;
  /** `list`: a forward was added or removed (not only a count or state within one). */
  private readonly changed = new vscode.EventEmitter<{ list: boolean }>();
  readonly onDidChange = this.changed.event;
  private next = 1;
  private readonly lastNotice = new Map<string, number>();

  constructor(private readonly host: ExplorerHost) {
    this.item = vscode.window.createStatusBarItem('wharf.portForwards', vscode.StatusBarAlignment.Left, 49);
    this.item.name = 'Wharf: port forwards';
    this.item.command = 'wharf.kube.listPortForwards';
  }

  entries(): ForwardEntry[] {
    return [...this.list];
  }

  add(forward: PortForward, cluster: EksClusterRef, portName?: string): ForwardEntry {
    const entry: ForwardEntry = { id: String(this.next++), forward, cluster, portName };
    this.list.push(entry);
    const log = this.host.ctx.output;
    forward.on('change', () => this.update(false));
    forward.on('moved', ({ from, to }) => {
      log.info(`port-forward ${entryLabel(entry)}: pod ${from} went away; now forwarding to pod ${to}`);
      vscode.window.setStatusBarMessage(`$(plug) localhost:${forward.localPort} moved to pod ${to}`, 5000);
    });
    forward.on('stream-error', (e) => this.streamError(entry, e));
    forward.on('stopped', (why) => {
      log.warn(`port-forward ${entryLabel(entry)} stopped: ${why}`);
      this.remove(entry);
      void vscode.window.showWarningMessage(`Wharf: the port-forward ${entryLabel(entry)} stopped: ${why}.`);
    });
    log.info(`port-forward ${entryLabel(entry)} started (pod ${forward.current?.pod}, container port ${forward.current?.port})`);
    this.update(true);
    return entry;
  }

  async stop(entry: ForwardEntry): Promise<void> {
    this.remove(entry);
    await entry.forward.stop();
    this.host.ctx.output.info(`port-forward ${entryLabel(entry)} stopped`);
  }

  private remove(entry: ForwardEntry): void {
    const i = this.list.indexOf(entry);
    if (i < 0) return;
    this.list.splice(i, 1);
    entry.forward.removeAllListeners('change');
    this.update(true);
  }

  private streamError(entry: ForwardEntry, e: KubeError): void {
    this.host.ctx.output.warn(`port-forward ${entryLabel(entry)}: ${e.message}`);
    const now = Date.now();
    if (now - (this.lastNotice.get(entry.id) ?? 0) < NOTIFY_EVERY_MS) return;
    this.lastNotice.set(entry.id, now);
    void vscode.window.showWarningMessage(`Wharf: port-forward localhost:${entry.forward.localPort}: ${e.message}`, 'Show Output', 'Stop').then((b) => {
      if (b === 'Show Output') this.host.ctx.output.show(true);
      else if (b === 'Stop') void this.stop(entry);
    });
  }

  private update(list: boolean): void {
    const n = this.list.length;
    if (n === 0) this.item.hide();
    else {
      this.item.text = `$(plug) ${n}`;
      const lines = this.list.map((e) => `- ${entryLabel(e)}${e.forward.state === 'waiting' ? ' (waiting for a ready pod)' : ''}`);
      this.item.tooltip = new vscode.MarkdownString([`**Wharf: ${n} port forward${n === 1 ? '' : 's'}**`, '', ...lines, '', 'Click to list, open or stop them.'].join('\n'));
      this.item.accessibilityInformation = { label: `Wharf: ${n} port forward${n === 1 ? '' : 's'} running. Click to list them.` };
      this.item.show();
    }
    this.changed.fire({ list });
  }

  /** The web URL of an entry, if its port looks like a web server's. */
  url(entry: ForwardEntry): string | undefined {
    return entryUrl(entry);
  }

  dispose(): void {
    for (const e of this.list.splice(0)) void e.forward.stop();
    this.item.dispose();
    this.changed.dispose();
  }
}

/** One manager per explorer host (the explorer entry creates it and owns its disposal; commands find it here). */
const managers = new WeakMap<ExplorerHost, PortForwards>();

export function portForwardsOf(host: ExplorerHost): PortForwards {
  let m = managers.get(host);
  if (!m) managers.set(host, (m = new PortForwards(host)));
  return m;
}
