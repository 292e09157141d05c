// `npm start`: Wharf in a real VS Code against a local AWS and local EKS clusters, no AWS account needed.
// Starts moto behind the AWS stand-in (seeded with two Regions of EKS and ECS), one Kubernetes control plane per
// demo EKS cluster (seeded with running workloads), and code-server with the packaged extension, a sample workspace
// of manifests, endpoint overrides that send each demo cluster to its local API server, and an AWS config file with
// an admin and a viewer profile and an SSO session (aws-profiles.ts). Ctrl-C or SIGTERM stops everything.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as aws from './aws';
import { ADMIN_PROFILE, SSO_PROFILE, VIEWER_PROFILE, writeAwsProfiles } from './aws-profiles';
import * as kube from './kube';
import { runDir, stopAll } from './proc';
import { ESTATE_EKS, seedAws } from './seed-aws';
import { seedKube } from './seed-kube';
import { installVsix, startCodeServer } from './vscode';

const root = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const t0 = Date.now();
  const scratch = runDir('demo');
  const log = (s: string) => console.log(`[demo] ${s}`);
  const stack = await aws.start(scratch);
  // The seeding clients (and only they, in this process) use the emulator's static test credentials.
  Object.assign(process.env, stack.env);
  const estate = await seedAws(stack.env.AWS_ENDPOINT_URL);
  log(`AWS emulator on ${stack.env.AWS_ENDPOINT_URL}: ${estate.eks.length} EKS clusters, ${estate.ecs.length} ECS clusters`);
  const overrides: Record<string, { url: string; ca: string }> = {};
  // One control plane per demo EKS cluster, started together, sharing one etcd.
  const kubeStack = await kube.start(scratch, { clusters: ESTATE_EKS.map((c) => c.name) });
  for (const [i, c] of ESTATE_EKS.entries()) {
    const k = kubeStack.clusters[i];
    await seedKube(k.creds, c.name);
    overrides[c.name] = { url: k.creds.server, ca: k.creds.ca };
    log(`EKS cluster ${c.name} (${c.region}, Kubernetes ${c.version}) -> ${k.creds.server}`);
  }
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(root, 'test/env/demo-workspace'), workspace, { recursive: true });
  const profiles = writeAwsProfiles(path.join(scratch, 'aws'));
  const extensionsDir = path.join(scratch, 'extensions');
  await installVsix(path.join(root, 'dist/wharf.vsix'), extensionsDir, scratch);
  const port = Number(process.env.WHARF_DEMO_PORT ?? 0) || undefined;
  const server = await startCodeServer({
    logDir: scratch,
    userDataDir: path.join(scratch, 'user'),
    extensionsDir,
    port,
    settings: {
      'wharf.eks.endpointOverrides': overrides,
      'wharf.profiles': [ADMIN_PROFILE],
      'wharf.regions': ['us-east-1', 'eu-west-1'],
      'workbench.colorTheme': 'Default Light Modern',
    },
    // The extension host inherits these: AWS_ENDPOINT_URL points the SDK at the stand-in, and the config and
    // credentials files (not bare keys) say who the user is: the admin and viewer principals' test-only keys, which
    // the local API servers' token webhook accepts.
    env: { ...stack.env, ...profiles.env },
  });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  log(`AWS profiles: ${ADMIN_PROFILE} (cluster admin), ${VIEWER_PROFILE} (read-only: try a Secret or exec for the 403 diagnosis), ${SSO_PROFILE} (SSO sign-in: the browser page has an Allow button) in ${profiles.configFile}`);
  log('Port-forward: right-click a shop/storefront pod (or the Deployment, or its Service) -> Port Forward…, port 8080: the local port answers with the demo web page');
  log(`started in ${((Date.now() - t0) / 1000).toFixed(1)}s; logs in ${scratch}`);
  console.log(`Wharf demo ready: ${url}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('stopping');
  await server.stop();
  await kubeStack.stop();
  await stack.stop();
  await stopAll();
  fs.rmSync(scratch, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  async (e) => {
    console.error(`[demo] ${(e as Error).message}`);
    await stopAll();
    process.exit(1);
  },
);
