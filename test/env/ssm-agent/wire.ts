// The agent's own reading of the Session Manager frame (AgentMessage), written from the protocol description in
// ../shared/TESTING.md and amazon-ssm-agent, independently of src/ecs-exec, so a framing mistake on one side shows up
// as a failure instead of cancelling out. Big-endian; header length 116; payload at HeaderLength + 4; the message id's
// least significant 8 bytes first; SHA-256 digest of the payload.
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';

export interface AgentFrame {
  type: string;
  seq: number;
  flags: number;
  id: string;
  payloadType: number;
  payload: Buffer;
}

export function pack(f: { type: string; seq?: number; flags?: number; id?: string; payloadType?: number; payload: Buffer }): Buffer {
  const header = Buffer.alloc(120);
  header.writeUInt32BE(116, 0);
  Buffer.from(f.type.padEnd(32, ' '), 'ascii').copy(header, 4);
  header.writeUInt32BE(1, 36);
  header.writeBigUInt64BE(BigInt(Date.now()), 40);
  header.writeBigInt64BE(BigInt(f.seq ?? 0), 48);
  header.writeBigUInt64BE(BigInt(f.flags ?? 0), 56);
  const id = Buffer.from((f.id ?? randomUUID()).replace(/-/g, ''), 'hex');
  id.copy(header, 64, 8, 16); // least significant half first
  id.copy(header, 72, 0, 8);
  createHash('sha256').update(f.payload).digest().copy(header, 80);
  header.writeUInt32BE(f.payloadType ?? 0, 112);
  header.writeUInt32BE(f.payload.length, 116);
  return Buffer.concat([header, f.payload]);
}

export function unpack(b: Buffer): AgentFrame {
  const hl = b.readUInt32BE(0);
  const payload = b.subarray(hl + 4);
  if (payload.length !== b.readUInt32BE(116)) throw new Error('payload length mismatch');
  if (payload.length > 0 && !createHash('sha256').update(payload).digest().equals(b.subarray(80, 112))) throw new Error('digest mismatch');
  const idHex = Buffer.concat([b.subarray(72, 80), b.subarray(64, 72)]).toString('hex');
  return {
    type: b.toString('ascii', 4, 36).trim(),
    seq: Number(b.readBigInt64BE(48)),
    flags: Number(b.readBigUInt64BE(56)),
    id: `${idHex.slice(0, 8)}-${idHex.slice(8, 12)}-${idHex.slice(12, 16)}-${idHex.slice(16, 20)}-${idHex.slice(20)}`,
    payloadType: b.readUInt32BE(112),
    payload,
  };
}

/** AES-256-GCM as the agent's block cipher: nonce(12) || ciphertext || tag(16). */
export function seal(key: Buffer, plain: Buffer): Buffer {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([nonce, body, c.getAuthTag()]);
}

export function open(key: Buffer, sealed: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
}

/**
 * The agent's half of the reliable stream: numbered output with resends until acknowledged (a fixed 200 ms timeout
 * is enough here), and in-order delivery of the client's input however its frames arrive.
 */
export class AgentStream {
  private nextSeq = 0;
  private expected = 0;
  private readonly early = new Map<number, AgentFrame>();
  readonly unacked = new Map<number, { bytes: Buffer; sentAt: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly put: (bytes: Buffer, seq: number) => void, private readonly deliver: (f: AgentFrame) => void,
    private readonly ack: (f: AgentFrame) => void) {
    this.timer = setInterval(() => {
      const now = Date.now();
      for (const [seq, m] of this.unacked) {
        if (now - m.sentAt > 200) {
          m.sentAt = now;
          this.put(m.bytes, seq);
        }
      }
    }, 100);
  }

  send(payloadType: number, payload: Buffer): void {
    const seq = this.nextSeq++;
    const bytes = pack({ type: 'output_stream_data', seq, payloadType, payload });
    this.unacked.set(seq, { bytes, sentAt: Date.now() });
    this.put(bytes, seq);
  }

  onAck(payload: Buffer): void {
    const ack = JSON.parse(payload.toString()) as { AcknowledgedMessageSequenceNumber: number; AcknowledgedMessageType: string };
    if (ack.AcknowledgedMessageType === 'output_stream_data') this.unacked.delete(ack.AcknowledgedMessageSequenceNumber);
  }

  /** Returns false for a duplicate (already delivered or already buffered). */
  onInput(f: AgentFrame): boolean {
    this.ack(f);
    if (f.seq < this.expected || this.early.has(f.seq)) return false;
    if (f.seq > this.expected) {
      this.early.set(f.seq, f);
      return true;
    }
    this.expected++;
    this.deliver(f);
    for (let n = this.early.get(this.expected); n; n = this.early.get(this.expected)) {
      this.early.delete(this.expected);
      this.expected++;
      this.deliver(n);
    }
    return true;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
