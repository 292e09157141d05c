import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import rule, { canonicalHostPath, normalizeHostPath, sensitiveHostPath } from '../../../../src/lint/rules/no-sensitive-hostpath';
import { deployment, pod } from '../fixtures';
import { ruleTester } from '../rule-tester';

// Line 9, column 13 is the path's value.
const vol = (p: string) => `  volumes:\n  - name: host\n    hostPath:\n      path: ${p}\n`;

ruleTester(rule, {
  valid: [
    { name: 'log directory (log agents)', code: pod('', vol('/var/log')) },
    { name: 'Docker\'s container logs', code: pod('', vol('/var/lib/docker/containers')) },
    { name: 'a sibling of /etc', code: pod('', vol('/etcd-data')) },
    { name: 'a sibling of the kubelet directory', code: pod('', vol('/var/lib/kubelet-plugins')) },
    { name: 'the CA bundle under /etc', code: pod('', vol('/etc/ssl/certs/ca-bundle.crt')) },
    { name: 'time zone', code: pod('', vol('/etc/localtime')) },
    { name: 'the iptables lock CNI plugins share', code: pod('', vol('/run/xtables.lock')) },
    { name: 'emptyDir', code: pod('', '  volumes:\n  - name: tmp\n    emptyDir: {}\n') },
    { name: 'a relative path is not a host path this rule can judge', code: pod('', vol('data')) },
  ],
  invalid: [
    { name: 'root', code: pod('', vol('/')), errors: [{ line: 9, column: 13, endColumn: 14, message: 'volume "host" mounts the host path /, giving the pod the node\'s whole filesystem' }] },
    { name: 'docker socket under /var/run', code: pod('', vol('/var/run/docker.sock')), errors: [{ line: 9, column: 13, endColumn: 33, message: 'the Docker socket' }] },
    { name: 'docker socket under /run', code: pod('', vol('/run/docker.sock')), errors: [{ line: 9, column: 13, message: 'the Docker socket' }] },
    { name: 'containerd socket, /var/run spelling', code: pod('', vol('/var/run/containerd/containerd.sock')), errors: [{ line: 9, column: 13, message: 'inside /run/containerd' }] },
    { name: 'under /etc, with a trailing slash', code: pod('', vol('/etc/kubernetes/')), errors: [{ line: 9, column: 13, message: 'mounts the host path /etc/kubernetes/, inside /etc,' }] },
    { name: 'dot-dot escape', code: pod('', vol('/var/log/../lib/kubelet')), errors: [{ line: 9, column: 13, message: '(/var/lib/kubelet)' }] },
    { name: 'a directory that contains the kubelet\'s', code: pod('', vol('/var/lib')), errors: [{ line: 9, column: 13, message: 'which contains /var/lib/kubelet' }] },
    { name: 'all of /var/run', code: pod('', vol('/var/run/')), errors: [{ line: 9, column: 13, message: 'which contains /run/docker.sock' }] },
    { name: 'proc, quoted', code: pod('', vol('"/proc"')), errors: [{ line: 9, column: 13, endColumn: 20 }] },
    { name: 'sys subpath', code: pod('', vol('/sys/fs/cgroup')), errors: [{ line: 9, column: 13, message: 'inside /sys' }] },
    { name: 'root\'s home', code: pod('', vol('/root/.aws')), errors: [{ line: 9, column: 13, message: 'inside /root' }] },
    {
      name: 'two volumes in a Deployment, one benign',
      code: deployment('      volumes:\n      - name: logs\n        hostPath: {path: /var/log}\n      - name: kubelet\n        hostPath:\n          path: /var/lib/kubelet/pods\n          type: Directory\n'),
      errors: [{ line: 18, column: 17, message: 'volume "kubelet" mounts the host path /var/lib/kubelet/pods, inside /var/lib/kubelet,' }],
    },
  ],
});

it('normalises host paths', () => {
  assert.equal(normalizeHostPath('//etc/./kubernetes/'), '/etc/kubernetes');
  assert.equal(normalizeHostPath('/a/../..'), '/');
  assert.equal(canonicalHostPath('/var/run/docker.sock'), '/run/docker.sock');
  assert.equal(canonicalHostPath('/var/run'), '/run');
  assert.equal(canonicalHostPath('/var/running'), '/var/running');
});

it('picks the most specific entry and its relation', () => {
  assert.deepEqual(sensitiveHostPath('/var/lib/kubelet/pki'), { entry: '/var/lib/kubelet', what: "the kubelet's credentials and every pod's volumes and tokens", relation: 'under' });
  assert.equal(sensitiveHostPath('/var')?.relation, 'contains');
  assert.equal(sensitiveHostPath('/home/user'), undefined);
  assert.equal(sensitiveHostPath('/etc/pki/ca-trust/extracted/pem'), undefined);
  assert.equal(sensitiveHostPath('/etc/pki/private')?.entry, '/etc');
});
