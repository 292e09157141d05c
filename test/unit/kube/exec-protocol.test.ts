// The exec websocket framing checked against frames built by hand here (channel byte + payload), per protocol version.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeFrame, encodeClose, encodeFrame, encodeResize, encodeStdin, parseStatus, protocolFeatures } from '../../../src/kube/exec-protocol';

describe('exec framing', () => {
  it('stdin is channel 0 followed by the bytes, chunked', () => {
    assert.deepEqual(encodeFrame(0, Buffer.from('ls\r')), Buffer.from([0x00, 0x6c, 0x73, 0x0d]));
    const frames = encodeStdin(Buffer.alloc(40_000, 0x61), 16_384);
    assert.deepEqual(frames.map((f) => f.length), [16_385, 16_385, 40_000 - 32_768 + 1]);
    assert.ok(frames.every((f) => f[0] === 0));
  });
  it('reads stdout, stderr and status frames built by hand', () => {
    assert.deepEqual(decodeFrame(Buffer.from([1, 0x68, 0x69])), { channel: 1, data: Buffer.from('hi') });
    assert.deepEqual(decodeFrame(Buffer.from([2, 0x21])), { channel: 2, data: Buffer.from('!') });
    // the server opens each channel with a bare channel byte
    assert.deepEqual(decodeFrame(Buffer.from([3])), { channel: 3, data: Buffer.alloc(0) });
    assert.equal(decodeFrame(Buffer.alloc(0)), undefined);
  });
  it('resize is channel 4 with {"Width","Height"}', () => {
    assert.deepEqual(encodeResize(120, 40), Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":120,"Height":40}')]));
    assert.deepEqual(encodeResize(0, 2.7), Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":1,"Height":2}')]));
  });
  it('v5 close is [255, channel]', () => {
    assert.deepEqual(encodeClose(), Buffer.from([255, 0]));
  });
  it('features per version', () => {
    assert.deepEqual(protocolFeatures('v5.channel.k8s.io'), { version: 5, resize: true, statusJson: true, close: true });
    assert.deepEqual(protocolFeatures('v4.channel.k8s.io'), { version: 4, resize: true, statusJson: true, close: false });
    assert.deepEqual(protocolFeatures('v3.channel.k8s.io'), { version: 3, resize: true, statusJson: false, close: false });
    assert.deepEqual(protocolFeatures('v2.channel.k8s.io'), { version: 2, resize: false, statusJson: false, close: false });
    assert.deepEqual(protocolFeatures('channel.k8s.io'), { version: 1, resize: false, statusJson: false, close: false });
    assert.deepEqual(protocolFeatures(''), { version: 1, resize: false, statusJson: false, close: false });
  });
});

describe('exec status', () => {
  it('Success is exit 0', () => {
    assert.deepEqual(parseStatus(Buffer.from('{"metadata":{},"status":"Success"}'), 'v5.channel.k8s.io'), { exitCode: 0 });
  });
  it('NonZeroExitCode carries the ExitCode cause', () => {
    const s = { metadata: {}, status: 'Failure', message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } };
    assert.deepEqual(parseStatus(Buffer.from(JSON.stringify(s)), 'v4.channel.k8s.io'), { exitCode: 3 });
  });
  it('another failure keeps the server message', () => {
    const s = { status: 'Failure', message: 'container not found ("app")', reason: 'InternalError' };
    assert.deepEqual(parseStatus(JSON.stringify(s), 'v5.channel.k8s.io'), { failure: 'container not found ("app")', reason: 'InternalError' });
  });
  it("a kubelet's InternalError that ends in Go's 'exit status N' (kwok) is exit N", () => {
    const s = { status: 'Failure', reason: 'InternalError', message: 'Internal error occurred: Internal error occurred: error executing command in container: cmd wait: sh -c exit 3: exit status 3' };
    assert.deepEqual(parseStatus(JSON.stringify(s), 'v5.channel.k8s.io'), { exitCode: 3 });
  });
  it('pre-v4 plain text', () => {
    assert.deepEqual(parseStatus('command terminated with non-zero exit code: Error executing in Docker Container: 7', 'v3.channel.k8s.io'), { exitCode: 7 });
    assert.deepEqual(parseStatus('some runtime error', 'channel.k8s.io'), { failure: 'some runtime error' });
    assert.deepEqual(parseStatus(''), { exitCode: 0 });
  });
});
