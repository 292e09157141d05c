// The local AWS: moto in server mode on a free loopback port (installed by test/env/setup-aws.sh), behind the
// stand-in (test/env/standin), which serves what moto lacks and relays the rest. SDK clients reach the stand-in
// through the standard AWS_ENDPOINT_URL with static test credentials; nothing here can touch a real account, and
// the variables below also keep a developer's own AWS profile and config out of the tests.
//
// Variables for tests: AWS_ENDPOINT_URL and WHARF_TEST_AWS_ENDPOINT are the stand-in (use them for everything);
// WHARF_TEST_MOTO_ENDPOINT is moto itself, only for moto's own /moto-api/ or to compare against raw moto.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PRINCIPALS } from './kube';
import { cacheDir, freePort, httpOk, startService, waitUntil } from './proc';
import { startStandin, type SsoAccount, type Standin } from './standin';
import type { Started } from './with-stack';

/** AWS's own documentation example keys: moto accepts any, no account has these, and secret scanners know them. */
export const TEST_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
export const TEST_REGION = 'us-east-1';
/** Who the seed's keys (TEST_CREDENTIALS) are, as STS reports them: the user that made the estate. */
export const SEED_USER_ARN = 'arn:aws:iam::123456789012:user/wharf-seed';

/** The IAM Identity Center instance of the stand-in: its start URL, Region and what a signed-in user may reach. */
export const SSO_START_URL = 'https://wharf-test.awsapps.com/start';
export const SSO_REGION = 'us-east-1';
/**
 * Two accounts, a few roles. Every role hands out the admin or viewer principal's keys (test-only, see kube.ts), so a
 * signed-in session is accepted by the local Kubernetes API servers; STS therefore names those users, in moto's
 * account, whatever account the role was picked in.
 */
export const SSO_ACCOUNTS: SsoAccount[] = [
  {
    accountId: '123456789012', accountName: 'wharf-demo', emailAddress: 'aws-demo@example.com',
    roles: [
      { roleName: 'AdministratorAccess', accessKeyId: PRINCIPALS.admin.accessKeyId, secretAccessKey: PRINCIPALS.admin.secretAccessKey },
      { roleName: 'ReadOnlyAccess', accessKeyId: PRINCIPALS.viewer.accessKeyId, secretAccessKey: PRINCIPALS.viewer.secretAccessKey },
    ],
  },
  {
    accountId: '210987654321', accountName: 'wharf-sandbox', emailAddress: 'aws-sandbox@example.com',
    roles: [{ roleName: 'ViewOnlyAccess', accessKeyId: PRINCIPALS.viewer.accessKeyId, secretAccessKey: PRINCIPALS.viewer.secretAccessKey }],
  },
];

export interface AwsStack extends Started {
  /** The in-process stand-in: stats, the ExecuteCommand handler, SSO hooks. */
  standin: Standin;
  motoEndpoint: string;
}

/** Every service reports this many running tasks (moto counts none of its own); the seed's services all want 2. */
export const SERVICE_RUNNING_COUNT = 2;

const MOTO_MAIN = [
  'import sys',
  'import boto3',
  'import moto.eks.utils as eks_utils',
  'partitions = []',
  'class CachedPartitions:',
  '    def get_available_partitions(self):',
  '        if not partitions:',
  '            partitions.extend(boto3.Session().get_available_partitions())',
  '        return partitions',
  'eks_utils.Session = CachedPartitions',
  'from moto.server import main',
  'sys.exit(main())',
].join('\n');

export async function start(logDir: string): Promise<AwsStack> {
  const venv = cacheDir('venv');
  if (!fs.existsSync(path.join(venv, 'bin', 'moto_server'))) throw new Error(`${venv}/bin/moto_server is missing: run bash test/env/setup-aws.sh first.`);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  // moto_server's own entry point, with one speed-up: moto 5.2.5 checks every EKS role ARN's partition against a
  // brand-new boto3 Session, which reloads botocore's endpoint data each time (0.1-0.5 s per CreateCluster or
  // CreateNodegroup, most of seeding's time). The answer never changes, so it is asked once. Same validation.
  const service = startService('moto', [path.join(venv, 'bin', 'python'), '-c', MOTO_MAIN, '-H', '127.0.0.1', '-p', String(port)], {
    logDir,
    env: {
      ...process.env,
      // Unknown Regions are a typo in a test, not a new Region: fail like AWS does.
      MOTO_ALLOW_NONEXISTENT_REGION: 'false',
      // moto's stock AMI catalogue adds seconds to the first EC2 call of each Region; the seed names its own AMI.
      MOTO_EC2_LOAD_DEFAULT_AMIS: 'false',
      // Services never start tasks in moto, so their runningCount would read 0 next to their RUNNING tasks.
      MOTO_ECS_SERVICE_RUNNING: String(SERVICE_RUNNING_COUNT),
    },
  });
  try {
    await waitUntil(service, 'moto to answer', () => httpOk(`${endpoint}/moto-api/`), 30_000);
    await setTransition(endpoint, 'ecs::task');
  } catch (e) {
    await service.stop();
    throw e;
  }
  void warmUp(endpoint);
  let standin: Standin;
  try {
    standin = await startStandin({
      moto: endpoint,
      principals: [
        { accessKeyId: TEST_CREDENTIALS.AWS_ACCESS_KEY_ID, arn: SEED_USER_ARN },
        // The viewer is read-only on ECS too (UpdateService, StopTask are refused), as on its clusters.
        ...Object.values(PRINCIPALS).map((p) => ({ accessKeyId: p.accessKeyId, arn: p.arn, readOnly: p === PRINCIPALS.viewer })),
      ],
      sso: { accounts: SSO_ACCOUNTS },
      // ecs:ExecuteCommand is answered by the test environment's SSM agent (test/env/ssm-agent.ts): a websocket
      // server speaking the data-channel protocol with a real shell behind it, so the demo's tasks can be exec'd into.
      executeCommand: async (req) => {
        const agent = await import('./ssm-agent');
        // The agent's KMS Decrypt goes to moto itself: this process's AWS_ENDPOINT_URL may be the stand-in.
        agent.configureAgent({ kmsEndpoint: endpoint, region: req.region });
        return agent.createSession({
          cluster: req.clusterArn.split('/').pop()!,
          taskId: req.task.taskArn.split('/').pop()!,
          containerRuntimeId: String(req.container.runtimeId ?? ''),
          command: req.command,
          interactive: req.interactive,
        });
      },
    });
  } catch (e) {
    await service.stop();
    throw e;
  }
  // An empty shared config and credentials file: a developer's ~/.aws (profiles, endpoint_url, SSO) must not leak in.
  const awsConfig = path.join(logDir, 'aws-config-empty');
  fs.writeFileSync(awsConfig, '');
  return {
    env: {
      AWS_ENDPOINT_URL: standin.url,
      WHARF_TEST_AWS_ENDPOINT: standin.url,
      WHARF_TEST_MOTO_ENDPOINT: endpoint,
      AWS_REGION: TEST_REGION,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...TEST_CREDENTIALS,
      // Empty counts as unset for the SDK: a set AWS_PROFILE would make it skip the variables above, and a
      // developer's own session token must not ride along with the fake keys.
      AWS_PROFILE: '',
      AWS_SESSION_TOKEN: '',
      AWS_CONFIG_FILE: awsConfig,
      AWS_SHARED_CREDENTIALS_FILE: awsConfig,
      // Node 20 is this project's floor; the SDK's notice about it would repeat in every test process.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    standin,
    motoEndpoint: endpoint,
    stop: async () => {
      await (await import('./ssm-agent')).stopAgent();
      await standin.close();
      await service.stop();
    },
  };
}

/**
 * moto advances a task one lifecycle state per DescribeTasks call (RUNNING, DEACTIVATING, ... STOPPED); an explorer
 * that polls would watch every task die. Manual progression after a million calls keeps tasks where RunTask put them.
 */
async function setTransition(endpoint: string, model: string): Promise<void> {
  const r = await fetch(`${endpoint}/moto-api/state-manager/set-transition`, {
    method: 'POST',
    body: JSON.stringify({ model_name: model, transition: { progression: 'manual', times: 1_000_000 } }),
    signal: AbortSignal.timeout(5000),
  });
  if (!r.ok) throw new Error(`moto state manager refused the ${model} transition: HTTP ${r.status} ${await r.text()}`);
}

/**
 * moto imports a service's code on its first request, seconds each on a busy machine (EC2 most of all). Asking
 * every service the seed uses a harmless question now lets that happen while the next service of the stack
 * starts; nobody waits for it, and a failure here shows up again, with its real message, in the first real call.
 * Plain requests rather than SDK clients: moto routes on the credential scope and checks no signature, and the
 * runner process stays free of the SDK.
 */
async function warmUp(endpoint: string): Promise<void> {
  const ask = (region: string, service: string, init: RequestInit & { path?: string }) =>
    fetch(`${endpoint}${init.path ?? '/'}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        authorization: `AWS4-HMAC-SHA256 Credential=${TEST_CREDENTIALS.AWS_ACCESS_KEY_ID}/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
      },
      signal: AbortSignal.timeout(60_000),
    }).then((r) => r.arrayBuffer());
  const json = (target: string) => ({ method: 'POST', body: '{}', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target } });
  const ec2 = { method: 'POST', body: 'Action=DescribeVpcs&Version=2016-11-15', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  const calls = [
    () => ask('us-east-1', 'ec2', ec2),
    () => ask('eu-west-1', 'ec2', ec2),
    () => ask('us-east-1', 'eks', { method: 'GET', path: '/clusters' }),
    () => ask('us-east-1', 'ecs', json('AmazonEC2ContainerServiceV20141113.ListClusters')),
    () => ask('us-east-1', 'logs', json('Logs_20140328.DescribeLogGroups')),
  ];
  // One at a time: imports hold Python's GIL, so parallel ones would finish no sooner (moto locks backend set-up,
  // so the seed's own first requests may safely overlap these).
  for (const call of calls) await call().catch(() => undefined);
}
