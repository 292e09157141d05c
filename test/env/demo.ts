// `npm start`: Wharf in a real VS Code against a local AWS and local EKS clusters, no AWS account needed.
// Starts moto (seeded with two Regions of EKS and ECS), one Kubernetes control plane per demo EKS cluster (seeded
// with running workloads), and code-server with the packaged extension, a sample workspace of manifests, and
// endpoint overrides that send each demo cluster to its local API server. Ctrl-C or SIGTERM stops everything.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as aws from './aws';
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
  const extensionsDir = path.join(scratch, 'extensions');
  await installVsix(path.join(root, 'dist/wharf.vsix'), extensionsDir, scratch);
  const port = Number(process.env.WHARF_DEMO_PORT ?? 0) || undefined;
  const server = await startCodeServer({
    logDir: scratch,
    userDataDir: path.join(scratch, 'user'),
    extensionsDir,
    port,
    settings: { 'wharf.eks.endpointOverrides': overrides, 'workbench.colorTheme': 'Default Light Modern' },
    // The extension host inherits these: the AWS SDK's standard variables point it at the emulator. The admin
    // principal's keys are test-only values that the local API servers' token webhook accepts.
    env: {
      ...stack.env,
      AWS_ACCESS_KEY_ID: kube.PRINCIPALS.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: kube.PRINCIPALS.admin.secretAccessKey,
    },
  });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
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
