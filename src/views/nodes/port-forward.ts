// The "Port Forwards" group at the top of the tree (shown while at least one forward runs) and one row per forward:
// the local address, what it reaches (target, port, the pod it uses now), and its state. Stop is an inline action;
// "Open in Browser" appears on rows whose port looks like a web server's (contextValue flag `http`).
import type { PortForward } from '../../kube/port-forward';
import { browserUrl, describeTarget } from '../../kube/port-forward-target';
import { TreeNode, type ItemView, type TreeContext } from '../node';
import { ICON, age, contextValue, join, plural, tooltip } from '../present';
import type { EksClusterRef } from '../target';

/** One running forward as the commands keep it. */
export interface ForwardEntry {
  id: string;
  forward: PortForward;
  cluster: EksClusterRef;
  /** The remote port's name, when the port picked had one (for "is this a web port"). */
  portName?: string;
}

export interface ForwardSource {
  entries(): ForwardEntry[];
}

/** The browser URL of a forward, if its port looks like a web server's. */
export function entryUrl(e: ForwardEntry): string | undefined {
  return browserUrl(e.forward.localPort, [e.forward.remotePort, e.forward.current?.port], e.portName);
}

/** "localhost:8080 → deployment/web 8080 (shop)": how a forward is named in messages and pickers. */
export function entryLabel(e: ForwardEntry): string {
  return `localhost:${e.forward.localPort} → ${describeTarget(e.forward.target)} port ${e.forward.remotePort}`;
}

export class PortForwardsNode extends TreeNode {
  constructor(
    ctx: TreeContext,
    private readonly source: ForwardSource,
  ) {
    super(undefined, 'portForwards', ctx);
  }

  treeItem(): ItemView {
    const n = this.source.entries().length;
    return {
      label: 'Port Forwards',
      description: plural(n, 'forward'),
      tooltip: tooltip('Port Forwards', [['Running', n]], 'Local ports forwarded to pods. Stop one with its ■ button; start one from a pod, workload or Service row.'),
      contextValue: contextValue('portForwards'),
      icon: { codicon: 'plug' },
      collapsible: 'expanded',
    };
  }

  override async children(): Promise<TreeNode[]> {
    return this.source.entries().map((e) => new PortForwardNode(this, this.ctx, e));
  }
}

export class PortForwardNode extends TreeNode {
  constructor(
    parent: TreeNode,
    ctx: TreeContext,
    readonly entry: ForwardEntry,
  ) {
    super(parent, `pf:${entry.id}`, ctx);
  }

  treeItem(): ItemView {
    const f = this.entry.forward;
    const pod = f.current?.pod;
    const waiting = f.state === 'waiting';
    return {
      label: `localhost:${f.localPort}`,
      description: join(`→ ${describeTarget(f.target)} port ${f.remotePort}`, waiting ? 'waiting for a ready pod' : pod && f.target.kind !== 'pod' && `pod ${pod}`, f.open > 0 && `${f.open} open`),
      tooltip: tooltip(
        `Port forward localhost:${f.localPort}`,
        [
          ['Cluster', this.entry.cluster.clusterName],
          ['Target', describeTarget(f.target)],
          ['Remote port', f.current ? `${f.remotePort}${f.current.port !== f.remotePort ? ` → container port ${f.current.port}` : ''}` : f.remotePort],
          ['Pod', pod ?? 'none ready yet'],
          ['Listening on', `${f.address}:${f.localPort}`],
          ['Connections', `${f.open} open, ${f.total} in all`],
          ['Started', `${age(f.startedAt.toISOString(), this.ctx.today())} ago`],
        ],
        f.lastError && `Last problem: ${f.lastError}`,
      ),
      contextValue: contextValue('portForward', { http: !!entryUrl(this.entry), waiting }),
      icon: waiting ? ICON.pending : f.lastError ? ICON.warning : { codicon: 'plug', color: 'testing.iconPassed' },
      collapsible: 'none',
    };
  }
}
