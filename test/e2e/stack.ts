// Runs a command (the e2e layer) with the local AWS and one Kubernetes control plane per demo EKS cluster, seeded as
// `npm start` seeds them, and the demo's AWS config (test/env/aws-profiles.ts):
//   npx tsx test/e2e/stack.ts -- bash test/run-e2e.sh
// wharf-admin maps to cluster-admin, wharf-viewer to the `view` ClusterRole (no Secrets, no Nodes: its 403s are
// what the access diagnosis explains). The command inherits the environment that points the SDK at the stand-in and
// at the config, plus WHARF_E2E_STACK (JSON: endpoint overrides and what was seeded) for the suites and the UI
// runner. Everything started here stops on every exit path.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as aws from '../env/aws';
import { writeAwsProfiles } from '../env/aws-profiles';
import * as kube from '../env/kube';
import { runDir, stopAll } from '../env/proc';
import { ESTATE_EKS, seedAws } from '../env/seed-aws';
import { seedKube } from '../env/seed-kube';
import type { E2eStack } from './stack-info';

export { ADMIN_PROFILE, VIEWER_PROFILE, readE2eStack, type E2eStack } from './stack-info';

async function main(): Promise<number> {
  const sep = process.argv.indexOf('--');
  const command = sep >= 0 ? process.argv.slice(sep + 1) : [];
  if (command.length === 0) {
    console.error('usage: stack.ts -- <command...>');
    return 2;
  }
  const t0 = Date.now();
  const scratch = runDir('e2e-stack');
  const log = (s: string) => console.error(`[e2e-stack] ${s} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  try {
    const stack = await aws.start(scratch);
    // The seeding clients (in this process only) use the emulator's static test credentials.
    Object.assign(process.env, stack.env);
    // The control planes start while the estate is seeded: one waits on processes, the other on moto.
    const kubeStarting = kube.start(scratch, { clusters: ESTATE_EKS.map((c) => c.name) });
    kubeStarting.catch(() => undefined);
    const estate = await seedAws(stack.env.AWS_ENDPOINT_URL);
    log(`AWS seeded: ${estate.eks.length} EKS clusters, ${estate.ecs.length} ECS clusters`);
    const kubeStack = await kubeStarting;
    const seeded = await Promise.all(kubeStack.clusters.map((k, i) => seedKube(k.creds, ESTATE_EKS[i].name)));
    log('Kubernetes seeded');
    const first = ESTATE_EKS.findIndex((c) => c.region === aws.TEST_REGION);
    const info: E2eStack = {
      overrides: Object.fromEntries(kubeStack.clusters.map((k, i) => [ESTATE_EKS[i].name, { url: k.creds.server, ca: k.creds.ca }])),
      region: aws.TEST_REGION,
      eks: estate.eks.map((c) => ({ name: c.name, region: c.region })),
      ecs: estate.ecs.map((c) => ({
        name: c.name, arn: c.arn, region: c.region,
        services: c.services.map((s) => ({ name: s.name, arn: s.arn, deploymentController: s.deploymentController, taskSets: s.taskSets.length, taskDefinitionArn: s.tasks[0]?.taskDefinitionArn ?? s.taskSets[0]?.taskDefinitionArn })),
      })),
      crashLoopPod: { cluster: ESTATE_EKS[first].name, namespace: seeded[first].crashLoopPod.namespace, name: seeded[first].crashLoopPod.name },
    };
    // The demo's AWS config (profiles wharf-admin, wharf-viewer, wharf-sso), never the seed's keys. Unlike the demo,
    // no AWS_PROFILE: the scenarios start where a person without a default profile starts, and pick one.
    const profiles = writeAwsProfiles(path.join(scratch, 'aws'));
    const env: Record<string, string | undefined> = { ...process.env, ...stack.env, ...profiles.env, AWS_PROFILE: '', WHARF_E2E_STACK: JSON.stringify(info) };
    return await new Promise<number>((resolve) => {
      const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env });
      child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
      child.on('error', (e) => {
        console.error(`[e2e-stack] cannot run ${command[0]}: ${e.message}`);
        resolve(2);
      });
    });
  } catch (e) {
    console.error(`[e2e-stack] ${(e as Error).stack ?? e}\n[e2e-stack] logs: ${scratch}`);
    process.env.WHARF_KEEP = '1';
    return 1;
  } finally {
    await stopAll();
    if (process.env.WHARF_KEEP !== '1') fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) void main().then((code) => process.exit(code));
