// AwsSession against the local AWS (moto behind the stand-in, reached through AWS_ENDPOINT_URL as set by
// test/env/aws.ts): the credential sources a person uses (environment keys, static profiles, assume-role with a
// source profile, credential_process), the identity each one is, endpoint settings the SDK honours (a
// per-service environment variable, a profile's services section), and how an unsupported operation and an
// unreachable endpoint read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ListClustersCommand as ListEcsClusters } from '@aws-sdk/client-ecs';
import { ListClustersCommand, ListIdentityProviderConfigsCommand } from '@aws-sdk/client-eks';
import { requireEnv } from '../env/env';
import { SEED_USER_ARN } from '../env/aws';
import { PRINCIPALS } from '../env/kube';
import type { AwsError } from '../../src/aws/errors';
import { listProfiles } from '../../src/aws/profiles';
import { AwsSession } from '../../src/aws/session';

describe('AwsSession against the local AWS', { timeout: 120_000 }, () => {
  let dir: string;
  const saved = { ...process.env };
  const sessions: AwsSession[] = [];
  const session = (opts: ConstructorParameters<typeof AwsSession>[0]) => {
    const s = new AwsSession(opts);
    sessions.push(s);
    return s;
  };

  before(() => {
    requireEnv('AWS_ENDPOINT_URL');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wharf-aws-session-'));
    const helper = path.join(dir, 'viewer-creds.js');
    fs.writeFileSync(helper, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(PRINCIPALS.viewer.accessKeyId)}, SecretAccessKey: ${JSON.stringify(PRINCIPALS.viewer.secretAccessKey)}, Expiration: new Date(Date.now() + 3600e3).toISOString() }));`);
    fs.writeFileSync(path.join(dir, 'config'), [
      '[profile admin]', 'region = us-east-1', '',
      '[profile viewer-process]', `credential_process = "${process.execPath}" "${helper}"`, 'region = us-east-1', '',
      '[profile deployer]', 'role_arn = arn:aws:iam::123456789012:role/teams/Deployer', 'source_profile = admin', 'role_session_name = wharf-test', 'region = us-east-1', '',
      '[profile eks-elsewhere]', 'region = us-east-1', `endpoint_url = ${process.env.AWS_ENDPOINT_URL}`, 'services = unreachable-eks', '',
      '[services unreachable-eks]', 'eks =', '  endpoint_url = http://127.0.0.1:9', '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'credentials'), [
      '[admin]', `aws_access_key_id = ${PRINCIPALS.admin.accessKeyId}`, `aws_secret_access_key = ${PRINCIPALS.admin.secretAccessKey}`, '',
      '[eks-elsewhere]', `aws_access_key_id = ${PRINCIPALS.admin.accessKeyId}`, `aws_secret_access_key = ${PRINCIPALS.admin.secretAccessKey}`, '',
    ].join('\n'));
  });

  after(() => {
    for (const s of sessions) s.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    process.env = saved;
  });

  const useFiles = () => {
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  };

  it('the default chain takes the environment\'s keys', async () => {
    const s = session({});
    assert.equal((await s.identity()).arn, SEED_USER_ARN);
    const clusters = await s.eks('us-east-1').send(new ListClustersCommand({}));
    assert.ok(Array.isArray(clusters.clusters));
  });

  it('profiles from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE: static keys, credential_process, assume-role', async () => {
    useFiles();
    const names = (await listProfiles()).profiles.map((p) => `${p.name}:${p.kind}`);
    assert.deepEqual(names, ['admin:static', 'deployer:assume-role', 'eks-elsewhere:static', 'viewer-process:process']);
    assert.equal((await session({ profile: 'admin' }).identity()).arn, PRINCIPALS.admin.arn);
    assert.equal((await session({ profile: 'viewer-process' }).identity()).arn, PRINCIPALS.viewer.arn);
    // moto's STS assumes the role; the identity is the session, the principal the role, with its path from the profile.
    const deployer = await session({ profile: 'deployer' }).identity();
    assert.equal(deployer.arn, 'arn:aws:sts::123456789012:assumed-role/Deployer/wharf-test');
    assert.equal(deployer.principalArn, 'arn:aws:iam::123456789012:role/teams/Deployer');
  });

  it('an operation the endpoint does not have reads as unsupported, naming the endpoint', async () => {
    const s = session({});
    const e = (await s.eks('us-east-1').send(new ListIdentityProviderConfigsCommand({ clusterName: 'none' })).catch((x: unknown) => x)) as AwsError;
    assert.equal(e.kind, 'unsupported', `${e.kind}: ${e.message}`);
    assert.equal(e.message, `eks ListIdentityProviderConfigs is not available at ${process.env.AWS_ENDPOINT_URL}.`);
  });

  it('a per-service endpoint variable (AWS_ENDPOINT_URL_EKS) is honoured, and an unreachable one is named', async () => {
    process.env.AWS_ENDPOINT_URL_EKS = 'http://127.0.0.1:9';
    try {
      const s = session({});
      const e = (await s.eks('us-east-1').send(new ListClustersCommand({})).catch((x: unknown) => x)) as AwsError;
      assert.equal(e.kind, 'endpoint-unreachable');
      assert.equal(e.endpoint, 'http://127.0.0.1:9');
      assert.match(e.message, /^Cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)\.$/);
      // Other services still use AWS_ENDPOINT_URL.
      await s.ecs('us-east-1').send(new ListEcsClusters({}));
    } finally {
      delete process.env.AWS_ENDPOINT_URL_EKS;
    }
  });

  it('a profile\'s endpoint_url and services section are honoured (the session hands the SDK the profile)', async () => {
    useFiles();
    // Environment variables outrank the config file, so the profile's settings show only without AWS_ENDPOINT_URL.
    const endpoint = process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL;
    try {
      const s = session({ profile: 'eks-elsewhere' });
      const e = (await s.eks('us-east-1').send(new ListClustersCommand({})).catch((x: unknown) => x)) as AwsError;
      assert.equal(e.kind, 'endpoint-unreachable', `${e.kind}: ${e.message}`);
      assert.equal(e.endpoint, 'http://127.0.0.1:9');
      // STS is not in the services section: the profile's endpoint_url, the local AWS.
      assert.equal((await s.identity()).arn, PRINCIPALS.admin.arn);
    } finally {
      process.env.AWS_ENDPOINT_URL = endpoint;
    }
  });
});
