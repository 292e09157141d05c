// The Session Manager data channel frame ("ClientMessage"), as session-manager-plugin and the SSM agent put it on
// the websocket: a fixed 120-byte big-endian header, then the payload. Field order and sizes:
//   HeaderLength u32 (=116, the offset of PayloadLength) | MessageType 32 bytes, space padded | SchemaVersion u32 |
//   CreatedDate u64 (epoch ms) | SequenceNumber i64 | Flags u64 | MessageId 16 bytes | PayloadDigest 32 bytes
//   (SHA-256 of the payload) | PayloadType u32 | PayloadLength u32 | Payload
// The payload starts at HeaderLength + 4, not at a fixed offset, so a longer header from a newer peer still parses.
import { createHash, randomUUID } from 'node:crypto';

export const MessageType = {
  input: 'input_stream_data',
  output: 'output_stream_data',
  acknowledge: 'acknowledge',
  channelClosed: 'channel_closed',
  startPublication: 'start_publication',
  pausePublication: 'pause_publication',
} as const;

export const PayloadType = {
  output: 1, // stdout from the agent, and keyboard input (stdin) from the client
  error: 2,
  size: 3, // {"cols","rows"}
  parameter: 4,
  handshakeRequest: 5,
  handshakeResponse: 6,
  handshakeComplete: 7,
  encChallengeRequest: 8,
  encChallengeResponse: 9,
  flag: 10, // u32 big-endian: 1 disconnect-to-port, 2 terminate session, 3 connect-to-port error
  stderr: 11,
  exitCode: 12,
} as const;

export const Flag = { disconnectToPort: 1, terminateSession: 2, connectToPortError: 3 } as const;

export const HEADER_LENGTH = 116;
const PAYLOAD_OFFSET = HEADER_LENGTH + 4;
const OFF = { type: 4, schema: 36, created: 40, seq: 48, flags: 56, id: 64, digest: 80, payloadType: 112, payloadLength: 116 };

export interface Frame {
  messageType: string;
  schemaVersion: number;
  createdDate: number;
  sequenceNumber: number;
  flags: number;
  /** Canonical lower-case UUID string with hyphens (the form acknowledgements carry). */
  messageId: string;
  payloadType: number;
  payload: Buffer;
}

export class FrameError extends Error {}

/**
 * On the wire the UUID's two 64-bit halves are swapped: the least significant 8 bytes come first (Java's
 * UUID.getLeastSignificantBits, then getMostSignificantBits), each half big-endian.
 */
export function uuidToWire(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new FrameError(`not a UUID: ${uuid}`);
  const b = Buffer.from(hex, 'hex');
  return Buffer.concat([b.subarray(8, 16), b.subarray(0, 8)]);
}

export function uuidFromWire(wire: Buffer): string {
  const hex = Buffer.concat([wire.subarray(8, 16), wire.subarray(0, 8)]).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

export function encodeFrame(f: Partial<Frame> & { messageType: string; payload?: Buffer }): Buffer {
  const payload = f.payload ?? Buffer.alloc(0);
  if (Buffer.byteLength(f.messageType) > 32) throw new FrameError(`message type too long: ${f.messageType}`);
  const out = Buffer.alloc(PAYLOAD_OFFSET + payload.length);
  out.writeUInt32BE(HEADER_LENGTH, 0);
  out.fill(0x20, OFF.type, OFF.type + 32);
  out.write(f.messageType, OFF.type, 'utf8');
  out.writeUInt32BE(f.schemaVersion ?? 1, OFF.schema);
  out.writeBigUInt64BE(BigInt(f.createdDate ?? Date.now()), OFF.created);
  out.writeBigInt64BE(BigInt(f.sequenceNumber ?? 0), OFF.seq);
  out.writeBigUInt64BE(BigInt(f.flags ?? 0), OFF.flags);
  uuidToWire(f.messageId ?? randomUUID()).copy(out, OFF.id);
  sha256(payload).copy(out, OFF.digest);
  out.writeUInt32BE(f.payloadType ?? 0, OFF.payloadType);
  out.writeUInt32BE(payload.length, OFF.payloadLength);
  payload.copy(out, PAYLOAD_OFFSET);
  return out;
}

/** Parses and validates one frame; a bad digest or a truncated frame throws FrameError. */
export function decodeFrame(data: Buffer): Frame {
  if (data.length < PAYLOAD_OFFSET) throw new FrameError(`frame too short: ${data.length} bytes`);
  const headerLength = data.readUInt32BE(0);
  if (headerLength < HEADER_LENGTH || headerLength + 4 > data.length) throw new FrameError(`bad header length ${headerLength}`);
  const messageType = data.toString('utf8', OFF.type, OFF.type + 32).replace(/\0/g, '').trim();
  const payloadLength = data.readUInt32BE(OFF.payloadLength);
  const payload = data.subarray(headerLength + 4);
  const frame: Frame = {
    messageType,
    schemaVersion: data.readUInt32BE(OFF.schema),
    createdDate: Number(data.readBigUInt64BE(OFF.created)),
    sequenceNumber: Number(data.readBigInt64BE(OFF.seq)),
    flags: Number(data.readBigUInt64BE(OFF.flags)),
    messageId: uuidFromWire(data.subarray(OFF.id, OFF.id + 16)),
    payloadType: data.readUInt32BE(OFF.payloadType),
    payload,
  };
  // The same checks as the plugin's Validate: publication control messages carry nothing to check.
  if (messageType === MessageType.startPublication || messageType === MessageType.pausePublication) return frame;
  if (!messageType) throw new FrameError('message type missing');
  if (payloadLength !== payload.length) throw new FrameError(`payload length ${payloadLength} but ${payload.length} bytes follow`);
  if (payloadLength !== 0 && !sha256(payload).equals(data.subarray(OFF.digest, OFF.digest + 32))) {
    throw new FrameError(`payload digest mismatch (${messageType} #${frame.sequenceNumber})`);
  }
  return frame;
}

export interface AckContent {
  AcknowledgedMessageType: string;
  AcknowledgedMessageId: string;
  AcknowledgedMessageSequenceNumber: number;
  IsSequentialMessage: boolean;
}

/** An acknowledgement frame as the plugin sends it: its own sequence number 0, flags 3, payload type 0. */
export function encodeAck(of: Frame): Buffer {
  const content: AckContent = {
    AcknowledgedMessageType: of.messageType,
    AcknowledgedMessageId: of.messageId,
    AcknowledgedMessageSequenceNumber: of.sequenceNumber,
    IsSequentialMessage: true,
  };
  return encodeFrame({ messageType: MessageType.acknowledge, flags: 3, payload: Buffer.from(JSON.stringify(content)) });
}
