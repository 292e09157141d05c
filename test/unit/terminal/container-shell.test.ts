import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerOs, shellCommand, LINUX_SHELL } from '../../../src/terminal/container-shell';

describe('container shell', () => {
  it('bash if present, else sh, through /bin/sh; cmd.exe on Windows', () => {
    assert.deepEqual(shellCommand('linux'), LINUX_SHELL);
    assert.equal(LINUX_SHELL[0], '/bin/sh');
    assert.match(LINUX_SHELL[2], /command -v bash .*exec bash.*exec sh/);
    assert.deepEqual(shellCommand('windows'), ['cmd.exe']);
  });
  it('a typed word list runs as argv (no shell needed); shell syntax goes through the shell', () => {
    assert.deepEqual(shellCommand('linux', ' /busybox/sh '), ['/busybox/sh']);
    assert.deepEqual(shellCommand('linux', 'python3 -i'), ['python3', '-i']);
    assert.deepEqual(shellCommand('linux', 'ps aux | grep java'), ['/bin/sh', '-c', 'ps aux | grep java']);
    assert.deepEqual(shellCommand('windows', 'dir & whoami'), ['cmd.exe', '/c', 'dir & whoami']);
  });
  it('the OS from spec.os, else the node selector', () => {
    assert.equal(containerOs({ spec: { os: { name: 'windows' } } } as never), 'windows');
    assert.equal(containerOs({ spec: { nodeSelector: { 'kubernetes.io/os': 'windows' } } } as never), 'windows');
    assert.equal(containerOs({ spec: {} } as never), 'linux');
  });
});
