// The data channel's ordering, acknowledgements and retransmission, driven by a fake clock (no real timers). The
// agent side here is frames built with the codec's encoder; the codec itself is checked against hand-built frames
// in frame.test.ts.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataChannel, RESEND_MAX_ATTEMPTS, type Clock } from '../../../src/ecs-exec/channel';
import { decodeFrame, encodeFrame, type Frame } from '../../../src/ecs-exec/frame';

class FakeClock implements Clock {
  t = 0;
  private fns: { fn: () => void; every: number; next: number }[] = [];
  now() { return this.t; }
  setInterval(fn: () => void, ms: number) { const h = { fn, every: ms, next: this.t + ms }; this.fns.push(h); return h; }
  clearInterval(h: unknown) { this.fns = this.fns.filter((x) => x !== h); }
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = this.fns.filter((h) => h.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.t = due.next;
      due.next += due.every;
      due.fn();
    }
    this.t = end;
  }
}

function setup() {
  const clock = new FakeClock();
  const sent: Frame[] = [];
  const delivered: Frame[] = [];
  const events = { closed: [] as string[], gaveUp: [] as number[] };
  const ch = new DataChannel((b) => sent.push(decodeFrame(b)), {
    message: (f) => delivered.push(f),
    closed: (o) => events.closed.push(o),
    gaveUp: (s) => events.gaveUp.push(s),
    invalid: () => undefined,
  }, clock);
  return { clock, sent, delivered, events, ch };
}

const out = (seq: number, text: string) => encodeFrame({ messageType: 'output_stream_data', sequenceNumber: seq, payloadType: 1, payload: Buffer.from(text) });
const ackOf = (f: Frame) => encodeFrame({ messageType: 'acknowledge', flags: 3, payload: Buffer.from(JSON.stringify({
  AcknowledgedMessageType: f.messageType, AcknowledgedMessageId: f.messageId, AcknowledgedMessageSequenceNumber: f.sequenceNumber, IsSequentialMessage: true,
})) });

describe('ecs-exec data channel', () => {
  it('delivers output in sequence order despite reordering and duplicates, acknowledging every frame', () => {
    const { ch, sent, delivered } = setup();
    for (const seq of [2, 0, 2, 3, 1, 0, 4]) ch.receive(out(seq, `m${seq}`));
    assert.deepEqual(delivered.map((f) => f.payload.toString()), ['m0', 'm1', 'm2', 'm3', 'm4']);
    const acks = sent.filter((f) => f.messageType === 'acknowledge').map((f) => JSON.parse(f.payload.toString()).AcknowledgedMessageSequenceNumber);
    assert.deepEqual(acks, [2, 0, 2, 3, 1, 0, 4]);
    ch.dispose();
  });

  it('numbers its own stream messages from 0 and keeps them until acknowledged', () => {
    const { ch, sent } = setup();
    ch.send(1, Buffer.from('a'));
    ch.send(1, Buffer.from('b'));
    assert.deepEqual(sent.map((f) => [f.messageType, f.sequenceNumber, f.payloadType]), [['input_stream_data', 0, 1], ['input_stream_data', 1, 1]]);
    assert.equal(ch.unacknowledged, 2);
    ch.receive(ackOf(sent[1]));
    ch.receive(ackOf(sent[1])); // a duplicate acknowledgement changes nothing
    assert.equal(ch.unacknowledged, 1);
    ch.dispose();
  });

  it('resends the oldest unacknowledged message after the 200 ms initial timeout, checking every 100 ms', () => {
    const { ch, sent, clock } = setup();
    ch.send(1, Buffer.from('x'));
    clock.advance(200); // checks at 100 and 200: 200 ms waited is not more than the timeout
    assert.equal(sent.length, 1);
    clock.advance(100); // check at 300
    assert.equal(sent.length, 2);
    assert.equal(sent[1].sequenceNumber, 0);
    assert.equal(sent[1].messageId, sent[0].messageId, 'a resend is the same frame');
    ch.receive(ackOf(sent[0]));
    assert.equal(ch.rtt, 100, 'no RTT sample from a resent message (Karn)');
    clock.advance(1000);
    assert.equal(sent.length, 2);
    ch.dispose();
  });

  it('updates RTT and the timeout from acknowledgements: gains 1/8 and 1/4, floor 10 ms, cap 1 s', () => {
    const { ch, sent, clock } = setup();
    assert.equal(ch.rtt, 100);
    ch.send(1, Buffer.from('x'));
    clock.advance(40);
    ch.receive(ackOf(sent[0]));
    // RTTVAR = 3/4*0 + 1/4*|100-40| = 15; RTT = 7/8*100 + 1/8*40 = 92.5; RTO = 92.5 + max(10, 60)
    assert.equal(ch.rttVar, 15);
    assert.equal(ch.rtt, 92.5);
    assert.equal(ch.rto, 152.5);
    // Many fast samples: the variation decays and the 10 ms floor applies.
    for (let i = 0; i < 200; i++) {
      ch.send(1, Buffer.from('y'));
      ch.receive(ackOf(sent[sent.length - 1]));
    }
    assert.ok(ch.rtt < 0.001);
    assert.ok(Math.abs(ch.rto - (ch.rtt + 10)) < 1e-9);
    // A very slow sample (the event loop stalled 30 s, so no resend check ran) is capped at 1 s.
    ch.send(1, Buffer.from('z'));
    clock.t += 30_000;
    ch.receive(ackOf(sent[sent.length - 1]));
    assert.equal(ch.rto, 1000);
    ch.dispose();
  });

  it('gives up after 3,000 resends of one message', () => {
    const { ch, clock, events, sent } = setup();
    ch.send(1, Buffer.from('lost'));
    clock.advance(3001 * 300);
    assert.equal(sent.length, 1 + RESEND_MAX_ATTEMPTS);
    assert.equal(events.gaveUp[0], 0);
    ch.dispose();
  });

  it('holds new input and resends while publication is paused, and resumes on start_publication', () => {
    const { ch, sent, clock } = setup();
    ch.receive(encodeFrame({ messageType: 'pause_publication' }));
    ch.send(1, Buffer.from('typed while paused'));
    clock.advance(2000);
    assert.equal(sent.length, 0);
    ch.receive(encodeFrame({ messageType: 'start_publication' }));
    assert.equal(sent.length, 1);
    ch.dispose();
  });

  it('reports channel_closed with its reason', () => {
    const { ch, events } = setup();
    ch.receive(encodeFrame({ messageType: 'channel_closed', payload: Buffer.from(JSON.stringify({ Output: 'Session terminated', MessageType: 'channel_closed' })) }));
    assert.deepEqual(events.closed, ['Session terminated']);
    ch.dispose();
  });
});
