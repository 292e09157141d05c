import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import rule, { normalizeHostPath } from '../../../../src/lint/rules/no-sensitive-hostpath';
import { pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

const vol = (p: string) => `  volumes:\n  - name: host\n    hostPath:\n      path: ${p}\n`;

ruleTester(rule, {
  valid: [
    { name: 'log directory', code: pod('', vol('/var/log')) },
    { name: 'a sibling of /etc', code: pod('', vol('/etcd-data')) },
    { name: 'emptyDir', code: pod('', '  volumes:\n  - name: tmp\n    emptyDir: {}\n') },
  ],
  invalid: [
    { name: 'root', code: pod('', vol('/')), errors: [{ line: 9, column: 13, endColumn: 14, message: 'mounts the host path /' }] },
    { name: 'docker socket', code: pod('', vol('/var/run/docker.sock')), errors: [{ line: 9, column: 13 }] },
    { name: 'under /etc, with a trailing slash', code: pod('', vol('/etc/kubernetes/')), errors: [{ line: 9, column: 13, message: 'under /etc' }] },
    { name: 'dot-dot escape', code: pod('', vol('/var/log/../lib/kubelet')), errors: [{ line: 9, column: 13, message: '(/var/lib/kubelet)' }] },
    { name: 'containerd', code: pod('', vol('/run/containerd/containerd.sock')), errors: [{ line: 9, column: 13 }] },
  ],
});

it('normalizes host paths', () => {
  assert.equal(normalizeHostPath('//etc/./kubernetes/'), '/etc/kubernetes');
  assert.equal(normalizeHostPath('/a/../..'), '/');
});
