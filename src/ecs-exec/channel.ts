// The reliable, ordered stream on top of the websocket, with session-manager-plugin's rules:
// - every stream message the agent sends (output_stream_data) is acknowledged, and delivered in sequence order
//   starting at 0, whatever order and however many times the frames arrive (a buffer of at most 10,000 early ones);
// - every stream message we send (input_stream_data) gets the next sequence number (from 0) and stays in an outgoing
//   buffer until the agent acknowledges it; a check every 100 ms resends the oldest one once it has waited longer than
//   the retransmission timeout, and the session gives up after 3,000 resends of one message;
// - the timeout follows the acknowledgements' round-trip times like TCP's (RFC 6298): RTT starts at 100 ms,
//   RTTVAR at 0, each sample updates RTTVAR = 3/4 RTTVAR + 1/4 |RTT - sample| and RTT = 7/8 RTT + 1/8 sample,
//   RTO = RTT + max(10 ms, 4 RTTVAR), at most 1 s (200 ms before the first sample).
// The channel knows nothing about payload meaning or encryption: the session above it does.
import { decodeFrame, encodeAck, encodeFrame, MessageType, type AckContent, type Frame } from './frame';

export const RTT_INITIAL_MS = 100;
export const RTO_INITIAL_MS = 200;
export const RTO_MAX_MS = 1000;
export const CLOCK_GRANULARITY_MS = 10;
export const RESEND_CHECK_MS = 100;
export const RESEND_MAX_ATTEMPTS = 3000;
export const BUFFER_CAPACITY = 10_000;
const RTT_GAIN = 1 / 8;
const RTTVAR_GAIN = 1 / 4;

/** Time and timers, injectable so tests can drive retransmission with a fake clock. */
export interface Clock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  setInterval: (fn, ms) => {
    const t = setInterval(fn, ms);
    t.unref?.();
    return t;
  },
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

export interface ChannelEvents {
  /** The next stream message in sequence order (payload as received: still encrypted where it was). */
  message(frame: Frame): void;
  /** The service closed the channel; `output` is its reason, often empty. */
  closed(output: string): void;
  /** A message went unacknowledged for RESEND_MAX_ATTEMPTS resends. */
  gaveUp(sequenceNumber: number): void;
  /** A frame that could not be parsed or failed its digest check (dropped, never acknowledged). */
  invalid(error: Error): void;
}

interface Outgoing {
  seq: number;
  bytes: Buffer;
  /** undefined while the service has paused publication and the message has not gone out yet. */
  sentAt: number | undefined;
  resends: number;
}

export class DataChannel {
  private expectedSeq = 0;
  private nextSeq = 0;
  private readonly incoming = new Map<number, Frame>();
  private readonly outgoing: Outgoing[] = [];
  private paused = false;
  private timer: unknown;
  /** Smoothed round-trip time, its variation and the retransmission timeout, in ms (read by tests). */
  rtt = RTT_INITIAL_MS;
  rttVar = 0;
  rto = RTO_INITIAL_MS;

  constructor(
    private readonly transmit: (bytes: Buffer) => void,
    private readonly on: ChannelEvents,
    private readonly clock: Clock = realClock,
  ) {
    this.timer = clock.setInterval(() => this.resendCheck(), RESEND_CHECK_MS);
  }

  /** Sends one stream message; returns its sequence number. */
  send(payloadType: number, payload: Buffer): number {
    const seq = this.nextSeq++;
    const bytes = encodeFrame({ messageType: MessageType.input, sequenceNumber: seq, payloadType, payload });
    const msg: Outgoing = { seq, bytes, sentAt: undefined, resends: 0 };
    if (this.outgoing.length >= BUFFER_CAPACITY) this.outgoing.shift(); // as the plugin: the oldest is dropped
    this.outgoing.push(msg);
    if (!this.paused) this.put(msg);
    return seq;
  }

  /** Messages sent but not yet acknowledged. */
  get unacknowledged(): number {
    return this.outgoing.length;
  }

  receive(raw: Buffer): void {
    let frame: Frame;
    try {
      frame = decodeFrame(raw);
    } catch (e) {
      this.on.invalid(e as Error);
      return;
    }
    switch (frame.messageType) {
      case MessageType.output:
        return this.receiveStream(frame);
      case MessageType.acknowledge:
        return this.receiveAck(frame);
      case MessageType.channelClosed: {
        let output = '';
        try {
          output = String((JSON.parse(frame.payload.toString('utf8')) as { Output?: string }).Output ?? '');
        } catch {
          // a reason we cannot read is still a close
        }
        return this.on.closed(output);
      }
      case MessageType.pausePublication:
        // The agent's side is inactive: hold new input and stop resending (resends would only pile up).
        this.paused = true;
        return;
      case MessageType.startPublication:
        this.paused = false;
        for (const m of this.outgoing) if (m.sentAt === undefined) this.put(m);
        return;
      default:
        return; // unknown control messages are ignored, as the plugin does
    }
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearInterval(this.timer);
    this.timer = undefined;
    this.incoming.clear();
    this.outgoing.length = 0;
  }

  private receiveStream(frame: Frame): void {
    const seq = frame.sequenceNumber;
    if (seq < this.expectedSeq) {
      // A duplicate of a message already delivered: our acknowledgement was lost or is late. Acknowledge it again
      // so the agent stops resending (the plugin stays silent here and lets the agent retry until it gives up).
      this.transmit(encodeAck(frame));
      return;
    }
    if (seq > this.expectedSeq) {
      if (!this.incoming.has(seq) && this.incoming.size >= BUFFER_CAPACITY) return; // no room: not acknowledged, so resent later
      this.transmit(encodeAck(frame));
      this.incoming.set(seq, frame);
      return;
    }
    this.transmit(encodeAck(frame));
    this.expectedSeq++;
    this.on.message(frame);
    for (let next = this.incoming.get(this.expectedSeq); next; next = this.incoming.get(this.expectedSeq)) {
      this.incoming.delete(this.expectedSeq);
      this.expectedSeq++;
      this.on.message(next);
    }
  }

  private receiveAck(frame: Frame): void {
    let ack: AckContent;
    try {
      ack = JSON.parse(frame.payload.toString('utf8')) as AckContent;
    } catch (e) {
      this.on.invalid(e as Error);
      return;
    }
    const i = this.outgoing.findIndex((m) => m.seq === ack.AcknowledgedMessageSequenceNumber);
    if (i < 0) return; // a duplicate acknowledgement
    const [m] = this.outgoing.splice(i, 1);
    // Karn's rule: the acknowledgement of a resent message could answer any of its copies, so it is no sample.
    if (m.sentAt !== undefined && m.resends === 0) this.sample(this.clock.now() - m.sentAt);
  }

  private sample(rttMs: number): void {
    this.rttVar = (1 - RTTVAR_GAIN) * this.rttVar + RTTVAR_GAIN * Math.abs(this.rtt - rttMs);
    this.rtt = (1 - RTT_GAIN) * this.rtt + RTT_GAIN * rttMs;
    this.rto = Math.min(RTO_MAX_MS, this.rtt + Math.max(CLOCK_GRANULARITY_MS, 4 * this.rttVar));
  }

  private resendCheck(): void {
    if (this.paused) return;
    const oldest = this.outgoing[0];
    if (!oldest || oldest.sentAt === undefined) return;
    if (this.clock.now() - oldest.sentAt <= this.rto) return;
    if (oldest.resends >= RESEND_MAX_ATTEMPTS) {
      this.on.gaveUp(oldest.seq);
      return;
    }
    oldest.resends++;
    this.put(oldest);
  }

  private put(m: Outgoing): void {
    m.sentAt = this.clock.now();
    this.transmit(m.bytes);
  }
}
