// The Pseudoterminal adapter. The session here is a stand-in (an EventEmitter that records calls): the adapter's job
// is only the mapping between terminal and session, and the real sessions are tested against real servers
// (test/integration/kube-exec.test.ts also drives this adapter over a real pod exec).
import * as assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { EcsExecSession } from '../../../src/ecs-exec';
import type { PodExecSession } from '../../../src/kube/exec';
import { ExecPseudoterminal, type ExecSessionLike } from '../../../src/terminal/exec-pty';

// Compile-time: both exec kinds fit the adapter (tsc fails here if either drifts).
export const fitsBoth: [ExecSessionLike, ExecSessionLike] = [undefined as unknown as PodExecSession, undefined as unknown as EcsExecSession];

class StandInSession extends EventEmitter implements ExecSessionLike {
  calls: string[] = [];
  constructor(readonly tty?: boolean) {
    super();
  }
  write(d: string | Uint8Array) {
    this.calls.push(`write ${JSON.stringify(String(d))}`);
  }
  resize(c: number, r: number) {
    this.calls.push(`resize ${c}x${r}`);
  }
  close() {
    this.calls.push('close');
  }
}

function setup(session: StandInSession | Error) {
  const written: string[] = [];
  let closed = 0;
  let startedWith: unknown;
  let signal: AbortSignal | undefined;
  const pty = new ExecPseudoterminal(async (size, sig) => {
    startedWith = size;
    signal = sig;
    if (session instanceof Error) throw session;
    return session;
  }, 'pod shop/web-1');
  pty.onDidWrite((t) => written.push(t));
  pty.onDidClose(() => closed++);
  return { pty, written, text: () => written.join(''), closed: () => closed, startedWith: () => startedWith, signal: () => signal };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ExecPseudoterminal', () => {
  it('open starts the session with the size, sends it, and flushes keys typed while connecting', async () => {
    const s = new StandInSession(true);
    const t = setup(s);
    t.pty.open({ columns: 120, rows: 40 });
    t.pty.handleInput('l');
    await tick();
    t.pty.handleInput('s\r');
    assert.deepEqual(t.startedWith(), { cols: 120, rows: 40 });
    assert.deepEqual(s.calls, ['resize 120x40', 'write "l"', 'write "s\\r"']);
    t.pty.setDimensions({ columns: 80, rows: 24 });
    assert.equal(s.calls.at(-1), 'resize 80x24');
  });

  it('a TTY session is written as is; a non-TTY one gets \\r\\n', async () => {
    const tty = new StandInSession(true);
    const a = setup(tty);
    a.pty.open(undefined);
    await tick();
    tty.emit('data', Buffer.from('a\r\nb\n'));
    assert.ok(a.text().endsWith('a\r\nb\n'));
    const plain = new StandInSession(false);
    const b = setup(plain);
    b.pty.open(undefined);
    await tick();
    plain.emit('data', Buffer.from('x\ny\r\n'));
    plain.emit('stderr', Buffer.from('oops\n'));
    assert.ok(b.text().endsWith('x\r\ny\r\noops\r\n'));
  });

  it('UTF-8 split across frames is not mangled', async () => {
    const s = new StandInSession(true);
    const t = setup(s);
    t.pty.open(undefined);
    await tick();
    const euro = Buffer.from('€');
    s.emit('data', euro.subarray(0, 1));
    s.emit('data', euro.subarray(1));
    assert.ok(t.text().endsWith('€'));
  });

  it('shows the exit code, then the next key closes the terminal', async () => {
    const s = new StandInSession(true);
    const t = setup(s);
    t.pty.open(undefined);
    await tick();
    s.emit('exit', 3);
    s.emit('close');
    assert.match(t.text(), /\[process exited with code 3\]/);
    t.pty.handleInput('x');
    assert.equal(t.closed(), 1);
    assert.ok(!s.calls.some((c) => c.startsWith('write')));
  });

  it('a dropped connection is a clear line, never silence', async () => {
    const s = new StandInSession(true);
    const t = setup(s);
    t.pty.open(undefined);
    await tick();
    s.emit('error', new Error('The connection to pod shop/web-1 dropped (websocket code 1006) before the command ended.'));
    s.emit('exit', undefined);
    s.emit('close');
    assert.match(t.text(), /dropped \(websocket code 1006\)/);
    assert.match(t.text(), /\[session ended\]/);
  });

  it('a failure to start says what failed', async () => {
    const t = setup(new Error('wharf-viewer is not allowed to open a shell in pod shop/web-1: it needs `create pods/exec`'));
    t.pty.open(undefined);
    await tick();
    assert.match(t.text(), /Could not open pod shop\/web-1: .*create pods\/exec/);
  });

  it('closing the terminal closes the session (ending the remote process), or cancels a start in flight', async () => {
    const s = new StandInSession(true);
    const t = setup(s);
    t.pty.open(undefined);
    await tick();
    t.pty.close();
    assert.equal(s.calls.at(-1), 'close');
    const late = new StandInSession(true);
    const u = setup(late);
    u.pty.open(undefined);
    u.pty.close();
    assert.equal(u.signal()?.aborted, true);
    await tick();
    assert.deepEqual(late.calls, ['close']);
  });
});
