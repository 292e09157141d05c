// Port-forward commands: start one from a pod, workload or Service row (or the palette, through the pickers), list
// the running ones, open one in the browser, stop one. The remote port is picked from the ports the pod, template or
// Service declares (or typed); the local port defaults to the same number when it is free (8000 + n for ports below
// 1024, which need privileges), else any free port.
import * as net from 'node:net';
import * as vscode from 'vscode';
import { startPortForward } from '../../kube/port-forward';
import { portChoices, type ForwardTarget, type PortChoice } from '../../kube/port-forward-target';
import { PortForwardNode, entryLabel, type ForwardEntry } from '../../views/nodes/port-forward';
import type { EksClusterRef, NodeTarget } from '../../views/target';
import type { ExplorerHost } from './host';
import { targetOrPick, type PickWhat } from './pick';
import { portForwardsOf } from './port-forwards';
import { targetOf } from './targets';

const TITLE = 'Wharf: Port Forward';
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** A tree or picker target as a forward target, or undefined when it is not something a port can be forwarded to. */
export function forwardTargetOf(t: NodeTarget | undefined): ForwardTarget | undefined {
  if (!t || t.type !== 'kubeObject' || !t.namespace) return undefined;
  const kind = t.resource.kind;
  if (kind === 'Pod') return { kind: 'pod', namespace: t.namespace, name: t.name };
  if (kind === 'Service') return { kind: 'service', namespace: t.namespace, name: t.name };
  if (WORKLOADS.has(kind)) return { kind: 'workload', resource: kind as Extract<ForwardTarget, { kind: 'workload' }>['resource'], namespace: t.namespace, name: t.name };
  return undefined;
}

async function pickTargetKind(): Promise<PickWhat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: '$(symbol-class) Pod', what: 'pod' as const },
      { label: '$(layers) Workload', description: 'Deployment, StatefulSet, DaemonSet: a ready pod of it, moving on when it goes away', what: 'workload' as const },
      { label: '$(globe) Service', description: 'a ready pod behind it, through its targetPort', what: 'service' as const },
    ],
    { title: TITLE, placeHolder: 'Forward a local port to…' },
  );
  return picked?.what;
}

export async function startPortForwardCommand(host: ExplorerHost, el: unknown): Promise<void> {
  let target = targetOf(el);
  if (!forwardTargetOf(target)) {
    const what = await pickTargetKind();
    if (!what) return;
    target = await targetOrPick(host, el, what, { title: TITLE });
  }
  const ft = forwardTargetOf(target);
  if (!ft || !target || target.type !== 'kubeObject') return;
  const cluster: EksClusterRef = { profile: target.profile, sso: target.sso, region: target.region, clusterName: target.clusterName };
  const client = await host.kube(cluster);
  const remote = await pickRemotePort(await portChoices(client, ft, AbortSignal.timeout(30_000)), ft);
  if (!remote) return;
  const local = await pickLocalPort(remote.port);
  if (local === undefined) return;
  const forward = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Forwarding ${ft.name} port ${remote.port}…` }, () =>
    startPortForward({ client, target: ft, remotePort: remote.port, localPort: local }),
  );
  const forwards = portForwardsOf(host);
  const entry = forwards.add(forward, cluster, remote.name);
  const url = forwards.url(entry);
  const via = ft.kind === 'pod' ? '' : ` (pod ${forward.current?.pod})`;
  void vscode.window.showInformationMessage(`Wharf: forwarding ${entryLabel(entry)}${via}.`, ...(url ? ['Open in Browser'] : []), 'Copy Address', 'Stop').then((b) => {
    if (b === 'Open in Browser' && url) void vscode.env.openExternal(vscode.Uri.parse(url));
    else if (b === 'Copy Address') void vscode.env.clipboard.writeText(`localhost:${forward.localPort}`);
    else if (b === 'Stop') void forwards.stop(entry);
  });
}

async function pickRemotePort(choices: PortChoice[], ft: ForwardTarget): Promise<{ port: number; name?: string } | undefined> {
  const tcp = choices.filter((c) => (c.protocol ?? 'TCP') === 'TCP');
  const type: { label: string; description?: string; port: number; name?: string } = { label: '$(edit) Enter a port number…', port: -1 };
  if (tcp.length) {
    const picked = await vscode.window.showQuickPick(
      [...tcp.map((c) => ({ label: String(c.port), description: c.detail, port: c.port, name: c.name })), type],
      { title: TITLE, placeHolder: `Which port of ${ft.kind === 'service' ? 'the Service' : 'the container'} to forward` },
    );
    if (!picked) return undefined;
    if (picked.port >= 0) return { port: picked.port, name: picked.name };
  }
  const typed = await vscode.window.showInputBox({
    title: TITLE,
    prompt: ft.kind === 'service' ? 'The Service port to forward' : 'The container port to forward (it declares none)',
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) > 0 && Number(v) < 65536 ? undefined : 'A port number, 1-65535'),
  });
  return typed ? { port: Number(typed.trim()) } : undefined;
}

/** The local port: the input box's answer (0 = any free port), or undefined when cancelled. */
async function pickLocalPort(remote: number): Promise<number | undefined> {
  const wanted = remote < 1024 ? 8000 + remote : remote;
  const suggestion = (await isFree(wanted)) ? wanted : 0;
  const typed = await vscode.window.showInputBox({
    title: TITLE,
    prompt: `The local port on 127.0.0.1 (0: any free port)${suggestion === 0 ? `; ${wanted} is in use` : ''}`,
    value: String(suggestion),
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) < 65536 ? undefined : 'A port number, 0-65535'),
  });
  return typed === undefined ? undefined : Number(typed.trim());
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen({ host: '127.0.0.1', port, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

/** The forward a command was run on (a tree row), or one picked from the running ones. */
async function entryOf(host: ExplorerHost, el: unknown, placeHolder: string): Promise<ForwardEntry | undefined> {
  if (el instanceof PortForwardNode) return el.entry;
  const entries = portForwardsOf(host).entries();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('Wharf: no port forwards are running. Start one from a pod, workload or Service (right-click → Port Forward…).');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    entries.map((e) => ({ label: `localhost:${e.forward.localPort}`, description: entryLabel(e).replace(/^localhost:\d+ → /, ''), detail: `${e.cluster.clusterName} · ${e.forward.state === 'waiting' ? 'waiting for a ready pod' : `pod ${e.forward.current?.pod}`} · ${e.forward.open} open`, entry: e })),
    { title: TITLE, placeHolder },
  );
  return picked?.entry;
}

export async function stopPortForwardCommand(host: ExplorerHost, el: unknown): Promise<void> {
  const e = await entryOf(host, el, 'Which port forward to stop');
  if (e) await portForwardsOf(host).stop(e);
}

export async function openPortForwardCommand(host: ExplorerHost, el: unknown): Promise<void> {
  const e = await entryOf(host, el, 'Which port forward to open in the browser');
  if (!e) return;
  const url = portForwardsOf(host).url(e) ?? `http://localhost:${e.forward.localPort}/`;
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

/** The running forwards; picking one offers what to do with it. */
export async function listPortForwardsCommand(host: ExplorerHost): Promise<void> {
  const e = await entryOf(host, undefined, 'Running port forwards: pick one to open, copy or stop it');
  if (!e) return;
  const forwards = portForwardsOf(host);
  const url = forwards.url(e);
  const action = await vscode.window.showQuickPick(
    [...(url ? [{ label: '$(globe) Open in Browser', id: 'open' }] : []), { label: '$(copy) Copy Address', id: 'copy' }, { label: '$(debug-stop) Stop', id: 'stop' }],
    { title: `${TITLE}: localhost:${e.forward.localPort}`, placeHolder: entryLabel(e) },
  );
  if (action?.id === 'open' && url) await vscode.env.openExternal(vscode.Uri.parse(url));
  else if (action?.id === 'copy') await vscode.env.clipboard.writeText(`localhost:${e.forward.localPort}`);
  else if (action?.id === 'stop') await forwards.stop(e);
}
