// "Write kubeconfig for this cluster": the entries `aws eks update-kubeconfig` writes, merged into real kubeconfig text
// without disturbing what is there, and written to disk with a backup. @kubernetes/client-node (a real kubeconfig
// reader) loads every result, so "valid" means what a client says, not what this test's author thinks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { parse } from 'yaml';
import { backupPath, execArgs, kubeconfigEntries, kubeconfigPath, KubeconfigError, mergeKubeconfig, type KubeconfigRequest } from '../../../src/kube/kubeconfig';
import { writeKubeconfigFile } from '../../../src/kube/kubeconfig-file';

const ARN = 'arn:aws:eks:eu-west-1:123456789012:cluster/prod';
const CA = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
const WHARF: KubeconfigRequest = {
  cluster: { name: 'prod', arn: ARN, endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com', caPem: CA },
  region: 'eu-west-1',
  profile: 'ops',
  plugin: { kind: 'wharf', command: '/usr/bin/node', prefixArgs: ['/ext/wharf-dev.wharf-0.1.0/dist/cli.js'] },
};
const AWS: KubeconfigRequest = { ...WHARF, plugin: { kind: 'aws' } };

const OTHER = `# my clusters
apiVersion: v1
kind: Config
preferences:
  colors: true
clusters:
  - name: kind-dev # local
    cluster:
      server: https://127.0.0.1:6443
      insecure-skip-tls-verify: true
users:
  - name: kind-dev
    user:
      token: abc
contexts:
  - name: kind-dev
    context:
      cluster: kind-dev
      user: kind-dev
      namespace: web
current-context: kind-dev
`;

function load(text: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(text);
  return kc;
}

describe('kubeconfig entries', () => {
  it("name the cluster, user and context by the cluster ARN, with the CA as base64 of the PEM (the AWS CLI's layout)", () => {
    const e = kubeconfigEntries(AWS);
    assert.equal(e.name, ARN);
    assert.deepEqual(e.cluster, { cluster: { 'certificate-authority-data': Buffer.from(CA).toString('base64'), server: WHARF.cluster.endpoint }, name: ARN });
    assert.deepEqual(e.context, { context: { cluster: ARN, user: ARN }, name: ARN });
    assert.deepEqual(e.user, {
      name: ARN,
      user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', args: ['--region', 'eu-west-1', 'eks', 'get-token', '--cluster-name', 'prod', '--output', 'json', '--profile', 'ops'], command: 'aws' } },
    });
  });

  it('run the shipped CLI with Node for `wharf token`, with the profile and role as arguments', () => {
    assert.deepEqual(execArgs({ ...WHARF, roleArn: 'arn:aws:iam::123456789012:role/eks' }), {
      command: '/usr/bin/node',
      args: ['/ext/wharf-dev.wharf-0.1.0/dist/cli.js', 'token', '--cluster-name', 'prod', '--region', 'eu-west-1', '--profile', 'ops', '--role-arn', 'arn:aws:iam::123456789012:role/eks'],
    });
    assert.deepEqual(execArgs({ ...WHARF, profile: undefined, plugin: { kind: 'wharf', command: 'wharf', prefixArgs: [] } }), { command: 'wharf', args: ['token', '--cluster-name', 'prod', '--region', 'eu-west-1'] });
  });

  it('carry an endpoint override\'s TLS server name', () => {
    const e = kubeconfigEntries({ ...WHARF, cluster: { ...WHARF.cluster, endpoint: 'https://127.0.0.1:16443', tlsServerName: 'abc.eks.amazonaws.com' } });
    assert.equal((e.cluster.cluster as Record<string, unknown>)['tls-server-name'], 'abc.eks.amazonaws.com');
  });
});

describe('merging into a kubeconfig', () => {
  it('starts a missing or empty file as the AWS CLI does, and leaves current-context alone unless asked', () => {
    for (const existing of [undefined, '', '\n# nothing yet\n']) {
      const r = mergeKubeconfig(existing, kubeconfigEntries(WHARF), { setCurrentContext: false });
      const doc = parse(r.text);
      assert.deepEqual(Object.keys(doc), ['apiVersion', 'clusters', 'contexts', 'current-context', 'kind', 'preferences', 'users']);
      assert.equal(doc['current-context'], '');
      assert.equal(r.replaced, false);
      const kc = load(r.text);
      assert.equal(kc.getCluster(ARN)?.server, WHARF.cluster.endpoint);
      assert.equal(kc.getUser(ARN)?.exec?.command, '/usr/bin/node');
    }
    const chosen = mergeKubeconfig(undefined, kubeconfigEntries(WHARF), { setCurrentContext: true });
    assert.equal(load(chosen.text).getCurrentContext(), ARN);
  });

  it("keeps every other cluster, user, context and setting, and the file's comments", () => {
    const r = mergeKubeconfig(OTHER, kubeconfigEntries(WHARF), { setCurrentContext: false });
    const before = parse(OTHER);
    const after = parse(r.text);
    for (const key of ['clusters', 'users', 'contexts']) {
      assert.deepEqual(after[key][0], before[key][0], `${key}: the existing entry is untouched`);
      assert.equal(after[key].length, 2);
      assert.equal(after[key][1].name, ARN);
    }
    assert.equal(after['current-context'], 'kind-dev');
    assert.deepEqual(after.preferences, { colors: true });
    assert.match(r.text, /^# my clusters\n/);
    assert.match(r.text, /name: kind-dev # local/);
    assert.equal(r.hadComments, true);
    const kc = load(r.text);
    assert.deepEqual(kc.getContexts().map((c) => c.name), ['kind-dev', ARN]);
    assert.equal(kc.getContextObject('kind-dev')?.namespace, 'web');
  });

  it('replaces its own entries on a re-run (another plugin, a new CA) instead of adding more', () => {
    const first = mergeKubeconfig(OTHER, kubeconfigEntries(AWS), { setCurrentContext: true });
    const second = mergeKubeconfig(first.text, kubeconfigEntries({ ...WHARF, cluster: { ...WHARF.cluster, caPem: 'NEW CA' } }), { setCurrentContext: false });
    assert.equal(second.replaced, true);
    const doc = parse(second.text);
    for (const key of ['clusters', 'users', 'contexts']) assert.deepEqual(doc[key].map((e: { name: string }) => e.name), ['kind-dev', ARN]);
    assert.equal(doc.users[1].user.exec.command, '/usr/bin/node');
    assert.equal(doc.clusters[1].cluster['certificate-authority-data'], Buffer.from('NEW CA').toString('base64'));
    assert.equal(doc['current-context'], ARN, 'a later run that was not asked to switch keeps the earlier choice');
  });

  it('starts lists that are missing or empty (`clusters:` with nothing)', () => {
    const r = mergeKubeconfig('apiVersion: v1\nkind: Config\nclusters:\nusers: []\n', kubeconfigEntries(WHARF), { setCurrentContext: false });
    const doc = parse(r.text);
    assert.equal(doc.clusters.length, 1);
    assert.equal(doc.users.length, 1);
    assert.equal(doc.contexts.length, 1);
  });

  it('refuses text that is not a kubeconfig, rather than overwrite it', () => {
    for (const [text, reason] of [
      ['clusters: [unclosed', /not valid YAML/],
      ['- a\n- b\n', /top level is not a mapping/],
      ['clusters: {a: 1}\n', /"clusters" is not a list/],
    ] as const) {
      assert.throws(() => mergeKubeconfig(text, kubeconfigEntries(WHARF), { setCurrentContext: false }), (e: unknown) => e instanceof KubeconfigError && reason.test((e as Error).message));
    }
  });
});

describe('where and how the file is written', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-kubeconfig-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const NOW = new Date('2026-12-02T14:05:01.123Z');

  it('goes to the first KUBECONFIG path, else ~/.kube/config', () => {
    assert.equal(kubeconfigPath({ KUBECONFIG: '/a/one:/b/two' }, '/home/me', 'linux'), '/a/one');
    assert.equal(kubeconfigPath({ KUBECONFIG: '::/b/two' }, '/home/me', 'linux'), '/b/two');
    assert.equal(kubeconfigPath({}, '/home/me', 'linux'), '/home/me/.kube/config');
    assert.equal(kubeconfigPath({ KUBECONFIG: '' }, '/home/me', 'linux'), '/home/me/.kube/config');
  });

  it('names the backup with the UTC time', () => {
    assert.equal(backupPath('/home/me/.kube/config', NOW), '/home/me/.kube/config.wharf-backup-20261202T140501Z');
  });

  it('creates a new file (and its folder) with mode 0600 and no backup', () => {
    const file = path.join(dir, 'new/.kube/config');
    const r = writeKubeconfigFile(file, kubeconfigEntries(WHARF), { setCurrentContext: false, now: NOW });
    assert.deepEqual({ ...r, file: path.relative(dir, r.file) }, { file: 'new/.kube/config', backup: undefined, created: true, replaced: false, hadComments: false });
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(load(fs.readFileSync(file, 'utf8')).getUser(ARN)?.exec?.command, '/usr/bin/node');
  });

  it('backs the existing file up first (0600, unchanged), then writes through a symlink, 0600', () => {
    const real = path.join(dir, 'real-config');
    fs.writeFileSync(real, OTHER, { mode: 0o644 });
    const link = path.join(dir, 'link-config');
    fs.symlinkSync(real, link);
    const r = writeKubeconfigFile(link, kubeconfigEntries(WHARF), { setCurrentContext: true, now: NOW });
    assert.equal(r.file, fs.realpathSync(real));
    assert.equal(r.backup, `${fs.realpathSync(real)}.wharf-backup-20261202T140501Z`);
    assert.equal(fs.readFileSync(r.backup!, 'utf8'), OTHER);
    assert.equal(fs.statSync(r.backup!).mode & 0o777, 0o600);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(fs.statSync(real).mode & 0o777, 0o600);
    assert.equal(load(fs.readFileSync(link, 'utf8')).getCurrentContext(), ARN);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes('wharf-tmp')), [], 'no temporary file left');
  });

  it('leaves a file it cannot understand untouched, with no backup', () => {
    const file = path.join(dir, 'broken');
    fs.writeFileSync(file, 'clusters: [unclosed');
    assert.throws(() => writeKubeconfigFile(file, kubeconfigEntries(WHARF), { setCurrentContext: false, now: NOW }), KubeconfigError);
    assert.equal(fs.readFileSync(file, 'utf8'), 'clusters: [unclosed');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith('broken.')), []);
  });
});
