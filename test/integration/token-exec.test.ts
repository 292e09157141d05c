// `wharf token` as the exec credential plugin of a real Kubernetes client against a real kube-apiserver (which checks
// EKS tokens through the harness's aws-iam-authenticator-style webhook). The kubeconfig is the one "Write kubeconfig"
// makes (src/kube/kubeconfig.ts), read from a file by @kubernetes/client-node, whose exec authenticator runs the
// shipped CLI bundle (dist/cli.js, built here into a scratch folder) exactly as kubectl would.
// The test principals' keys reach the plugin through the exec entry's env, added in memory after the file is loaded:
// never on argv, never in the file.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as k8s from '@kubernetes/client-node';
import * as esbuild from 'esbuild';
import { decodeEksToken } from '../../src/aws/eks-token';
import { kubeconfigEntries, mergeKubeconfig, type KubeconfigEntries } from '../../src/kube/kubeconfig';
import { PRINCIPALS } from '../env/kube';
import { caFile, cluster, server } from './kube-helpers';

const root = path.resolve(__dirname, '../..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-token-exec-'));
const dist = path.join(scratch, 'dist');
const cli = path.join(dist, 'cli.js');
const kubeconfigFile = path.join(scratch, 'kubeconfig');

/** A principal's keys as exec env entries; empty values blank out the harness's own AWS variables. */
function execEnv(keys: { accessKeyId: string; secretAccessKey: string } | undefined): { name: string; value: string }[] {
  return [
    { name: 'AWS_ACCESS_KEY_ID', value: keys?.accessKeyId ?? '' },
    { name: 'AWS_SECRET_ACCESS_KEY', value: keys?.secretAccessKey ?? '' },
    { name: 'AWS_PROFILE', value: '' },
    { name: 'AWS_SESSION_TOKEN', value: '' },
    { name: 'AWS_CONFIG_FILE', value: path.join(scratch, 'no-aws-config') },
    { name: 'AWS_SHARED_CREDENTIALS_FILE', value: path.join(scratch, 'no-aws-config') },
    { name: 'AWS_EC2_METADATA_DISABLED', value: 'true' },
  ];
}

/** One context per identity. client-node caches exec credentials by user name, so each identity has its own user. */
function entriesFor(who: string): KubeconfigEntries {
  const e = kubeconfigEntries({
    cluster: { name: cluster(), arn: `arn:aws:eks:us-east-1:123456789012:cluster/${cluster()}`, endpoint: server(), caPem: fs.readFileSync(caFile(), 'utf8') },
    region: 'us-east-1',
    plugin: { kind: 'wharf', command: process.execPath, prefixArgs: [cli] },
  });
  return { ...e, name: who, user: { ...e.user, name: who }, context: { context: { cluster: e.name, user: who }, name: who } };
}

function client(context: string, keys: { accessKeyId: string; secretAccessKey: string } | undefined): k8s.CoreV1Api {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfigFile);
  kc.setCurrentContext(context);
  const user = kc.getCurrentUser();
  assert.ok(user?.exec, 'the user runs an exec plugin');
  (user.exec as { env?: unknown }).env = execEnv(keys);
  return kc.makeApiClient(k8s.CoreV1Api);
}

before(async () => {
  const { shippedBuilds } = (await import(pathToFileURL(path.join(root, 'esbuild.mjs')).href)) as { shippedBuilds: (o: { production: boolean }) => esbuild.BuildOptions[] };
  // The CLI bundles as shipped (minified, no maps), so this runs what the VSIX runs.
  await Promise.all(shippedBuilds({ production: true }).slice(1).map((b) => esbuild.build({ ...b, outdir: dist, logLevel: 'error' })));
  let text = '';
  for (const who of ['admin', 'viewer', 'forger', 'nobody']) text = mergeKubeconfig(text, entriesFor(who), { setCurrentContext: who === 'admin' }).text;
  fs.writeFileSync(kubeconfigFile, text, { mode: 0o600 });
  assert.ok(!text.includes(PRINCIPALS.admin.secretAccessKey) && !text.includes(PRINCIPALS.viewer.secretAccessKey), 'no secret in the kubeconfig');
});
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('wharf token as the exec plugin of @kubernetes/client-node', () => {
  it("lists namespaces as the admin: the plugin's token is accepted", async () => {
    const list = await client('admin', PRINCIPALS.admin).listNamespace();
    assert.ok(list.items.some((n) => n.metadata?.name === 'kube-system'));
  });

  it("maps the viewer to its RBAC: reads succeed, a write is forbidden (403)", async () => {
    const api = client('viewer', PRINCIPALS.viewer);
    await api.listNamespacedPod({ namespace: 'default' });
    await assert.rejects(api.createNamespace({ body: { metadata: { name: 'wharf-token-exec-nope' } } }), (e: unknown) => (e as { code?: number }).code === 403);
  });

  it('a token signed with the wrong secret is refused (401)', async () => {
    const api = client('forger', { accessKeyId: PRINCIPALS.admin.accessKeyId, secretAccessKey: 'not-the-admin-secret' });
    await assert.rejects(api.listNamespace(), (e: unknown) => (e as { code?: number }).code === 401);
  });

  it("without credentials the plugin fails, and the client reports the plugin's one-line reason", async () => {
    await assert.rejects(client('nobody', undefined).listNamespace(), (e: unknown) => {
      const m = (e as Error).message;
      assert.match(m, /^wharf token: no AWS credentials for an EKS token for cluster /);
      assert.doesNotMatch(m, /\n\s+at /, 'no stack trace');
      return true;
    });
  });
});

describe('wharf token --role-arn against the local STS (moto, through the stand-in)', () => {
  it('assumes the role first and signs with its temporary credentials', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: PRINCIPALS.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: PRINCIPALS.admin.secretAccessKey };
    const child = spawn(process.execPath, [cli, 'token', '--cluster-name', cluster(), '--region', 'us-east-1', '--role-arn', 'arn:aws:iam::123456789012:role/wharf-eks-admin'], { env });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, err);
    const url = decodeEksToken((JSON.parse(out) as { status: { token: string } }).status.token);
    const key = url.searchParams.get('X-Amz-Credential')?.split('/')[0];
    assert.ok(key && key !== PRINCIPALS.admin.accessKeyId, `signed with the role's key, not the caller's (${key})`);
    assert.ok(url.searchParams.get('X-Amz-Security-Token'), 'temporary credentials carry a session token');
  });
});
