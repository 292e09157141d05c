// The Kubernetes port-forward websocket framing (the kubelet's streaming server, reached through the API server's
// `pods/{name}/portforward?ports=P` upgrade). Every message is one channel byte followed by that channel's bytes; per
// requested port there are two channels: 2i carries data both ways, 2i+1 carries the kubelet's error text for that
// port. The first message on each channel is the port as two bytes, little-endian, before any data.
//
// Why this protocol and not `SPDY/3.1+portforward.k8s.io` (SPDY tunnelled in websocket frames, what kubectl 1.31+
// speaks): API servers pass any other websocket upgrade through to the kubelet (PortForwardREST.Connect, 1.30-1.37),
// and the CRI streaming server behind the kubelet serves these channels (portforward/websocket.go: in
// k8s.io/kubelet's cri/streaming through 1.33, in k8s.io/cri-streaming v0.37, and in containerd's copy of it), so it
// works on EKS 1.28 (no websocket translation at the API server) through 1.37 alike, with no SPDY framing and zlib
// header dictionary to carry. Its one gap: no half-close, so a client that shuts down its sending side only is not told to
// the pod (see port-forward.ts). We offer only the binary flavour; `v4.base64.channel.k8s.io` adds nothing.
export const PORT_FORWARD_PROTOCOLS = ['v4.channel.k8s.io'] as const;

/** The channels of the i-th port in `?ports=`. */
export function channelsOf(index: number): { data: number; error: number } {
  return { data: index * 2, error: index * 2 + 1 };
}

/** Client-to-server data frames on a port's data channel; a large write becomes several messages of at most `chunk`. */
export function encodeData(data: Uint8Array, index = 0, chunk = 32 * 1024): Buffer[] {
  const channel = channelsOf(index).data;
  const frames: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunk) {
    const part = data.subarray(i, i + chunk);
    const out = Buffer.allocUnsafe(1 + part.length);
    out[0] = channel;
    out.set(part, 1);
    frames.push(out);
  }
  return frames;
}

export type PortForwardEvent = { type: 'data'; index: number; data: Buffer } | { type: 'error'; index: number; text: string } | { type: 'port'; index: number; channel: 'data' | 'error'; port: number };

/**
 * Reads server messages: strips the two-byte port prefix of each channel (even when it arrives split across
 * messages), then yields data and error text. A prefix that names another port than the one asked for is a protocol
 * error, thrown.
 */
export class PortForwardDecoder {
  /** Per channel: the prefix bytes seen so far, until both have arrived. */
  private readonly prefix = new Map<number, number[]>();
  private readonly done = new Set<number>();

  constructor(private readonly ports: readonly number[]) {}

  decode(msg: Buffer): PortForwardEvent[] {
    if (msg.length === 0) return [];
    const channel = msg[0];
    const index = channel >> 1;
    const kind = channel & 1 ? 'error' : 'data';
    if (index >= this.ports.length) throw new Error(`port-forward: a message on channel ${channel}, but only ${this.ports.length} port(s) were asked for`);
    let body = msg.subarray(1);
    const out: PortForwardEvent[] = [];
    if (!this.done.has(channel)) {
      const seen = this.prefix.get(channel) ?? [];
      while (seen.length < 2 && body.length > 0) {
        seen.push(body[0]);
        body = body.subarray(1);
      }
      this.prefix.set(channel, seen);
      if (seen.length < 2) return out;
      this.done.add(channel);
      const port = seen[0] | (seen[1] << 8);
      if (port !== this.ports[index]) throw new Error(`port-forward: channel ${channel} is for port ${port}, expected ${this.ports[index]}`);
      out.push({ type: 'port', index, channel: kind, port });
    }
    if (body.length === 0) return out;
    if (kind === 'data') out.push({ type: 'data', index, data: body });
    else out.push({ type: 'error', index, text: body.toString('utf8') });
    return out;
  }

  /** Both channels of port `index` have said which port they carry: the kubelet has started forwarding it. */
  ready(index = 0): boolean {
    const c = channelsOf(index);
    return this.done.has(c.data) && this.done.has(c.error);
  }
}

/**
 * The cause in the kubelet's error text, without its preamble ("error forwarding port 8080 to pod <name_namespace>,
 * uid <uid>: <cause>"), whose pod naming differs between kubelets; the caller names the pod its own way.
 */
export function errorText(text: string): string {
  return text.replace(/^error forwarding port \d+ to pod [^,]*, uid [^:]*:\s*/, '').trim();
}
