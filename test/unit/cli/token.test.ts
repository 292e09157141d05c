// `wharf token` as kubectl runs it: a real process (from source via tsx, and the shipped bundles), real AWS config
// files in a scratch folder, the SDK's real credential chain. Where the AWS CLI is installed (test/bench/setup-awscli.sh),
// its `aws eks get-token` is the oracle for the output's shape and the token's presigned URL.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { decodeEksToken } from '../../../src/aws/eks-token';
import { root, wharf, type Run } from './helpers';

const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDWHARFTOKENTEST01', AWS_SECRET_ACCESS_KEY: 'token-test-secret-never-printed-0000000' };
const PROFILE_KEYS = { id: 'AKIDWHARFPROFILE0001', secret: 'profile-secret-never-printed-00000000000' };

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-token-'));
const configFile = path.join(scratch, 'config');
const credentialsFile = path.join(scratch, 'credentials');
fs.writeFileSync(configFile, '[default]\nregion = us-west-2\n\n[profile ops]\nregion = eu-west-1\n\n[profile noregion]\n');
fs.writeFileSync(credentialsFile, `[ops]\naws_access_key_id = ${PROFILE_KEYS.id}\naws_secret_access_key = ${PROFILE_KEYS.secret}\n\n[noregion]\naws_access_key_id = ${PROFILE_KEYS.id}\naws_secret_access_key = ${PROFILE_KEYS.secret}\n`);

/** Nothing from the machine's own AWS setup: only what a test gives. Instance metadata off (it would wait on a network). */
function awsEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_') || k === 'KUBERNETES_EXEC_INFO') env[k] = undefined;
  return { ...env, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_EC2_METADATA_DISABLED: 'true', ...extra };
}

interface ExecCredential {
  kind: string;
  apiVersion: string;
  spec: object;
  status: { expirationTimestamp: string; token: string };
}

function credential(r: Run): ExecCredential {
  assert.equal(r.code, 0, `exit ${r.code}: ${r.err}`);
  return JSON.parse(r.out) as ExecCredential;
}

const token = (argv: string[], env: Record<string, string>) => wharf(['token', ...argv], { env: awsEnv(env) });

function assertNoSecrets(r: Run): void {
  for (const s of [KEYS.AWS_SECRET_ACCESS_KEY, PROFILE_KEYS.secret]) assert.ok(!r.out.includes(s) && !r.err.includes(s), 'a secret was printed');
}

// The scratch AWS files serve every suite below.
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('wharf token', () => {
  it('prints a v1beta1 ExecCredential whose token is signed for the cluster, valid 14 minutes from signing', async () => {
    const c = credential(await token(['--cluster-name', 'prod', '--region', 'eu-central-1'], KEYS));
    assert.deepEqual(Object.keys(c), ['kind', 'apiVersion', 'spec', 'status']);
    assert.equal(c.kind, 'ExecCredential');
    assert.equal(c.apiVersion, 'client.authentication.k8s.io/v1beta1');
    const url = decodeEksToken(c.status.token);
    assert.equal(url.host, 'sts.eu-central-1.amazonaws.com');
    assert.match(url.searchParams.get('X-Amz-Credential') ?? '', /^AKIDWHARFTOKENTEST01\/\d{8}\/eu-central-1\/sts\/aws4_request$/);
    assert.equal(url.searchParams.get('X-Amz-SignedHeaders'), 'host;x-k8s-aws-id');
    assert.match(c.status.expirationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const signed = url.searchParams.get('X-Amz-Date')!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z');
    assert.equal(Date.parse(c.status.expirationTimestamp) - Date.parse(signed), 14 * 60_000);
  });

  it('answers in the apiVersion KUBERNETES_EXEC_INFO asks for, and warns on stderr about one it does not know', async () => {
    const v1 = credential(await token(['--cluster-name', 'prod', '--region', 'us-east-1'], { ...KEYS, KUBERNETES_EXEC_INFO: JSON.stringify({ kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1', spec: { interactive: false } }) }));
    assert.equal(v1.apiVersion, 'client.authentication.k8s.io/v1');
    const r = await token(['--cluster-name', 'prod', '--region', 'us-east-1'], { ...KEYS, KUBERNETES_EXEC_INFO: '{"apiVersion":"client.authentication.k8s.io/v9"}' });
    assert.equal(credential(r).apiVersion, 'client.authentication.k8s.io/v1beta1');
    assert.match(r.err, /unrecognized apiVersion/);
  });

  it('takes the Region from AWS_REGION, AWS_DEFAULT_REGION, then the profile', async () => {
    const host = async (env: Record<string, string>) => decodeEksToken(credential(await token(['--cluster-name', 'c'], env)).status.token).host;
    assert.equal(await host({ ...KEYS, AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'sa-east-1' }), 'sts.ap-south-1.amazonaws.com');
    assert.equal(await host({ ...KEYS, AWS_DEFAULT_REGION: 'sa-east-1' }), 'sts.sa-east-1.amazonaws.com');
    assert.equal(await host({ ...KEYS }), 'sts.us-west-2.amazonaws.com', "the default profile's region");
    const r = await wharf(['token', '--cluster-name', 'c', '--profile', 'ops'], { env: awsEnv() });
    assert.equal(decodeEksToken(credential(r).status.token).host, 'sts.eu-west-1.amazonaws.com');
  });

  it('signs with a profile from the shared files: --profile wins over keys in the environment, and so does AWS_PROFILE (as in the SDK)', async () => {
    const keyOf = (r: Run) => decodeEksToken(credential(r).status.token).searchParams.get('X-Amz-Credential')?.split('/')[0];
    assert.equal(keyOf(await token(['--cluster-name', 'c', '--profile', 'ops'], KEYS)), PROFILE_KEYS.id);
    assert.equal(keyOf(await token(['--cluster-name', 'c'], { ...KEYS, AWS_PROFILE: 'ops' })), PROFILE_KEYS.id);
    assert.equal(keyOf(await token(['--cluster-name', 'c', '--region', 'us-east-1'], KEYS)), KEYS.AWS_ACCESS_KEY_ID);
  });

  it('says in one sentence, without a stack or a secret, when there are no credentials (exit 1)', async () => {
    const none = await token(['--cluster-name', 'c', '--region', 'us-east-1'], {});
    assert.equal(none.code, 1);
    assert.equal(none.out, '');
    assert.match(none.err, /^wharf token: no AWS credentials for an EKS token for cluster c from the default credential chain .*Could not load credentials from any providers\. Set AWS_PROFILE or pass --profile/);
    assert.doesNotMatch(none.err, /\n\s+at /, 'no stack trace');
    const missing = await token(['--cluster-name', 'c', '--region', 'us-east-1', '--profile', 'nope'], KEYS);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /profile "nope"/);
    assertNoSecrets(missing);
  });

  it('names the role it could not assume (STS unreachable here), exit 1', async () => {
    const r = await token(['--cluster-name', 'c', '--region', 'us-east-1', '--role-arn', 'arn:aws:iam::123456789012:role/eks-admin'], { ...KEYS, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' });
    assert.equal(r.code, 1);
    assert.match(r.err, /^wharf token: could not assume arn:aws:iam::123456789012:role\/eks-admin: /);
    assertNoSecrets(r);
  });

  it('usage errors exit 2 with the usage; --help exits 0', async () => {
    const r = await token(['--region', 'us-east-1'], KEYS);
    assert.equal(r.code, 2);
    assert.match(r.err, /--cluster-name is required[\s\S]*Usage:\n {2}wharf token --cluster-name NAME/);
    const noRegion = await token(['--cluster-name', 'c', '--profile', 'noregion'], {});
    assert.equal(noRegion.code, 2);
    assert.match(noRegion.err, /no Region for cluster c: pass --region/);
    const help = await token(['--help'], {});
    assert.equal(help.code, 0);
    assert.match(help.out, /^Usage:\n {2}wharf token/);
    assert.match((await wharf(['--help'])).out, /wharf token --cluster-name NAME/, "wharf --help lists it");
  });
});

describe('the shipped bundles (dist/cli.js -> dist/cli-token.js, and cli-token-sdk.js for a profile)', () => {
  let dist = '';
  before(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-token-dist-'));
    const { shippedBuilds } = (await import(pathToFileURL(path.join(root, 'esbuild.mjs')).href)) as { shippedBuilds: (o: { production: boolean }) => esbuild.BuildOptions[] };
    await Promise.all(shippedBuilds({ production: true }).slice(1).map((b) => esbuild.build({ ...b, outdir: dist, logLevel: 'error' })));
  });
  after(() => fs.rmSync(dist, { recursive: true, force: true }));

  const run = (argv: string[], env: Record<string, string>): Promise<Run> => {
    const e: NodeJS.ProcessEnv = { ...process.env };
    for (const [k, v] of Object.entries(awsEnv(env))) if (v === undefined) delete e[k]; else e[k] = v;
    const child = spawn(process.execPath, [path.join(dist, 'cli.js'), ...argv], { env: e });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out, err }));
    });
  };

  it('prints a token from keys in the environment, and from a profile', async () => {
    const fromEnv = credential(await run(['token', '--cluster-name', 'c', '--region', 'us-east-1'], KEYS));
    assert.match(decodeEksToken(fromEnv.status.token).searchParams.get('X-Amz-Credential') ?? '', /^AKIDWHARFTOKENTEST01\//);
    const fromProfile = await run(['token', '--cluster-name', 'c', '--profile', 'ops'], {});
    assert.match(decodeEksToken(credential(fromProfile).status.token).searchParams.get('X-Amz-Credential') ?? '', /^AKIDWHARFPROFILE0001\/\d{8}\/eu-west-1\//);
    assert.equal(fromProfile.err, '', 'nothing on stderr (kubectl shows it on every command)');
  });
});

// The AWS CLI from PyPI (test/bench/setup-awscli.sh installs it for the benchmark): same keys, same cluster, same
// second, so the presigned URLs must agree in every parameter but the signing time and signature.
const aws = path.join(process.env.WHARF_CACHE ?? path.join(os.homedir(), '.cache/wharf'), 'awscli-venv/bin/aws');
describe('against `aws eks get-token` (the oracle)', { skip: fs.existsSync(aws) ? false : `${aws} is not installed (bash test/bench/setup-awscli.sh)` }, () => {
  it('prints the same object with an equivalent token', async () => {
    const env = { ...KEYS, KUBERNETES_EXEC_INFO: JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1' }) };
    const theirs = await new Promise<Run>((resolve, reject) => {
      const e: NodeJS.ProcessEnv = { ...process.env };
      for (const [k, v] of Object.entries(awsEnv(env))) if (v === undefined) delete e[k]; else e[k] = v;
      const child = spawn(aws, ['eks', 'get-token', '--cluster-name', 'prod', '--region', 'eu-west-1'], { env: e });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out, err }));
    });
    const ours = credential(await token(['--cluster-name', 'prod', '--region', 'eu-west-1'], env));
    const ref = credential(theirs);
    assert.deepEqual(Object.keys(ours), Object.keys(ref));
    assert.deepEqual(Object.keys(ours.status), Object.keys(ref.status));
    assert.equal(ours.apiVersion, ref.apiVersion);
    assert.deepEqual(ours.spec, ref.spec);
    assert.match(ref.status.expirationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, "the CLI's format, which ours follows");
    const params = (t: string) => {
      const u = decodeEksToken(t);
      for (const p of ['X-Amz-Date', 'X-Amz-Signature']) u.searchParams.delete(p);
      u.searchParams.set('X-Amz-Credential', (u.searchParams.get('X-Amz-Credential') ?? '').replace(/\/\d{8}\//, '/DATE/'));
      return { host: u.host, path: u.pathname, params: Object.fromEntries([...u.searchParams].sort()) };
    };
    assert.deepEqual(params(ours.status.token), params(ref.status.token));
  });
});
