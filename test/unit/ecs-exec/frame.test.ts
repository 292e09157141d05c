// The frame codec against frames built by hand in this test from the field list in ../shared/TESTING.md (read from
// session-manager-plugin's source): HeaderLength u32 (116), MessageType 32 bytes space-padded, SchemaVersion u32,
// CreatedDate u64 ms, SequenceNumber i64, Flags u64, MessageId 16 bytes (UUID, least significant 8 bytes first),
// PayloadDigest 32 bytes (SHA-256), PayloadType u32, PayloadLength u32, payload; all big-endian.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeFrame, encodeAck, encodeFrame, FrameError, uuidFromWire, uuidToWire } from '../../../src/ecs-exec/frame';

const ID = '00112233-4455-6677-8899-aabbccddeeff';

/** The reference frame, field by field, with no help from the code under test. */
function handBuilt(opts: { type: string; seq: number; payloadType: number; payload: Buffer; flags?: number; created?: number }): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
  const u64 = (n: number) => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; };
  const i64 = (n: number) => { const b = Buffer.alloc(8); b.writeBigInt64BE(BigInt(n)); return b; };
  parts.push(u32(116));
  parts.push(Buffer.from(opts.type.padEnd(32, ' '), 'ascii'));
  parts.push(u32(1));
  parts.push(u64(opts.created ?? 1_700_000_000_123));
  parts.push(i64(opts.seq));
  parts.push(u64(opts.flags ?? 0));
  // UUID 00112233-4455-6677-8899-aabbccddeeff: least significant half (8899aabbccddeeff) first.
  parts.push(Buffer.from('8899aabbccddeeff' + '0011223344556677', 'hex'));
  parts.push(createHash('sha256').update(opts.payload).digest());
  parts.push(u32(opts.payloadType));
  parts.push(u32(opts.payload.length));
  parts.push(opts.payload);
  return Buffer.concat(parts);
}

describe('ecs-exec frame codec', () => {
  it('decodes a hand-built output frame', () => {
    const raw = handBuilt({ type: 'output_stream_data', seq: 7, payloadType: 1, payload: Buffer.from('hello\r\n') });
    assert.equal(raw.length, 120 + 7);
    const f = decodeFrame(raw);
    assert.equal(f.messageType, 'output_stream_data');
    assert.equal(f.schemaVersion, 1);
    assert.equal(f.createdDate, 1_700_000_000_123);
    assert.equal(f.sequenceNumber, 7);
    assert.equal(f.flags, 0);
    assert.equal(f.messageId, ID);
    assert.equal(f.payloadType, 1);
    assert.equal(f.payload.toString(), 'hello\r\n');
  });

  it('encodes byte for byte what the hand-built frame holds', () => {
    const payload = Buffer.from('{"cols":120,"rows":40}');
    const expected = handBuilt({ type: 'input_stream_data', seq: 3, payloadType: 3, payload });
    const actual = encodeFrame({ messageType: 'input_stream_data', sequenceNumber: 3, payloadType: 3, payload, messageId: ID, createdDate: 1_700_000_000_123 });
    assert.deepEqual(actual, expected);
  });

  it('puts the UUID halves least significant first, each big-endian', () => {
    assert.equal(uuidToWire(ID).toString('hex'), '8899aabbccddeeff0011223344556677');
    assert.equal(uuidFromWire(Buffer.from('8899aabbccddeeff0011223344556677', 'hex')), ID);
  });

  it('rejects a payload whose SHA-256 digest does not match', () => {
    const raw = handBuilt({ type: 'output_stream_data', seq: 0, payloadType: 1, payload: Buffer.from('abc') });
    raw[raw.length - 1] ^= 0xff;
    assert.throws(() => decodeFrame(raw), FrameError);
  });

  it('rejects truncated frames and a wrong payload length', () => {
    assert.throws(() => decodeFrame(Buffer.alloc(50)), FrameError);
    const raw = handBuilt({ type: 'output_stream_data', seq: 0, payloadType: 1, payload: Buffer.from('abcd') });
    assert.throws(() => decodeFrame(raw.subarray(0, raw.length - 1)), FrameError);
  });

  it('accepts start/pause publication without a digest, like the plugin', () => {
    const raw = handBuilt({ type: 'pause_publication', seq: 0, payloadType: 0, payload: Buffer.from('x') });
    raw.fill(0, 80, 112);
    assert.equal(decodeFrame(raw).messageType, 'pause_publication');
  });

  it('acknowledges with the acknowledged frame\'s type, id and sequence number, flags 3', () => {
    const of = decodeFrame(handBuilt({ type: 'output_stream_data', seq: 42, payloadType: 1, payload: Buffer.from('x') }));
    const ack = decodeFrame(encodeAck(of));
    assert.equal(ack.messageType, 'acknowledge');
    assert.equal(ack.flags, 3);
    assert.equal(ack.sequenceNumber, 0);
    assert.deepEqual(JSON.parse(ack.payload.toString()), {
      AcknowledgedMessageType: 'output_stream_data',
      AcknowledgedMessageId: ID,
      AcknowledgedMessageSequenceNumber: 42,
      IsSequentialMessage: true,
    });
  });
});
