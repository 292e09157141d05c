// Turning ECS Exec on for a service: UpdateService with enableExecuteCommand and a forced new deployment, because the
// flag applies to tasks started after it is set (running tasks keep running without the agent's channel). Only the
// rolling (ECS) deployment controller takes these through UpdateService: blue/green (CODE_DEPLOY) and EXTERNAL
// services get new tasks through their own controller, so they are told so instead of being sent a call ECS refuses.
import { DescribeServicesCommand, UpdateServiceCommand, type ECSClient } from '@aws-sdk/client-ecs';
import type { EcsService } from './model';
import { toEcsService } from './ecs';

export async function enableEcsExec(ecs: ECSClient, clusterArn: string, serviceName: string, signal?: AbortSignal): Promise<EcsService> {
  const d = await ecs.send(new DescribeServicesCommand({ cluster: clusterArn, services: [serviceName] }), { abortSignal: signal });
  const controller = d.services?.[0]?.deploymentController?.type ?? 'ECS';
  if (controller !== 'ECS') {
    throw new Error(`service ${serviceName} uses the ${controller} deployment controller, which UpdateService cannot redeploy: enable execute command in the task set or deployment that ${controller === 'CODE_DEPLOY' ? 'CodeDeploy' : 'your deployment tool'} creates next`);
  }
  const r = await ecs.send(new UpdateServiceCommand({ cluster: clusterArn, service: serviceName, enableExecuteCommand: true, forceNewDeployment: true }), { abortSignal: signal });
  if (!r.service) throw new Error(`UpdateService returned no service for ${serviceName}`);
  return toEcsService(r.service, clusterArn);
}
