// The Kubernetes remote-command websocket framing (the API server's wsstream / kubelet streaming), binary flavours
// only: each message is one channel byte followed by that channel's bytes.
//   channel.k8s.io     0 stdin, 1 stdout, 2 stderr, 3 error (plain text)
//   v2.channel.k8s.io  as v1
//   v3.channel.k8s.io  + 4 resize {"Width","Height"}
//   v4.channel.k8s.io  3 carries a metav1.Status (exit codes as NonZeroExitCode / ExitCode)
//   v5.channel.k8s.io  + 255 close: [255, n] half-closes channel n (stdin), so a process reading stdin sees EOF
// The base64.* text flavours are not offered: every server that speaks them speaks the binary ones too.
import type { KubeStatus } from './errors';

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'] as const;
export type ExecProtocol = (typeof EXEC_PROTOCOLS)[number];

export const Channel = { stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4, close: 255 } as const;

/** Protocol features by version. An empty or unknown negotiated protocol is the oldest (the server chose none). */
export function protocolFeatures(p: string | undefined): { version: number; resize: boolean; statusJson: boolean; close: boolean } {
  const m = /^v(\d+)\.channel\.k8s\.io$/.exec(p ?? '');
  const version = m ? Number(m[1]) : 1;
  return { version, resize: version >= 3, statusJson: version >= 4, close: version >= 5 };
}

export function encodeFrame(channel: number, data: Uint8Array = new Uint8Array(0)): Buffer {
  const out = Buffer.allocUnsafe(1 + data.length);
  out[0] = channel;
  out.set(data, 1);
  return out;
}

export function decodeFrame(msg: Buffer): { channel: number; data: Buffer } | undefined {
  if (msg.length === 0) return undefined;
  return { channel: msg[0], data: msg.subarray(1) };
}

/** Channel 4: the terminal size as the server reads it (remotecommand.TerminalSize). */
export function encodeResize(cols: number, rows: number): Buffer {
  const size = { Width: Math.max(1, Math.floor(cols)), Height: Math.max(1, Math.floor(rows)) };
  return encodeFrame(Channel.resize, Buffer.from(JSON.stringify(size)));
}

/** v5 only: half-close a channel (stdin) without closing the websocket. */
export function encodeClose(channel: number = Channel.stdin): Buffer {
  return encodeFrame(Channel.close, Uint8Array.of(channel));
}

/** Stdin split in frames of at most `chunk` bytes: a paste must not become one huge message. */
export function encodeStdin(data: Uint8Array, chunk = 16 * 1024): Buffer[] {
  const frames: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunk) frames.push(encodeFrame(Channel.stdin, data.subarray(i, i + chunk)));
  return frames;
}

/** What the status channel said: the command's exit code, or a failure that is not one (with the server's words). */
export type ExecOutcome = { exitCode: number } | { failure: string; reason?: string };

/**
 * Reads the status channel. v4+: a metav1.Status: Success -> 0; Failure with reason NonZeroExitCode -> the ExitCode
 * cause. Older versions send plain text on failure (an empty status means success at the end of the stream).
 */
export function parseStatus(data: Buffer | string, protocol?: string): ExecOutcome {
  const text = (typeof data === 'string' ? data : data.toString('utf8')).trim();
  if (text === '') return { exitCode: 0 };
  let s: KubeStatus | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') s = parsed as KubeStatus;
  } catch {
    // plain text: the pre-v4 error channel
  }
  if (!s) {
    // "command terminated with non-zero exit code: ... 3" from pre-v4 servers
    const m = /non-zero exit code[^0-9]*(\d+)\s*$/.exec(text);
    if (m && !protocolFeatures(protocol).statusJson) return { exitCode: Number(m[1]) };
    return { failure: text };
  }
  if (s.status === 'Success') return { exitCode: 0 };
  if (s.reason === 'NonZeroExitCode') {
    const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message);
    if (Number.isInteger(code)) return { exitCode: code };
  }
  // Kubelets that lose the exit code's type (kwok 0.7) report it as an InternalError ending in Go's own words for
  // a process that exited: "... error executing command in container: cmd wait: sh -c exit 3: exit status 3".
  const wait = /error executing command in container: .*exit status (\d+)$/.exec(s.message ?? '');
  if (wait) return { exitCode: Number(wait[1]) };
  return { failure: s.message || text, reason: s.reason };
}
