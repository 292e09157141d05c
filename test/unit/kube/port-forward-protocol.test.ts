// The port-forward websocket framing, checked against messages written out byte by byte here (as the kubelet's
// streaming server sends them: channel byte, then on each channel's first message the port as u16 little-endian).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PortForwardDecoder, channelsOf, encodeData, errorText } from '../../../src/kube/port-forward-protocol';

const b = (...bytes: (number | string)[]) => Buffer.concat(bytes.map((x) => (typeof x === 'string' ? Buffer.from(x) : Buffer.from([x]))));

describe('port-forward framing', () => {
  it('port i uses data channel 2i and error channel 2i+1', () => {
    assert.deepEqual(channelsOf(0), { data: 0, error: 1 });
    assert.deepEqual(channelsOf(2), { data: 4, error: 5 });
  });

  it('reads the port prefixes (8080 = 0x1f90 -> 0x90 0x1f), then data and error text', () => {
    const d = new PortForwardDecoder([8080]);
    assert.deepEqual(d.decode(b(0, 0x90, 0x1f)), [{ type: 'port', index: 0, channel: 'data', port: 8080 }]);
    assert.equal(d.ready(), false);
    assert.deepEqual(d.decode(b(1, 0x90, 0x1f)), [{ type: 'port', index: 0, channel: 'error', port: 8080 }]);
    assert.equal(d.ready(), true);
    const data = d.decode(b(0, 'HTTP/1.1 200 OK\r\n'));
    assert.equal(data.length, 1);
    assert.equal(data[0].type, 'data');
    assert.equal((data[0] as { data: Buffer }).data.toString(), 'HTTP/1.1 200 OK\r\n');
    assert.deepEqual(d.decode(b(1, 'dial tcp: refused')), [{ type: 'error', index: 0, text: 'dial tcp: refused' }]);
    assert.deepEqual(d.decode(Buffer.alloc(0)), []);
  });

  it('a prefix split across messages, and data in the same message as the prefix', () => {
    const d = new PortForwardDecoder([443]);
    assert.deepEqual(d.decode(b(0, 0xbb)), []);
    const out = d.decode(b(0, 0x01, 'x'));
    assert.deepEqual(out[0], { type: 'port', index: 0, channel: 'data', port: 443 });
    assert.equal((out[1] as { data: Buffer }).data.toString(), 'x');
  });

  it('a prefix naming another port, or a channel never asked for, is a protocol error', () => {
    assert.throws(() => new PortForwardDecoder([8080]).decode(b(0, 0x50, 0x00)), /channel 0 is for port 80, expected 8080/);
    assert.throws(() => new PortForwardDecoder([8080]).decode(b(2, 0x90, 0x1f)), /channel 2, but only 1 port/);
  });

  it('client data goes on channel 0, split into messages of at most `chunk` bytes', () => {
    assert.deepEqual(encodeData(Buffer.from('GET /')), [b(0, 'GET /')]);
    const frames = encodeData(Buffer.alloc(70_000, 7), 0, 32 * 1024);
    assert.deepEqual(frames.map((f) => f.length), [32 * 1024 + 1, 32 * 1024 + 1, 70_000 - 64 * 1024 + 1]);
    for (const f of frames) assert.equal(f[0], 0);
    assert.equal(encodeData(Buffer.from('y'), 1)[0][0], 2);
    assert.deepEqual(encodeData(Buffer.alloc(0)), []);
  });

  it("the kubelet's error preamble is dropped, whichever way it names the pod", () => {
    assert.equal(errorText('error forwarding port 8080 to pod web-1_shop, uid 5f1c-aa: failed to connect to localhost:8080 inside namespace "c0ffee"'), 'failed to connect to localhost:8080 inside namespace "c0ffee"');
    // kwok 0.7: name/namespace and an empty uid
    assert.equal(errorText('error forwarding port 9999 to pod single/ns, uid : no forward found for port 9999 in pod "ns/single"'), 'no forward found for port 9999 in pod "ns/single"');
    assert.equal(errorText('something else'), 'something else');
  });
});
